package mx.gob.imss.icsoe.keycloak.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import org.keycloak.util.JsonSerialization;

/**
 * The operator's pack as shipped in {@code deploy/monitoring/}: the Prometheus rules, the Grafana
 * dashboard and the runbook, read the way Prometheus and Grafana read them, for the tests that check
 * them and for the cluster harness that loads them into a real Prometheus.
 */
public final class MonitoringPack {

    public static final String RULES = "prometheus-rules.yml";
    public static final String RULE_TESTS = "prometheus-rules.test.yml";
    public static final String DASHBOARD = "grafana-dashboard.json";
    public static final String RUNBOOK = "runbook.md";

    /**
     * The only changes the cluster ITs make to the shipped rules, so that alerts fire within a test
     * run: every {@code for:} becomes 5 s, and the stuck threshold 5 minutes becomes 15 s (the relay
     * outage of the test lasts well beyond it). Each original must be found exactly as written here,
     * so a change to the shipped thresholds fails the harness instead of testing something else.
     */
    public static final Map<String, String> TEST_SCALE = testScale();

    private static final Pattern ALERT = Pattern.compile("(?m)^\\s*- alert: (\\w+)\\s*$");
    private static final Pattern RECORD = Pattern.compile("(?m)^\\s*- record: (\\S+)\\s*$");
    private static final Pattern FOR = Pattern.compile("(?m)^(\\s*for: )\\d+[smh]\\s*$");

    private final Path dir;

    public MonitoringPack(Path dir) {
        this.dir = dir.toAbsolutePath();
    }

    /** {@code deploy/monitoring} of this checkout: Maven runs the tests from the project's base directory. */
    public static MonitoringPack ofCheckout() {
        return new MonitoringPack(Paths.get(System.getProperty("icsoe.monitoring.dir", "deploy/monitoring")));
    }

    public Path dir() {
        return dir;
    }

    public Path rules() {
        return dir.resolve(RULES);
    }

    public String read(String file) {
        try {
            return Files.readString(dir.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<String> alertNames() {
        return all(ALERT, read(RULES));
    }

    public List<String> recordNames() {
        return all(RECORD, read(RULES));
    }

    public JsonNode dashboard() {
        try {
            return JsonSerialization.mapper.readTree(read(DASHBOARD));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every query panel's title and its expressions, in the dashboard's order. */
    public Map<String, List<String>> panelQueries() {
        Map<String, List<String>> queries = new LinkedHashMap<>();
        for (JsonNode panel : dashboard().path("panels")) {
            if (!"row".equals(panel.path("type").asText())) {
                List<String> expressions = new ArrayList<>();
                panel.path("targets").forEach(target -> expressions.add(target.path("expr").asText()));
                queries.put(panel.path("title").asText(), expressions);
            }
        }
        return queries;
    }

    /**
     * {@code expression} with Grafana's variables as Grafana would send it for one job and realm, and
     * {@code rateInterval} for {@code $__rate_interval} (four scrape intervals or more).
     */
    public static String interpolate(String expression, String job, String realm, String rateInterval) {
        return expression.replace("$__rate_interval", rateInterval).replace("$job", job).replace("$realm", realm);
    }

    /** The shipped rules at test scale ({@link #TEST_SCALE}), written to {@code target}. */
    public Path writeTestScaleRules(Path target) {
        String rules = read(RULES);
        for (Map.Entry<String, String> change : TEST_SCALE.entrySet()) {
            int at = rules.indexOf(change.getKey());
            if (at < 0 || rules.indexOf(change.getKey(), at + 1) >= 0) {
                throw new IllegalStateException("Expected exactly one '" + change.getKey() + "' in " + rules());
            }
            rules = rules.replace(change.getKey(), change.getValue());
        }
        Matcher durations = FOR.matcher(rules);
        if (!durations.find()) {
            throw new IllegalStateException("No 'for:' in " + rules());
        }
        rules = durations.replaceAll("$15s");
        try {
            Files.createDirectories(target.getParent());
            Files.writeString(target, rules);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    private static Map<String, String> testScale() {
        Map<String, String> changes = new LinkedHashMap<>();
        changes.put("expr: max by (job) (icsoe_outbox_oldest_age_seconds{kind=\"reset_link\"}) > 300",
                "expr: max by (job) (icsoe_outbox_oldest_age_seconds{kind=\"reset_link\"}) > 15");
        return java.util.Collections.unmodifiableMap(changes);
    }

    private static List<String> all(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }
}
