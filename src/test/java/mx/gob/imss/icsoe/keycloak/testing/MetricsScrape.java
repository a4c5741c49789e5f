package mx.gob.imss.icsoe.keycloak.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import mx.gob.imss.icsoe.keycloak.metrics.IcsoeMetrics;
import mx.gob.imss.icsoe.keycloak.resetcred.ResetOutcome;

/**
 * One read of {@code /metrics} on the management port, in the Prometheus text format, parsed simply:
 * {@code name{label="value",...} number}, comment lines skipped.
 */
public record MetricsScrape(String text, List<Sample> samples) {

    public static final String RESET_REQUESTS = "icsoe_reset_requests_total";
    public static final String MAIL_MESSAGES = "icsoe_mail_messages_total";
    public static final String QUEUE_DEPTH = "icsoe_mail_queue_depth";
    public static final String OUTBOX_PENDING = "icsoe_outbox_pending";
    public static final String OUTBOX_ATTEMPTS = "icsoe_outbox_attempts_total";
    public static final String OUTBOX_REPLIES = "icsoe_outbox_replies_total";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern LINE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+).*");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    public record Sample(String name, Map<String, String> labels, double value) {
    }

    /** Reads the metrics of the server whose management interface is at {@code managementUrl}, now. */
    public static MetricsScrape of(String managementUrl) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(managementUrl + "/metrics"))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("GET /metrics on the management port").isEqualTo(200);
            return parse(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading /metrics", e);
        }
    }

    /** Reads the metrics until {@code done} holds, for 30 s at the most. */
    public static MetricsScrape await(String managementUrl, Predicate<MetricsScrape> done, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        MetricsScrape scrape = of(managementUrl);
        while (!done.test(scrape)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("No " + what + " within " + WAIT.toSeconds() + " s; last scrape:\n"
                        + String.join("\n", scrape.icsoeLines()));
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
            scrape = of(managementUrl);
        }
        return scrape;
    }

    /**
     * Waits until the mail outbox is empty and this node holds no row: every email written so far
     * has been sent or given up and has counted its outcome (a row leaves the node's hands after its
     * last transaction, and so its counts, are done).
     */
    public static MetricsScrape awaitIdle(String managementUrl) {
        return await(managementUrl, MetricsScrape::idle, "idle mail outbox");
    }

    /** No outbox row anywhere, none in this node's hands. */
    public boolean idle() {
        return value(QUEUE_DEPTH) == 0 && pendingRows() == 0;
    }

    /** Outbox rows of every kind, cluster-wide. */
    public double pendingRows() {
        return samples.stream().filter(s -> s.name().equals(OUTBOX_PENDING)).mapToDouble(Sample::value).sum();
    }

    /** Waits until the realm's reset requests since {@code before} add up to {@code requests} (or more) and the queue is idle. */
    public static MetricsScrape awaitResetRequests(String managementUrl, MetricsScrape before, int requests) {
        return await(managementUrl, scrape -> scrape.idle() && scrape.resetRequestsSince(before) >= requests,
                requests + " reset request outcomes");
    }

    /**
     * Waits until the reset requests since each node's {@code before} scrape (management URL → scrape)
     * add up to {@code requests} over all the nodes, with every node idle, and gives the outcomes
     * summed over the nodes, as Prometheus would.
     */
    public static Map<String, Double> awaitResetOutcomesAcross(Map<String, MetricsScrape> before, int requests) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Map<String, Double> sum = new LinkedHashMap<>();
            boolean idle = true;
            for (Map.Entry<String, MetricsScrape> node : before.entrySet()) {
                MetricsScrape now = of(node.getKey());
                idle &= now.idle();
                now.resetOutcomesSince(node.getValue()).forEach((outcome, count) -> sum.merge(outcome, count, Double::sum));
            }
            double total = sum.values().stream().mapToDouble(Double::doubleValue).sum();
            if ((idle && total >= requests) || System.nanoTime() > deadline) {
                return sum;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + requests + " reset outcomes", e);
            }
        }
    }

    /** All reset requests of realm {@code icsoe} since {@code before}, whatever their outcome. */
    public double resetRequestsSince(MetricsScrape before) {
        return resetOutcomesSince(before).values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** Every reset outcome of realm {@code icsoe} (zeros included) and how much it grew since {@code before}. */
    public Map<String, Double> resetOutcomesSince(MetricsScrape before) {
        Map<String, Double> outcomes = new LinkedHashMap<>();
        Arrays.stream(ResetOutcome.values()).map(MetricsScrape::tag)
                .forEach(o -> outcomes.put(o, since(before, RESET_REQUESTS, "outcome", o, "realm", IcsoeKeycloak.REALM)));
        return outcomes;
    }

    /** {@code counts} (outcome → count) with every other outcome at 0, to compare with {@link #resetOutcomesSince}. */
    public static Map<String, Double> resetOutcomes(Map<String, Integer> counts) {
        Map<String, Double> expected = new LinkedHashMap<>();
        Arrays.stream(ResetOutcome.values()).map(MetricsScrape::tag)
                .forEach(o -> expected.put(o, counts.getOrDefault(o, 0).doubleValue()));
        assertThat(expected).as("known outcomes").containsKeys(counts.keySet().toArray(String[]::new));
        return expected;
    }

    private static String tag(ResetOutcome outcome) {
        return outcome.name().toLowerCase(Locale.ROOT);
    }

    static MetricsScrape parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher sample = LINE.matcher(line.trim());
            if (line.startsWith("#") || !sample.matches()) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (sample.group(2) != null) {
                Matcher label = LABEL.matcher(sample.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(3))));
        }
        return new MetricsScrape(text, samples);
    }

    /** The value of the series with exactly these labels ({@code key, value, ...}); 0 when it does not exist (yet). */
    public double value(String name, String... labelPairs) {
        Map<String, String> wanted = new LinkedHashMap<>();
        for (int i = 0; i < labelPairs.length; i += 2) {
            wanted.put(labelPairs[i], labelPairs[i + 1]);
        }
        List<Sample> matching = samples.stream().filter(s -> s.name().equals(name) && s.labels().equals(wanted)).toList();
        assertThat(matching).as("series %s%s", name, wanted).hasSizeLessThan(2);
        return matching.isEmpty() ? 0 : matching.get(0).value();
    }

    /** How much the series grew since {@code before}. */
    public double since(MetricsScrape before, String name, String... labelPairs) {
        return value(name, labelPairs) - before.value(name, labelPairs);
    }

    /** The sample lines of the jar's own meters ({@code icsoe_…}). */
    public List<String> icsoeLines() {
        return text.lines().filter(line -> line.startsWith("icsoe_")).toList();
    }
}
