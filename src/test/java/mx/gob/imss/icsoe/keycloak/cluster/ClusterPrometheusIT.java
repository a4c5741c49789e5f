package mx.gob.imss.icsoe.keycloak.cluster;

import static mx.gob.imss.icsoe.keycloak.cluster.ClusterFlows.assertSentPage;
import static mx.gob.imss.icsoe.keycloak.cluster.ClusterFlows.submitReset;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;

import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.representations.idm.CredentialRepresentation;

import mx.gob.imss.icsoe.keycloak.testing.Browsers;
import mx.gob.imss.icsoe.keycloak.testing.Capturista;
import mx.gob.imss.icsoe.keycloak.testing.FlakySmtpRelay;
import mx.gob.imss.icsoe.keycloak.testing.MonitoringPack;
import mx.gob.imss.icsoe.keycloak.testing.RealmMail;
import mx.gob.imss.icsoe.keycloak.testing.ScriptedSmtpServer;
import mx.gob.imss.icsoe.keycloak.testing.cluster.ClusterExtension;
import mx.gob.imss.icsoe.keycloak.testing.cluster.IcsoeCluster;
import mx.gob.imss.icsoe.keycloak.testing.cluster.IcsoeCluster.Node;
import mx.gob.imss.icsoe.keycloak.testing.cluster.LocalPrometheus;
import mx.gob.imss.icsoe.keycloak.testing.pages.ResetRequestPage;
import mx.gob.imss.icsoe.keycloak.testing.pages.UpdatePasswordPage;

/**
 * The operator's pack ({@code deploy/monitoring/}) against a real Prometheus that scrapes both nodes
 * every second and evaluates the shipped rules (at the test scale of {@link MonitoringPack#TEST_SCALE}):
 * after traffic of every kind, every query of every dashboard panel returns data, every rule is healthy
 * and evaluates, and the alerts fire on the faults they are for and resolve when the fault ends. Runs
 * last of the cluster ITs (class name order); it makes all the traffic it reads.
 */
@Tag("cluster")
@ExtendWith(ClusterExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterPrometheusIT {

    /** Grafana's {@code $__rate_interval} for a 1 s scrape would be 4 s; a minute keeps the test's traffic in sight. */
    private static final String RATE_INTERVAL = "1m";
    private static final Duration SCRAPED = Duration.ofSeconds(30);
    private static final Duration ALERT = Duration.ofSeconds(90);

    @Test
    @Order(1)
    void givenTrafficOfEveryKind_whenPrometheusScrapesBothNodes_thenEveryPanelOfTheDashboardHasData(IcsoeCluster cluster)
            throws Exception {
        LocalPrometheus prometheus = cluster.prometheus();
        for (Node node : Node.values()) {
            if (!cluster.node(node).isRunning()) {
                cluster.restart(node);
            }
        }
        everyKindOfTraffic(cluster);

        MonitoringPack pack = MonitoringPack.ofCheckout();
        Map<String, Integer> seriesByPanel = new LinkedHashMap<>();
        List<String> empty = new ArrayList<>();
        for (Map.Entry<String, List<String>> panel : pack.panelQueries().entrySet()) {
            for (String expr : panel.getValue()) {
                String query = MonitoringPack.interpolate(expr, LocalPrometheus.JOB, IcsoeCluster.REALM, RATE_INTERVAL);
                boolean answered = eventually(SCRAPED, () -> prometheus.series(query).size() > 0);
                seriesByPanel.merge(panel.getKey(), prometheus.series(query).size(), Integer::sum);
                if (!answered) {
                    empty.add(panel.getKey() + ": " + query);
                }
            }
        }
        record("dashboard: %d panels, every query answered by Prometheus; series per panel %s", seriesByPanel.size(), seriesByPanel);
        assertThat(empty).as("panel queries with no series after traffic of every kind").isEmpty();
    }

    @Test
    @Order(2)
    void givenTheShippedRules_whenPrometheusEvaluatesThem_thenEveryRuleIsHealthyAndEveryExpressionEvaluates(IcsoeCluster cluster) {
        LocalPrometheus prometheus = cluster.prometheus();
        MonitoringPack pack = MonitoringPack.ofCheckout();
        List<String> alerts = new ArrayList<>();
        List<String> records = new ArrayList<>();
        for (JsonNode group : prometheus.rules()) {
            for (JsonNode rule : group.path("rules")) {
                String name = rule.path("name").asText();
                (("alerting".equals(rule.path("type").asText())) ? alerts : records).add(name);
                assertThat(rule.path("health").asText()).as("health of %s (%s)", name, rule.path("lastError").asText())
                        .isEqualTo("ok");
                JsonNode answer = prometheus.query(rule.path("query").asText());
                assertThat(answer.path("status").asText()).as("%s evaluates: %s", name, answer).isEqualTo("success");
            }
        }
        assertThat(alerts).containsExactlyElementsOf(pack.alertNames());
        assertThat(records).containsExactlyElementsOf(pack.recordNames());
        record("rules: %d recording rules and %d alerts loaded, every one healthy and evaluating", records.size(), alerts.size());
    }

    @Test
    @Order(3)
    void givenARelayOutage_whenEmailsWait_thenIcsoeResetEmailsStuckFiresAndResolvesOnceTheyAreSent(IcsoeCluster cluster)
            throws Exception {
        LocalPrometheus prometheus = cluster.prometheus();
        assertThat(prometheus.alertState("IcsoeResetEmailsStuck")).as("before the outage").isEqualTo("inactive");
        try (FlakySmtpRelay relay = new FlakySmtpRelay(cluster.mailbox().port())) {
            relay.down();
            RealmMail.pointAt(cluster.realm(), "127.0.0.1", relay.port());
            try {
                long down = System.nanoTime();
                List<Capturista> people = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    Capturista person = cluster.users().create();
                    people.add(person);
                    assertSentPage(submitReset(cluster, null, Browsers.randomLoopback(), person.curp(), person.email()));
                }
                boolean fired = eventually(ALERT, () -> "firing".equals(prometheus.alertState("IcsoeResetEmailsStuck")));
                double firedAfter = seconds(down);
                String relayFailing = prometheus.alertState("IcsoeRelayFailing");
                assertThat(fired).as("IcsoeResetEmailsStuck firing during the outage; alerts now: %s", prometheus.alerts()).isTrue();

                relay.up();
                long up = System.nanoTime();
                for (Capturista person : people) {
                    cluster.mailbox().awaitMessagesTo(person.email(), ClusterFlows::isResetMail, 1, ClusterFlows.MAIL_TIMEOUT);
                }
                boolean resolved = eventually(ALERT, () -> "inactive".equals(prometheus.alertState("IcsoeResetEmailsStuck")));
                record("relay down: IcsoeResetEmailsStuck firing %.1f s after the outage began (threshold 15 s, for 5 s at test scale;"
                                + " IcsoeRelayFailing then %s); relay up: %d emails sent, alert resolved %.1f s after",
                        firedAfter, relayFailing, people.size(), seconds(up));
                assertThat(resolved).as("IcsoeResetEmailsStuck resolved once the emails were sent").isTrue();
            } finally {
                RealmMail.pointAt(cluster.realm(), "127.0.0.1", cluster.mailbox().port());
            }
        }
    }

    @Test
    @Order(4)
    void givenNodeBStopped_thenIcsoeNodeMetricsMissingFiresForItAndResolvesOnceItIsBack(IcsoeCluster cluster) {
        LocalPrometheus prometheus = cluster.prometheus();
        String instanceB = "127.0.0.1:" + managementPort(cluster, Node.B);
        assertThat(nodeMissingState(prometheus, instanceB)).as("before the stop").isEqualTo("inactive");
        long stopped = System.nanoTime();
        cluster.stop(Node.B);
        try {
            boolean fired = eventually(ALERT, () -> "firing".equals(nodeMissingState(prometheus, instanceB)));
            double firedAfter = seconds(stopped);
            assertThat(fired).as("IcsoeNodeMetricsMissing firing for %s; alerts now: %s", instanceB, prometheus.alerts()).isTrue();
            assertThat(nodeMissingState(prometheus, "127.0.0.1:" + managementPort(cluster, Node.A))).as("node A still reports")
                    .isEqualTo("inactive");
            cluster.restart(Node.B);
            long back = System.nanoTime();
            boolean resolved = eventually(ALERT, () -> "inactive".equals(nodeMissingState(prometheus, instanceB)));
            record("node B stopped: IcsoeNodeMetricsMissing firing for it %.1f s later (for 5 s at test scale); started again:"
                    + " resolved %.1f s after it was ready", firedAfter, seconds(back));
            assertThat(resolved).as("IcsoeNodeMetricsMissing resolved once node B reports again").isTrue();
        } finally {
            if (!cluster.node(Node.B).isRunning()) {
                cluster.restart(Node.B);
            }
        }
    }

    /**
     * What the dashboard's panels show, made on purpose: a reset completed (a user's password change
     * and its confirmation), an administrator's reset, an unknown CURP, a malformed one, a person past
     * her emails per window, an address past its requests per window, an e.firma post, and a reset email
     * the relay refuses for good ({@code 550}), which must fire {@code IcsoeResetEmailsAbandoned}.
     */
    private static void everyKindOfTraffic(IcsoeCluster cluster) throws Exception {
        Capturista resets = cluster.users().create();
        assertSentPage(submitReset(cluster, null, Browsers.randomLoopback(), resets.curp(), resets.email()));
        String link = ClusterFlows.awaitLink(cluster, resets, 1);
        try (WebClient web = cluster.browser(null)) {
            HtmlPage done = UpdatePasswordPage.follow(web, link).save(cluster.users().password());
            assertThat(done.getElementById("icsoe-password-updated")).isNotNull();
        }
        cluster.mailbox().awaitMessagesTo(resets.email(), ClusterFlows::isConfirmation, 1, ClusterFlows.MAIL_TIMEOUT);

        Capturista byAdmin = cluster.users().create();
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue(cluster.users().password());
        password.setTemporary(false);
        cluster.realm().users().get(byAdmin.id()).resetPassword(password);

        assertSentPage(submitReset(cluster, null, Browsers.randomLoopback(), cluster.users().unusedCurp(), "nadie@correo.example"));
        HtmlPage malformed = submitReset(cluster, null, Browsers.randomLoopback(), "NO-ES-CURP", "nadie@correo.example");
        assertThat(new ResetRequestPage(malformed).fieldError("username")).isNotBlank();

        Capturista persistent = cluster.users().create();
        for (int i = 0; i < 4; i++) {
            assertSentPage(submitReset(cluster, null, Browsers.randomLoopback(), persistent.curp(), persistent.email()));
        }
        InetAddress one = Browsers.randomLoopback();
        ClusterFlows.withRequestsPerAddress(cluster, 1, () -> {
            for (int i = 0; i < 2; i++) {
                assertSentPage(submitReset(cluster, null, one, persistent.curp(), "otra." + i + "@correo.example"));
            }
        });

        try (WebClient web = cluster.browser(null)) {
            HtmlPage login = ClusterFlows.open(web, cluster.portalLoginUrl());
            HtmlPage efirma = login.getHtmlElementById("icsoe-firma-electronica").click();
            // without the page's script the form says so: the server counts a refusal (browser_unsupported)
            HtmlPage refused = efirma.getHtmlElementById("icsoe-efirma-submit").click();
            assertThat(refused.getElementById("icsoe-efirma-form")).as(refused.asNormalizedText()).isNotNull();
        }

        LocalPrometheus prometheus = cluster.prometheus();
        String givenUp = "sum(icsoe_outbox_attempts_total{kind=\"reset_link\", result=\"permanent_failure\"})";
        double givenUpBefore = value(prometheus, givenUp);
        assertThat(abandonedState(prometheus)).as("before the refused email").isNotEqualTo("firing");
        try (ScriptedSmtpServer refusing = new ScriptedSmtpServer(ScriptedSmtpServer.Mode.REJECT_RECIPIENT)) {
            RealmMail.pointAt(cluster.realm(), "127.0.0.1", refusing.port());
            try {
                Capturista refused = cluster.users().create();
                assertSentPage(submitReset(cluster, null, Browsers.randomLoopback(), refused.curp(), refused.email()));
                assertThat(eventually(SCRAPED, () -> value(prometheus, givenUp) > givenUpBefore))
                        .as("the refused reset email counted as a permanent failure").isTrue();
            } finally {
                RealmMail.pointAt(cluster.realm(), "127.0.0.1", cluster.mailbox().port());
            }
        }
        assertThat(eventually(ALERT, () -> "firing".equals(abandonedState(prometheus))))
                .as("IcsoeResetEmailsAbandoned firing after a 550; alerts now: %s", prometheus.alerts()).isTrue();
        record("a reset email refused with 550: IcsoeResetEmailsAbandoned{kind=reset_link, result=permanent_failure} firing");
    }

    private static String abandonedState(LocalPrometheus prometheus) {
        return alertState(prometheus, "IcsoeResetEmailsAbandoned", "result", "permanent_failure");
    }

    private static String nodeMissingState(LocalPrometheus prometheus, String instance) {
        return alertState(prometheus, "IcsoeNodeMetricsMissing", "instance", instance);
    }

    /** The state of the instance of {@code alertname} whose {@code label} is {@code value}. */
    private static String alertState(LocalPrometheus prometheus, String alertname, String label, String value) {
        String state = "inactive";
        for (JsonNode alert : prometheus.alerts()) {
            JsonNode labels = alert.path("labels");
            if (alertname.equals(labels.path("alertname").asText()) && value.equals(labels.path(label).asText())
                    && !"firing".equals(state)) {
                state = alert.path("state").asText();
            }
        }
        return state;
    }

    private static double value(LocalPrometheus prometheus, String query) {
        JsonNode series = prometheus.series(query);
        return series.isEmpty() ? 0 : Double.parseDouble(series.get(0).path("value").get(1).asText());
    }

    private static int managementPort(IcsoeCluster cluster, Node node) {
        String url = cluster.managementUrl(node);
        return Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
    }

    /** Polls {@code condition} every half second until it holds or {@code timeout} passes; whether it held. */
    private static boolean eventually(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            ClusterFlows.sleep(Duration.ofMillis(500));
        }
        return true;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static void record(String format, Object... args) {
        ClusterFlows.record("prometheus-figures.txt", String.format(Locale.ROOT, format, args));
    }
}
