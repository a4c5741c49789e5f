package mx.gob.imss.icsoe.keycloak.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import mx.gob.imss.icsoe.keycloak.testing.MonitoringPack;
import mx.gob.imss.icsoe.keycloak.resetcred.ResetOutcome;

/**
 * The operator's pack in {@code deploy/monitoring/} as Prometheus and Grafana would take it: the
 * rules pass {@code promtool check rules} and their unit tests ({@code promtool test rules}, Debian's
 * {@code prometheus} package: {@code .ci/run} installs it), the dashboard is well-formed Grafana JSON
 * with no Kubernetes label, every query names only meters this jar publishes, every alert has its
 * runbook section in both languages, and {@code docs/operations.md} shows every panel's query as the
 * dashboard has it. {@code ClusterPrometheusIT} runs the same files against a real Prometheus.
 */
class MonitoringPackTest {

    private static final Pattern METRIC = Pattern.compile("\\b(icsoe_[a-z0-9_]+)\\b");
    private static final Pattern RUNBOOK_URL = Pattern.compile("runbook_url: \"runbook\\.md#([a-z0-9-]+)\"");
    private static final Set<String> KUBERNETES_LABELS = Set.of("namespace", "pod", "container", "kubernetes_", "cluster=", "service=");

    private final MonitoringPack pack = MonitoringPack.ofCheckout();

    @Test
    void givenTheShippedRules_thenPromtoolChecksThemAndTheirUnitTestsPass() throws Exception {
        assertThat(promtool("check", "rules", MonitoringPack.RULES)).contains("SUCCESS: 10 rules found");
        assertThat(promtool("test", "rules", MonitoringPack.RULE_TESTS)).contains("SUCCESS");
    }

    @Test
    void givenEveryAlert_thenTheUnitTestsMakeItFireAndKeepItQuiet() {
        String tests = pack.read(MonitoringPack.RULE_TESTS);
        for (String alert : pack.alertNames()) {
            int quiet = 0;
            int firing = 0;
            for (String block : tests.split("- eval_time:")) {
                if (block.contains("alertname: " + alert + "\n")) {
                    if (block.contains("exp_alerts: []")) {
                        quiet++;
                    } else if (block.contains("exp_labels:")) {
                        firing++;
                    }
                }
            }
            assertThat(firing).as("cases where %s must fire", alert).isPositive();
            assertThat(quiet).as("cases where %s must stay quiet", alert).isPositive();
        }
        assertThat(pack.alertNames()).containsExactlyInAnyOrder("IcsoeResetEmailsStuck", "IcsoeResetEmailsAbandoned",
                "IcsoeRelayFailing", "IcsoeResetThrottleSurge", "IcsoeNodeMetricsMissing", "IcsoeEfirmaFailures");
    }

    @Test
    void givenTheDashboard_thenItHasWhatGrafanaRequiresOfAnImportedDashboard() {
        JsonNode dashboard = pack.dashboard();
        assertThat(dashboard.path("uid").asText()).matches("[a-z0-9-]{1,40}");
        assertThat(dashboard.path("title").asText()).isNotBlank();
        assertThat(dashboard.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(36);
        assertThat(dashboard.path("templating").path("list")).extracting(v -> v.path("name").asText())
                .containsExactly("datasource", "job", "realm");
        JsonNode source = dashboard.path("templating").path("list").get(0);
        assertThat(source.path("type").asText() + " " + source.path("query").asText()).isEqualTo("datasource prometheus");

        Set<Integer> ids = new HashSet<>();
        List<int[]> cells = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            String title = panel.path("title").asText();
            assertThat(ids.add(panel.path("id").asInt())).as("unique id of %s", title).isTrue();
            assertThat(panel.path("type").asText()).as(title).isIn("row", "timeseries", "stat");
            JsonNode grid = panel.path("gridPos");
            int x = grid.path("x").asInt();
            int y = grid.path("y").asInt();
            int w = grid.path("w").asInt();
            int h = grid.path("h").asInt();
            assertThat(w).as("width of %s", title).isBetween(1, 24);
            assertThat(x + w).as("right edge of %s", title).isLessThanOrEqualTo(24);
            assertThat(h).as(title).isPositive();
            for (int[] other : cells) {
                boolean overlaps = x < other[0] + other[2] && other[0] < x + w && y < other[1] + other[3] && other[1] < y + h;
                assertThat(overlaps).as("%s overlaps another panel", title).isFalse();
            }
            cells.add(new int[] {x, y, w, h});
            if ("row".equals(panel.path("type").asText())) {
                continue;
            }
            assertThat(panel.path("description").asText()).as("what %s answers", title).isNotBlank();
            assertThat(panel.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
            assertThat(panel.path("targets")).as(title).isNotEmpty();
            Set<String> refIds = new HashSet<>();
            for (JsonNode target : panel.path("targets")) {
                assertThat(refIds.add(target.path("refId").asText())).as("refIds of %s", title).isTrue();
                String expr = target.path("expr").asText();
                assertThat(expr).as(title).isNotBlank().contains("job=~\"$job\"");
                KUBERNETES_LABELS.forEach(label -> assertThat(expr).as(title).doesNotContain(label));
            }
        }
        assertThat(pack.panelQueries()).hasSizeGreaterThanOrEqualTo(13);
    }

    @Test
    void givenEveryQueryOfTheRulesAndTheDashboard_thenItNamesOnlyMetersThisJarPublishes() {
        Set<String> published = publishedMeters();
        Set<String> named = new HashSet<>();
        collect(pack.read(MonitoringPack.RULES), named);
        pack.panelQueries().values().forEach(expressions -> expressions.forEach(expr -> collect(expr, named)));
        assertThat(named).isNotEmpty();
        assertThat(published).containsAll(named);
        // and the pack watches every meter the jar has
        assertThat(named).containsAll(published);
    }

    @Test
    void givenEveryAlert_thenItsRunbookSectionExistsInSpanishAndEnglish() {
        String rules = pack.read(MonitoringPack.RULES);
        String runbook = pack.read(MonitoringPack.RUNBOOK);
        List<String> anchors = new ArrayList<>();
        Matcher url = RUNBOOK_URL.matcher(rules);
        while (url.find()) {
            anchors.add(url.group(1));
        }
        assertThat(anchors).containsExactlyElementsOf(pack.alertNames().stream().map(n -> n.toLowerCase(Locale.ROOT)).toList());
        List<String> sections = new ArrayList<>();
        for (String section : runbook.split("\n## ")) {
            String name = section.substring(0, section.indexOf('\n')).strip();
            if (name.startsWith("Icsoe")) {
                sections.add(name);
                assertThat(section).as(name).contains("**Español**", "**English**", "Qué revisar primero", "What to check first",
                        "Cómo resolverlo", "How to resolve it", "Qué vive el capturista", "What the capturista sees");
            }
        }
        assertThat(sections).containsExactlyElementsOf(pack.alertNames());
    }

    @Test
    void givenTheOperationsDoc_thenItShowsEveryPanelWithTheDashboardsOwnQuery() throws IOException {
        String doc = Files.readString(Paths.get("docs/operations.md"));
        for (Map.Entry<String, List<String>> panel : pack.panelQueries().entrySet()) {
            assertThat(doc).as("docs/operations.md names the panel").contains("| " + panel.getKey() + " |");
            for (String expr : panel.getValue()) {
                assertThat(doc).as("docs/operations.md shows the query of %s", panel.getKey())
                        .contains("`" + expr.replace("|", "\\|") + "`");
            }
        }
    }

    @Test
    void givenTheTestScaleOfTheClusterIts_thenOnlyDurationsAndTheStuckThresholdChange(@TempDir Path dir) throws IOException {
        String shipped = pack.read(MonitoringPack.RULES);
        String scaled = Files.readString(pack.writeTestScaleRules(dir.resolve("rules.yml")));
        String[] before = shipped.split("\n");
        String[] after = scaled.split("\n");
        assertThat(after).hasSameSizeAs(before);
        int changed = 0;
        for (int i = 0; i < before.length; i++) {
            if (!before[i].equals(after[i])) {
                changed++;
                assertThat(after[i]).as("line %d", i + 1).matches("\\s*for: 5s|.*icsoe_outbox_oldest_age_seconds\\{kind=\"reset_link\"\\}\\) > 15");
            }
        }
        assertThat(changed).isEqualTo((int) shipped.lines().filter(l -> l.strip().startsWith("for:")).count() + 1);
    }

    /** The Prometheus name of every meter {@link IcsoeMetrics} can publish (counters end in {@code _total}). */
    private static Set<String> publishedMeters() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        IcsoeMetrics metrics = new IcsoeMetrics(registry);
        metrics.resetRequest("icsoe", ResetOutcome.QUEUED);
        metrics.mailAtZero(List.of("2xx"));
        metrics.outboxAttemptsAtZero("RESET_LINK");
        metrics.mailQueueDepth(() -> 0);
        metrics.outboxPending("reset_link", () -> 0);
        metrics.outboxOldestAge("reset_link", () -> 0);
        metrics.passwordChange("icsoe", IcsoeMetrics.Via.USER);
        metrics.efirmaSignedIn("icsoe");
        Set<String> names = new HashSet<>();
        for (Meter meter : registry.getMeters()) {
            String name = meter.getId().getName().replace('.', '_');
            names.add(meter instanceof Counter ? name + "_total" : name);
        }
        assertThat(names).as("every constant of IcsoeMetrics is exercised above").hasSize((int) java.util.Arrays
                .stream(IcsoeMetrics.class.getFields()).filter(f -> f.getType() == String.class).count());
        return names;
    }

    private static void collect(String text, Set<String> into) {
        Matcher metric = METRIC.matcher(text);
        while (metric.find()) {
            into.add(metric.group(1));
        }
    }

    private String promtool(String... arguments) throws IOException, InterruptedException {
        Path promtool = Paths.get(System.getProperty("icsoe.promtool", "/usr/bin/promtool"));
        assertThat(Files.isExecutable(promtool)).as("promtool at %s (Debian: apt-get install -y prometheus; .ci/run does)", promtool)
                .isTrue();
        List<String> command = new ArrayList<>(List.of(promtool.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(pack.dir().toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
