package mx.gob.imss.icsoe.keycloak.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.gatling.app.Gatling$;
import io.gatling.javaapi.core.Simulation;

/**
 * Runs one Gatling simulation in this JVM (so it shares the harness's servers and SMTP sink), and
 * reads the figures of its HTML report: per request name, the count, the failures and the 50th /
 * 95th / 99th percentiles Gatling computed. Throughput is the caller's: ok count over its own clock.
 */
final class GatlingRun {

    /** One request name's figures, or the whole run's under {@link #ALL}. */
    record Step(String name, long ok, long ko, long p50, long p95, long p99, long max) {
    }

    static final String ALL = "all requests";

    record Result(String simulation, Path report, Duration injected, int exitCode, Map<String, Step> steps) {

        /** A step's completed exchanges per second of injection. */
        double perSecond(Step step) {
            return step.ok() / (injected.toMillis() / 1000.0);
        }

        Step step(String name) {
            Step step = steps.get(name);
            if (step == null) {
                throw new AssertionError("No request named '" + name + "' in " + report + ": " + steps.keySet());
            }
            return step;
        }

        long errors() {
            return step(ALL).ko();
        }
    }

    private GatlingRun() {
    }

    static Result run(Class<? extends Simulation> simulation, LoadPlan plan, Path resultsDir, String description) {
        LoadPlan.use(plan);
        try {
            Files.createDirectories(resultsDir);
            int exit = Gatling$.MODULE$.fromArgs(new String[] {
                "--simulation", simulation.getName(),
                "--results-folder", resultsDir.toString(),
                "--run-description", description,
                "--launcher", "maven",
            });
            Path report = newestReport(resultsDir);
            if (exit != 0) {
                throw new AssertionError("Gatling ended with status " + exit + " (" + description + "); report: " + report);
            }
            return new Result(simulation.getSimpleName(), report, plan.injection().duration(), exit, steps(report.resolve("index.html")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            LoadPlan.use(null);
        }
    }

    private static Path newestReport(Path resultsDir) throws IOException {
        try (Stream<Path> reports = Files.list(resultsDir)) {
            return reports.filter(dir -> Files.isRegularFile(dir.resolve("index.html")))
                    .max(Comparator.comparing(dir -> dir.toFile().lastModified()))
                    .orElseThrow(() -> new AssertionError("Gatling wrote no report under " + resultsDir));
        }
    }

    private static final Pattern ROW = Pattern.compile(
            "<tr id=\"[^\"]+\"[^>]*>.*?class=\"ellipsed-name\">([^<]*)</span>(.*?)</tr>", Pattern.DOTALL);
    private static final Pattern CELL = Pattern.compile("<td class=\"value [a-z]+ col-(\\d+)\">([^<]*)</td>");

    /**
     * The statistics table of the report's {@code index.html} (Gatling 3.14 writes no JSON of it): per
     * request name, total / OK / KO, then min, 50th, 75th, 95th, 99th percentile and max (ms).
     */
    static Map<String, Step> steps(Path indexHtml) throws IOException {
        String html = Files.readString(indexHtml);
        Map<String, Step> steps = new LinkedHashMap<>();
        Matcher row = ROW.matcher(html);
        while (row.find()) {
            String name = row.group(1).trim();
            Map<Integer, String> cells = new HashMap<>();
            Matcher cell = CELL.matcher(row.group(2));
            while (cell.find()) {
                cells.put(Integer.parseInt(cell.group(1)), cell.group(2).trim());
            }
            steps.put("All Requests".equals(name) ? ALL : name, new Step(name, number(cells, 3), number(cells, 4),
                    number(cells, 8), number(cells, 10), number(cells, 11), number(cells, 12)));
        }
        if (!steps.containsKey(ALL)) {
            throw new AssertionError("No statistics table in " + indexHtml);
        }
        return steps;
    }

    private static long number(Map<Integer, String> cells, int column) {
        String value = cells.get(column);
        return value == null || value.equals("-") ? 0 : Long.parseLong(value);
    }
}
