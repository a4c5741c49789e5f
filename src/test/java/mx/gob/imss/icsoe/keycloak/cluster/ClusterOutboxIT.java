package mx.gob.imss.icsoe.keycloak.cluster;

import static mx.gob.imss.icsoe.keycloak.cluster.ClusterFlows.assertSentPage;
import static mx.gob.imss.icsoe.keycloak.cluster.ClusterFlows.submitReset;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.mail.MessagingException;

import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import mx.gob.imss.icsoe.keycloak.testing.Browsers;
import mx.gob.imss.icsoe.keycloak.testing.Capturista;
import mx.gob.imss.icsoe.keycloak.testing.FlakySmtpRelay;
import mx.gob.imss.icsoe.keycloak.testing.MetricsScrape;
import mx.gob.imss.icsoe.keycloak.testing.RealmMail;
import mx.gob.imss.icsoe.keycloak.testing.ReceivedEmail;
import mx.gob.imss.icsoe.keycloak.testing.SlowSmtpProxy;
import mx.gob.imss.icsoe.keycloak.testing.cluster.ClusterExtension;
import mx.gob.imss.icsoe.keycloak.testing.cluster.IcsoeCluster;
import mx.gob.imss.icsoe.keycloak.testing.cluster.IcsoeCluster.Node;

/**
 * The outbox on the production shape: rows in PostgreSQL outlive the node that wrote them. A node
 * started again on the existing database applies no schema change; a node killed right after
 * accepting a burst leaves its rows to the other node; both nodes stopped with rows pending send them
 * once started again. Runs after {@code ClusterOutagesIT} (class name order), which leaves node A
 * dead: the first test starts it again.
 */
@Tag("cluster")
@ExtendWith(ClusterExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterOutboxIT {

    /** Keycloak names it from the provider id; PostgreSQL may hold it quoted in upper case. */
    private static final String CHANGELOG_TABLE = "databasechangelog_icsoe_mail";
    private static final String SCHEMA_LINE = "Using changelog META-INF/icsoe-outbox-changelog.xml";
    private static final Duration ARRIVAL = Duration.ofSeconds(90);

    @Test
    @Order(1)
    void givenAnExistingDatabase_whenANodeStartsAgain_thenTheOutboxSchemaIsNotAppliedAgain(IcsoeCluster cluster) {
        String table = cluster.postgres().query("select table_name from information_schema.tables where lower(table_name) = '"
                + CHANGELOG_TABLE + "'");
        assertThat(table).as("Keycloak's record of the outbox changelog").isNotEmpty();
        String changesets = cluster.postgres().query("select count(*) from \"" + table + "\"");
        Duration took = cluster.restart(Node.A);
        assertThat(cluster.node(Node.A).tail(100_000)).as("node A's second start on the database").doesNotContain(SCHEMA_LINE);
        assertThat(cluster.postgres().query("select count(*) from \"" + table + "\"")).isEqualTo(changesets).isEqualTo("1");
        assertThat(cluster.postgres().query("select count(*) from icsoe_mail_outbox")).as("rows left by earlier tests")
                .isEqualTo("0");
        record("node A started again on the existing database in %.1f s; outbox changesets recorded %s, applied again 0",
                took.toMillis() / 1000.0, changesets);
    }

    @Test
    @Order(2)
    void givenABurstAcceptedByNodeA_whenNodeAIsKilledRightAfter_thenNodeBSendsEveryEmailOnce(IcsoeCluster cluster)
            throws Exception {
        if (!cluster.node(Node.A).isRunning()) {
            cluster.restart(Node.A);
        }
        // every connection waits 4 s for the relay's greeting: node A still holds its rows when it dies
        try (SlowSmtpProxy slow = new SlowSmtpProxy(cluster.mailbox().port(), Duration.ofSeconds(4))) {
            RealmMail.pointAt(cluster.realm(), "127.0.0.1", slow.port());
            try {
                MetricsScrape beforeB = MetricsScrape.of(cluster.managementUrl(Node.B));
                List<Capturista> people = burst(cluster, Node.A, 12);
                long killed = cluster.node(Node.A).kill();
                int inOutboxAtKill = Integer.parseInt(cluster.postgres().query("select count(*) from icsoe_mail_outbox"));
                int leasedByAAtKill = Integer.parseInt(cluster.postgres().query(
                        "select count(*) from icsoe_mail_outbox where lease_owner is not null and lease_until > "
                                + System.currentTimeMillis()));
                for (Capturista person : people) {
                    cluster.mailbox().awaitMessagesTo(person.email(), ClusterFlows::isResetMail, 1, ARRIVAL);
                }
                double arrivedAfter = (System.nanoTime() - killed) / 1e9;
                MetricsScrape afterB = MetricsScrape.awaitIdle(cluster.managementUrl(Node.B));
                for (Capturista person : people) {
                    assertThat(ClusterFlows.resetMails(cluster, person)).as("exactly one email to %s", person.email()).hasSize(1);
                }
                double sentByB = afterB.since(beforeB, MetricsScrape.OUTBOX_ATTEMPTS, "kind", "reset_link", "result", "sent");
                record("node A killed right after accepting %d resets (%d rows in the outbox, %d leased at the kill):"
                                + " %d/%d emails arrived, each once, the last %.1f s after the kill; sent by node B %.0f",
                        people.size(), inOutboxAtKill, leasedByAAtKill, people.size(), people.size(), arrivedAfter, sentByB);
                assertThat(inOutboxAtKill).as("rows were still pending when node A died").isPositive();
                assertThat(sentByB).as("node B sent them all").isEqualTo(people.size());
            } finally {
                RealmMail.pointAt(cluster.realm(), "127.0.0.1", cluster.mailbox().port());
            }
        }
    }

    @Test
    @Order(3)
    void givenRowsPending_whenBothNodesAreStoppedAndStartedAgain_thenTheRowsAreSent(IcsoeCluster cluster) throws Exception {
        try (FlakySmtpRelay relay = new FlakySmtpRelay(cluster.mailbox().port())) {
            relay.down();
            RealmMail.pointAt(cluster.realm(), "127.0.0.1", relay.port());
            try {
                cluster.restart(Node.A);
                List<Capturista> people = burst(cluster, null, 6);
                String pending = cluster.postgres().query("select count(*) from icsoe_mail_outbox");
                cluster.stop(Node.A);
                cluster.stop(Node.B);
                relay.up();
                long started = System.nanoTime();
                cluster.restart(Node.A);
                cluster.restart(Node.B);
                for (Capturista person : people) {
                    cluster.mailbox().awaitMessagesTo(person.email(), ClusterFlows::isResetMail, 1, ARRIVAL);
                }
                double took = (System.nanoTime() - started) / 1e9;
                MetricsScrape.awaitIdle(cluster.managementUrl(Node.B));
                for (Capturista person : people) {
                    List<ReceivedEmail> received = ClusterFlows.resetMails(cluster, person);
                    assertThat(received).as("exactly one email to %s", person.email()).hasSize(1);
                    assertThat(messageId(received.get(0))).endsWith("@imss.gob.mx>");
                }
                record("both nodes stopped with %s rows pending (relay down), started again: %d/%d emails arrived,"
                        + " each once, %.1f s after the restart began", pending, people.size(), people.size(), took);
                assertThat(Integer.parseInt(pending)).as("rows pending at the stop").isEqualTo(people.size());
            } finally {
                RealmMail.pointAt(cluster.realm(), "127.0.0.1", cluster.mailbox().port());
            }
        }
    }

    /** {@code count} new capturistas ask at once through the proxy (pinned to {@code pin}, or balanced). */
    private static List<Capturista> burst(IcsoeCluster cluster, Node pin, int count) throws Exception {
        List<Capturista> people = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            people.add(cluster.users().create());
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<HtmlPage>> pages = new ArrayList<>();
            for (Capturista person : people) {
                pages.add(pool.submit(() -> submitReset(cluster, pin, Browsers.randomLoopback(), person.curp(), person.email())));
            }
            for (Future<HtmlPage> page : pages) {
                assertSentPage(page.get());
            }
        } finally {
            pool.shutdown();
        }
        return people;
    }

    private static String messageId(ReceivedEmail email) {
        try {
            return email.raw().getMessageID();
        } catch (MessagingException e) {
            throw new AssertionError(e);
        }
    }

    private static void record(String format, Object... args) {
        ClusterFlows.record("outage-figures.txt", String.format(Locale.ROOT, format, args));
    }
}
