package mx.gob.imss.icsoe.keycloak.testing.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import org.keycloak.util.JsonSerialization;

import mx.gob.imss.icsoe.keycloak.testing.KeycloakDistServer;
import mx.gob.imss.icsoe.keycloak.testing.MonitoringPack;

/**
 * Debian's Prometheus, as an operator runs it: it scrapes every node's management port
 * ({@code /metrics}) as the job {@value #JOB} every second and evaluates the shipped
 * {@code deploy/monitoring/prometheus-rules.yml} every second, at the test scale of
 * {@link MonitoringPack#TEST_SCALE}. Its HTTP API answers the tests' PromQL.
 */
public final class LocalPrometheus implements AutoCloseable {

    public static final String JOB = "keycloak";

    private final Path binary;
    private final Path dir;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process process;

    public LocalPrometheus(Path binary, Path dir, int port) {
        this.binary = binary;
        this.dir = dir.toAbsolutePath();
        this.port = port;
    }

    public Path log() {
        return dir.resolve("prometheus.log");
    }

    public String tail(int lines) {
        return KeycloakDistServer.tail(log(), lines);
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Writes its configuration for {@code managementPorts}, checks it with promtool, starts it and waits until it is ready. */
    public Duration start(MonitoringPack pack, List<Integer> managementPorts) {
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("No Prometheus at " + binary + " (Debian: apt-get install -y prometheus)");
        }
        long t0 = System.nanoTime();
        try {
            Files.createDirectories(dir);
            Path rules = pack.writeTestScaleRules(dir.resolve(MonitoringPack.RULES));
            String targets = managementPorts.stream().map(p -> "'127.0.0.1:" + p + "'").collect(Collectors.joining(", "));
            Path config = dir.resolve("prometheus.yml");
            Files.writeString(config, String.join("\n",
                    "global:",
                    "  scrape_interval: 1s",
                    "  scrape_timeout: 1s",
                    "  evaluation_interval: 1s",
                    "rule_files:",
                    "  - " + rules,
                    "scrape_configs:",
                    "  - job_name: " + JOB,
                    "    metrics_path: /metrics",
                    "    static_configs:",
                    "      - targets: [" + targets + "]",
                    ""));
            Path promtool = binary.resolveSibling("promtool");
            if (Files.isExecutable(promtool)) {
                Commands.run(dir, dir.resolve("check.log"), null, java.util.Map.of(), Duration.ofSeconds(30),
                        promtool.toString(), "check", "config", config.toString());
            }
            process = new ProcessBuilder(binary.toString(), "--config.file=" + config,
                    "--storage.tsdb.path=" + dir.resolve("data"), "--storage.tsdb.retention.time=1d",
                    "--web.listen-address=127.0.0.1:" + port, "--web.enable-lifecycle")
                    .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log().toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!ready()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("Prometheus did not become ready:\n" + tail(30));
            }
            IcsoeCluster.pause(200);
        }
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    private boolean ready() {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url() + "/-/ready")).timeout(Duration.ofSeconds(2)).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * An instant query through {@code /api/v1/query}: the whole answer ({@code status},
     * {@code data.result}, or {@code errorType} and {@code error}), also when Prometheus refuses it.
     */
    public JsonNode query(String promql) {
        return get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    }

    /** The series of an instant query; fails when Prometheus refused it. */
    public JsonNode series(String promql) {
        JsonNode answer = query(promql);
        if (!"success".equals(answer.path("status").asText())) {
            throw new AssertionError("Prometheus refused " + promql + ": " + answer);
        }
        return answer.path("data").path("result");
    }

    /** The loaded rule groups, each rule with its query, health and last error ({@code /api/v1/rules}). */
    public JsonNode rules() {
        return get("/api/v1/rules").path("data").path("groups");
    }

    /** The alerts pending or firing now ({@code /api/v1/alerts}). */
    public JsonNode alerts() {
        return get("/api/v1/alerts").path("data").path("alerts");
    }

    /** The state of {@code alertname} now: {@code firing}, {@code pending} or {@code inactive}. */
    public String alertState(String alertname) {
        String state = "inactive";
        for (JsonNode alert : alerts()) {
            if (alertname.equals(alert.path("labels").path("alertname").asText()) && !"firing".equals(state)) {
                state = alert.path("state").asText();
            }
        }
        return state;
    }

    private JsonNode get(String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(10)).GET().build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return JsonSerialization.mapper.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }


    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
