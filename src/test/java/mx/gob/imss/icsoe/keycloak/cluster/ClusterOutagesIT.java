package mx.gob.imss.icsoe.keycloak.cluster;

import static mx.gob.imss.icsoe.keycloak.cluster.ClusterFlows.submitReset;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import mx.gob.imss.icsoe.keycloak.testing.Browsers;
import mx.gob.imss.icsoe.keycloak.testing.Capturista;
import mx.gob.imss.icsoe.keycloak.testing.cluster.ClusterExtension;
import mx.gob.imss.icsoe.keycloak.testing.cluster.IcsoeCluster;
import mx.gob.imss.icsoe.keycloak.testing.cluster.IcsoeCluster.Node;
import mx.gob.imss.icsoe.keycloak.testing.pages.ResetRequestPage;
import mx.gob.imss.icsoe.keycloak.testing.pages.UpdatePasswordPage;

/**
 * The cluster under outages: PostgreSQL restarted under load, then node A killed with SIGKILL while
 * reset and login requests flow. Runs after {@link ClusterGuaranteesIT} (failsafe runs the cluster
 * classes in name order) and in this order: the kill leaves one node for the rest of the run.
 * The figures go to the test output and to {@code target/it-work/cluster/outage-figures.txt}.
 */
@Tag("cluster")
@ExtendWith(ClusterExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterOutagesIT {

    private static final Duration OUTAGE = Duration.ofSeconds(8);
    private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(60);
    private static final Duration FAILOVER_LIMIT = Duration.ofSeconds(15);
    private static final Duration TRAFFIC_LIMIT_AFTER_KILL = Duration.ofSeconds(100);
    private static final Duration QUIET_AFTER_FAILOVER = Duration.ofSeconds(8);

    @Test
    @Order(1)
    void givenPostgresRestarts_whenRequestsArriveDuringTheOutage_thenClearPagesNo5xxAndServiceReturnsWithoutRestartingKeycloak(
            IcsoeCluster cluster) {
        Capturista resetting = cluster.users().create();
        Capturista loggingIn = cluster.users().create();
        RecordedTraffic traffic = new RecordedTraffic();
        List<HtmlPage> outagePages = new ArrayList<>();

        cluster.postgres().stop();
        long down = System.nanoTime();
        long until = down + OUTAGE.toNanos();
        int round = 0;
        while (System.nanoTime() < until) {
            Node node = round++ % 2 == 0 ? Node.A : Node.B;
            try (WebClient web = traffic.attach(cluster.browser(node))) {
                outagePages.add(submitReset(cluster, web, resetting.curp(), resetting.email()));
            }
            try (WebClient web = traffic.attach(cluster.browser(node))) {
                outagePages.add(ClusterFlows.tryLogIn(cluster, web, node, loggingIn.curp(), loggingIn.password()));
            }
        }
        Duration upTook = cluster.postgres().start();
        long up = System.nanoTime();

        Map<Node, Long> recovered = new ConcurrentHashMap<>();
        while (recovered.size() < 2 && System.nanoTime() - up < RECOVERY_LIMIT.toNanos()) {
            for (Node node : Node.values()) {
                if (!recovered.containsKey(node)) {
                    try (WebClient web = traffic.attach(cluster.browser(node))) {
                        HtmlPage landed = ClusterFlows.tryLogIn(cluster, web, node, loggingIn.curp(), loggingIn.password());
                        if (mx.gob.imss.icsoe.keycloak.testing.PortalClient.codeFrom(landed.getUrl().toString()) != null) {
                            recovered.put(node, System.nanoTime());
                        }
                    }
                }
            }
            ClusterFlows.sleep(Duration.ofMillis(100));
        }

        List<RecordedTraffic.Exchange> duringOutage = traffic.exchanges().stream()
                .filter(e -> e.started() >= down && e.started() < up).toList();
        String figures = String.format(Locale.ROOT,
                "PostgreSQL outage: %d requests in %.1f s, statuses %s; pg_ctl start took %.1f s; "
                        + "first successful login after PostgreSQL was back: node-a %s, node-b %s",
                duringOutage.size(), (up - down) / 1e9, statusCounts(duringOutage), upTook.toMillis() / 1000.0,
                after(up, recovered.get(Node.A)), after(up, recovered.get(Node.B)));
        record(figures);

        assertThat(recovered).as("both nodes serve logins again within %s s, without a restart", RECOVERY_LIMIT.toSeconds())
                .containsKeys(Node.A, Node.B);
        assertThat(cluster.node(Node.A).isRunning()).isTrue();
        assertThat(cluster.node(Node.B).isRunning()).isTrue();
        assertThat(duringOutage).isNotEmpty().allSatisfy(e -> assertThat(e.status() < 500 || e.fromProxy())
                .as("%s: below 500 from Keycloak, or the proxy's own page", e).isTrue());
        assertThat(outagePages).isNotEmpty().allSatisfy(ClusterOutagesIT::assertClearPage);

        assertThat(submitReset(cluster, Node.B, Browsers.randomLoopback(), resetting.curp(), resetting.email())
                .getElementById("icsoe-reset-sent")).isNotNull();
        cluster.mailbox().awaitMessagesTo(resetting.email(), ClusterFlows::isResetMail, 1, ClusterFlows.MAIL_TIMEOUT);
    }

    @Test
    @Order(2)
    void givenResetsAndLoginsFlowing_whenNodeAIsKilled_thenNoFailureAfterFailoverAndTheRealmKeepsWorkingOnNodeB(
            IcsoeCluster cluster) throws Exception {
        List<Capturista> resetUsers = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            resetUsers.add(cluster.users().create());
        }
        Capturista loginUser = cluster.users().create();
        RecordedTraffic traffic = new RecordedTraffic();
        List<ResetOutcome> resets = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger logins = new AtomicInteger();
        AtomicInteger failedFlows = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong downSeen = new AtomicLong();
        ExecutorService workers = Executors.newFixedThreadPool(3);
        workers.submit(() -> {
            int next = 0;
            while (!stop.get() && next < resetUsers.size()) {
                Capturista user = resetUsers.get(next++);
                long started = System.nanoTime();
                try (WebClient web = traffic.attach(cluster.browser(null))) {
                    HtmlPage page = submitReset(cluster, web, user.curp(), user.email());
                    resets.add(new ResetOutcome(user, started, page.getElementById("icsoe-reset-sent") != null,
                            ClusterFlows.servedBy(page)));
                } catch (RuntimeException e) {
                    failedFlows.incrementAndGet();
                    resets.add(new ResetOutcome(user, started, false, null));
                }
            }
            return null;
        });
        workers.submit(() -> {
            while (!stop.get()) {
                try (WebClient web = traffic.attach(cluster.browser(null))) {
                    HtmlPage landed = ClusterFlows.tryLogIn(cluster, web, null, loginUser.curp(), loginUser.password());
                    if (mx.gob.imss.icsoe.keycloak.testing.PortalClient.codeFrom(landed.getUrl().toString()) != null) {
                        logins.incrementAndGet();
                    } else {
                        failedFlows.incrementAndGet();
                    }
                } catch (RuntimeException e) {
                    failedFlows.incrementAndGet();
                }
            }
            return null;
        });

        long warmUpEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while ((resets.size() < 5 || logins.get() < 3) && System.nanoTime() < warmUpEnd) {
            ClusterFlows.sleep(Duration.ofMillis(100));
        }
        assertThat(resets.size()).as("reset flows before the kill").isGreaterThanOrEqualTo(5);
        long killed = cluster.node(Node.A).kill();
        workers.submit(() -> {
            while (!stop.get() && downSeen.get() == 0) {
                if (cluster.proxy().tail(200).contains("nodes/node-a is DOWN")) {
                    downSeen.set(System.nanoTime());
                }
                ClusterFlows.sleep(Duration.ofMillis(50));
            }
            return null;
        });
        // node B's own readiness after the coordinator died, straight from its management port
        AtomicLong survivorUnready = new AtomicLong();
        AtomicLong survivorReadyAgain = new AtomicLong();
        String survivorHealth = "http://127.0.0.1:" + cluster.node(Node.B).settings().managementPort() + "/health/ready";
        java.net.http.HttpClient plain = java.net.http.HttpClient.newHttpClient();
        workers.submit(() -> {
            while (!stop.get() && survivorReadyAgain.get() == 0) {
                boolean ready = ClusterFlows.answers200(plain, survivorHealth);
                if (!ready && survivorUnready.get() == 0) {
                    survivorUnready.set(System.nanoTime());
                } else if (ready && survivorUnready.get() != 0) {
                    survivorReadyAgain.set(System.nanoTime());
                }
                ClusterFlows.sleep(Duration.ofMillis(200));
            }
            return null;
        });
        // traffic goes on until the proxy has noticed and nothing failed for a while (or a limit)
        while (System.nanoTime() - killed < TRAFFIC_LIMIT_AFTER_KILL.toNanos()) {
            ClusterFlows.sleep(Duration.ofMillis(250));
            long lastFailed = traffic.exchanges().stream().filter(RecordedTraffic.Exchange::failed)
                    .mapToLong(RecordedTraffic.Exchange::ended).max().orElse(killed);
            boolean survivorSettled = survivorUnready.get() == 0 || survivorReadyAgain.get() != 0;
            if (downSeen.get() > 0 && survivorSettled
                    && System.nanoTime() - Math.max(lastFailed, downSeen.get()) > QUIET_AFTER_FAILOVER.toNanos()) {
                break;
            }
        }
        stop.set(true);
        workers.shutdown();
        assertThat(workers.awaitTermination(90, TimeUnit.SECONDS)).isTrue();

        List<RecordedTraffic.Exchange> all = traffic.exchanges();
        List<RecordedTraffic.Exchange> failures = all.stream().filter(RecordedTraffic.Exchange::failed).toList();
        long firstOnBAfterKill = all.stream().filter(e -> e.started() >= killed && "node-b".equals(e.node()) && !e.failed())
                .mapToLong(RecordedTraffic.Exchange::ended).min().orElse(-1);
        long lastFailure = failures.stream().mapToLong(RecordedTraffic.Exchange::ended).max().orElse(-1);
        long failoverDone = Math.max(downSeen.get(), lastFailure);

        // every reset whose confirmation page came back must be emailed, node A's too: its rows outlive it
        long mailDeadline = System.nanoTime() + ClusterFlows.MAIL_TIMEOUT.toNanos();
        List<ResetOutcome> sent = resets.stream().filter(ResetOutcome::confirmed).toList();
        List<ResetOutcome> lost = new ArrayList<>(sent);
        while (!lost.isEmpty() && System.nanoTime() < mailDeadline) {
            lost.removeIf(r -> !ClusterFlows.resetMails(cluster, r.user()).isEmpty());
            ClusterFlows.sleep(Duration.ofMillis(200));
        }
        long sentByA = sent.stream().filter(r -> "node-a".equals(r.node())).count();
        long lostOnA = lost.stream().filter(r -> "node-a".equals(r.node())).count();

        String figures = String.format(Locale.ROOT,
                "Failover: %d HTTP requests (%d reset flows, %d logins, %d failed flows); kill -> first answer of node-b %s, "
                        + "-> HAProxy marks node-a DOWN %s, -> last failed request %s; failed requests %d %s; "
                        + "reset confirmations %d (%d answered by node-a), emails lost %d (on node-a %d); "
                        + "node-b /health/ready DOWN %s -> UP again %s after the kill",
                all.size(), resets.size(), logins.get(), failedFlows.get(), after(killed, firstOnBAfterKill > 0 ? firstOnBAfterKill : null),
                after(killed, downSeen.get() > 0 ? downSeen.get() : null), after(killed, lastFailure > 0 ? lastFailure : null),
                failures.size(), failures.stream().limit(20).toList(), sent.size(), sentByA, lost.size(), lostOnA,
                after(killed, survivorUnready.get() > 0 ? survivorUnready.get() : null),
                after(killed, survivorReadyAgain.get() > 0 ? survivorReadyAgain.get() : null));
        record(figures);

        assertThat(downSeen.get()).as("HAProxy noticed the dead node").isPositive();
        assertThat(Duration.ofNanos(failoverDone - killed)).as("failover time").isLessThan(FAILOVER_LIMIT);
        List<RecordedTraffic.Exchange> afterFailover = all.stream().filter(e -> e.started() > failoverDone).toList();
        assertThat(afterFailover).as("requests after failover").hasSizeGreaterThan(10).noneMatch(RecordedTraffic.Exchange::failed)
                .allSatisfy(e -> assertThat(e.node()).isEqualTo("node-b"));
        assertThat(lost).as("confirmed resets never emailed (node A's rows must come back to node B)").isEmpty();
        // the proxy retries only connections that failed before anything was sent: a request node A had
        // received when it died is never replayed on node B (each user asked once: a second email is a replay)
        assertThat(resets).as("reset requests applied twice").allSatisfy(r -> assertThat(ClusterFlows.resetMails(cluster, r.user()))
                .as("reset emails of a user who asked once").hasSizeLessThanOrEqualTo(1));

        // the realm keeps working on node B: a whole reset, then a login with the new password
        Capturista after = cluster.users().create();
        assertThat(submitReset(cluster, null, Browsers.randomLoopback(), after.curp(), after.email())
                .getElementById("icsoe-reset-sent")).isNotNull();
        String link = ClusterFlows.awaitLink(cluster, after, 1);
        String newPassword = cluster.users().password();
        try (WebClient web = cluster.browser(null)) {
            assertThat(UpdatePasswordPage.follow(web, link).save(newPassword).getElementById("icsoe-password-updated")).isNotNull();
        }
        try (WebClient web = cluster.browser(null)) {
            assertThat(ClusterFlows.logIn(cluster, web, null, after.curp(), newPassword).get("http_status")).isEqualTo(200);
        }
    }

    /** A reset flow of the failover run: whether the confirmation page came back, and from which node. */
    private record ResetOutcome(Capturista user, long started, boolean confirmed, String node) {
    }

    /**
     * A page answered while the database was down: Spanish, without internals, and either a page of
     * the theme below 500 or the proxy's own "no disponible" page in place of a Keycloak 5xx.
     */
    private static void assertClearPage(HtmlPage page) {
        String html = page.getWebResponse().getContentAsString();
        int status = page.getWebResponse().getStatusCode();
        assertThat(html).as(page.getUrl().toString()).doesNotContain("Exception").doesNotContain("\tat ")
                .doesNotContain("org.hibernate").doesNotContain("java.").doesNotContain("SQL")
                .doesNotContain("Internal Server Error");
        assertThat(page.getDocumentElement().getAttribute("lang")).startsWith("es");
        if (status >= 500) {
            assertThat(status).isEqualTo(503);
            assertThat(page.getElementById("icsoe-unavailable")).as("the proxy's page, not Keycloak's").isNotNull();
            assertThat(page.asNormalizedText()).contains("El servicio no está disponible por el momento");
        } else {
            assertThat(page.getElementById("icsoe-main")).as("a page of the ICSOE theme: %s", page.asNormalizedText()).isNotNull();
        }
    }

    private static String statusCounts(List<RecordedTraffic.Exchange> exchanges) {
        Map<Integer, Long> counts = new java.util.TreeMap<>();
        exchanges.forEach(e -> counts.merge(e.status(), 1L, Long::sum));
        return counts.toString();
    }

    private static String after(long from, Long to) {
        return to == null ? "never" : String.format(Locale.ROOT, "%.2f s", (to - from) / 1e9);
    }

    private static void record(String figures) {
        ClusterFlows.record("outage-figures.txt", figures);
    }
}
