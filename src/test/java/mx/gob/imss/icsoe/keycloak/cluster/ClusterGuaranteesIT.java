package mx.gob.imss.icsoe.keycloak.cluster;

import static mx.gob.imss.icsoe.keycloak.cluster.ClusterFlows.assertSentPage;
import static mx.gob.imss.icsoe.keycloak.cluster.ClusterFlows.servedBy;
import static mx.gob.imss.icsoe.keycloak.cluster.ClusterFlows.submitReset;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;

import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.representations.idm.EventRepresentation;

import mx.gob.imss.icsoe.keycloak.resetcred.ResetItSupport;
import mx.gob.imss.icsoe.keycloak.testing.Browsers;
import mx.gob.imss.icsoe.keycloak.testing.Capturista;
import mx.gob.imss.icsoe.keycloak.testing.DirectGrantClient;
import mx.gob.imss.icsoe.keycloak.testing.MetricsScrape;
import mx.gob.imss.icsoe.keycloak.testing.PortalClient;
import mx.gob.imss.icsoe.keycloak.testing.cluster.ClusterExtension;
import mx.gob.imss.icsoe.keycloak.testing.cluster.IcsoeCluster;
import mx.gob.imss.icsoe.keycloak.testing.cluster.IcsoeCluster.Node;
import mx.gob.imss.icsoe.keycloak.testing.pages.ResetRequestPage;
import mx.gob.imss.icsoe.keycloak.testing.pages.UpdatePasswordPage;

/**
 * What the operating notes (docs/operations.md) promise for clusters, shown on the production shape: two nodes in production mode
 * on PostgreSQL behind a TLS proxy, requests pinned to one node or the other through the proxy.
 */
@Tag("cluster")
@ExtendWith(ClusterExtension.class)
class ClusterGuaranteesIT {

    @Test
    void givenAResetRequestedOnNodeA_whenItsLinkIsCompletedOnNodeB_thenThePasswordChangesAndReusingTheLinkOnAIsRefused(
            IcsoeCluster cluster) {
        Capturista capturista = cluster.users().create();
        HtmlPage sent = submitReset(cluster, Node.A, Browsers.randomLoopback(), capturista.curp(), capturista.email());
        assertSentPage(sent);
        assertThat(servedBy(sent)).isEqualTo("node-a");
        String link = ClusterFlows.awaitLink(cluster, capturista, 1);
        assertThat(link).startsWith(cluster.realmUrl() + "/login-actions/action-token?");

        String newPassword = cluster.users().password();
        try (WebClient onB = cluster.browser(Node.B)) {
            UpdatePasswordPage form = UpdatePasswordPage.follow(onB, link);
            assertThat(servedBy(form.page())).isEqualTo("node-b");
            HtmlPage done = form.save(newPassword);
            assertThat(done.getElementById("icsoe-password-updated")).as(done.asNormalizedText()).isNotNull();
            assertThat(servedBy(done)).isEqualTo("node-b");
        }
        try (WebClient onA = cluster.browser(Node.A)) {
            HtmlPage again = ClusterFlows.open(onA, link);
            assertThat(servedBy(again)).isEqualTo("node-a");
            assertThat(again.getElementById("kc-passwd-update-form")).isNull();
            assertThat(again.asNormalizedText()).contains(ResetItSupport.LINK_GONE_TEXT);
            assertThat(again.getWebResponse().getStatusCode()).isLessThan(500);
        }
        try (WebClient onA = cluster.browser(Node.A)) {
            assertThat(ClusterFlows.logIn(cluster, onA, Node.A, capturista.curp(), newPassword).get("http_status")).isEqualTo(200);
        }
    }

    @Test
    void givenThreeEmailsSentThroughNodeA_whenTheUserAsksAFourthTimeOnNodeB_thenTheSamePageButNoFourthEmail(IcsoeCluster cluster) {
        Capturista capturista = cluster.users().create();
        MetricsScrape beforeA = MetricsScrape.awaitIdle(cluster.managementUrl(Node.A));
        MetricsScrape beforeB = MetricsScrape.awaitIdle(cluster.managementUrl(Node.B));
        for (Node node : List.of(Node.A, Node.A, Node.A, Node.B)) {
            HtmlPage page = submitReset(cluster, node, Browsers.randomLoopback(), capturista.curp(), capturista.email());
            assertSentPage(page);
            assertThat(servedBy(page)).isEqualTo(node.id());
            if (node == Node.A) {
                ClusterFlows.awaitLink(cluster, capturista, ClusterFlows.resetMails(cluster, capturista).size() + 1);
            }
        }
        ClusterFlows.sleep(ClusterFlows.NO_MAIL_GRACE);
        assertThat(ClusterFlows.resetMails(cluster, capturista)).hasSize(3);
        // an outcome decided in the background job is counted by the node whose outbox poller ran
        // it, whichever node answered the page: Prometheus sums the nodes, and so does this check
        assertThat(MetricsScrape.awaitResetOutcomesAcross(Map.of(cluster.managementUrl(Node.A), beforeA,
                cluster.managementUrl(Node.B), beforeB), 4))
                .isEqualTo(MetricsScrape.resetOutcomes(Map.of("queued", 3, "throttled_user", 1)));
    }

    @Test
    void givenAPerAddressLimitOfThree_whenOneAddressSpendsItAcrossBothNodes_thenItsNextMatchGetsNoEmailWhileAnotherAddressDoes(
            IcsoeCluster cluster) {
        Capturista capturista = cluster.users().create();
        InetAddress address = Browsers.randomLoopback();
        ClusterFlows.withRequestsPerAddress(cluster, 3, () -> {
            for (Node node : List.of(Node.A, Node.B, Node.A)) {
                assertThat(servedBy(submitReset(cluster, node, address, capturista.curp(), "otra." + node.pin() + "@correo.example")))
                        .isEqualTo(node.id());
            }
            HtmlPage fourth = submitReset(cluster, Node.B, address, capturista.curp(), capturista.email());
            assertSentPage(fourth);
            ClusterFlows.sleep(ClusterFlows.NO_MAIL_GRACE);
            assertThat(ClusterFlows.resetMails(cluster, capturista)).isEmpty();

            assertSentPage(submitReset(cluster, Node.B, Browsers.randomLoopback(), capturista.curp(), capturista.email()));
            ClusterFlows.awaitLink(cluster, capturista, 1);
        });
    }

    @Test
    void givenAClientSentXForwardedFor_whenItVariesOnEveryRequest_thenTheThrottleStillCountsTheAddressTheProxySaw(
            IcsoeCluster cluster) {
        Capturista capturista = cluster.users().create();
        InetAddress address = Browsers.randomLoopback();
        ClusterFlows.withRequestsPerAddress(cluster, 3, () -> {
            for (int i = 0; i < 4; i++) {
                try (WebClient web = cluster.browser(i % 2 == 0 ? Node.A : Node.B, address)) {
                    web.addRequestHeader("X-Forwarded-For", "203.0.113." + (10 + i));
                    web.addRequestHeader("Forwarded", "for=203.0.113." + (10 + i));
                    String email = i < 3 ? "otra." + i + "@correo.example" : capturista.email();
                    assertSentPage(submitReset(cluster, web, capturista.curp(), email));
                }
            }
            ClusterFlows.sleep(ClusterFlows.NO_MAIL_GRACE);
            assertThat(ClusterFlows.resetMails(cluster, capturista)).as("the 4th request from one real address is over the limit").isEmpty();
            List<EventRepresentation> events = cluster.realm().getEvents(null, null, null, null, null, null, 0, 500);
            assertThat(events).extracting(EventRepresentation::getIpAddress).doesNotContain(
                    "203.0.113.10", "203.0.113.11", "203.0.113.12", "203.0.113.13");
            assertThat(events).extracting(EventRepresentation::getIpAddress).contains(address.getHostAddress());
        });
    }

    @Test
    void givenHostAndXForwardedHostOfAnAttacker_whenAResetIsRequested_thenTheEmailedLinkStartsWithTheConfiguredHostname(
            IcsoeCluster cluster) {
        Capturista capturista = cluster.users().create();
        try (WebClient web = cluster.browser(Node.A)) {
            web.addRequestHeader("Host", "evil.example");
            web.addRequestHeader("X-Forwarded-Host", "evil.example");
            HtmlPage sent = submitReset(cluster, web, capturista.curp(), capturista.email());
            assertSentPage(sent);
            assertThat(sent.getWebResponse().getContentAsString()).doesNotContain("evil.example");
        }
        assertThat(cluster.proxy().tail(400)).as("the forged Host reached the proxy").contains("{evil.example");
        var mail = cluster.mailbox().awaitMessagesTo(capturista.email(), ClusterFlows::isResetMail, 1, ClusterFlows.MAIL_TIMEOUT).get(0);
        assertThat(mail.links()).isNotEmpty().allSatisfy(link -> assertThat(link).startsWith(cluster.baseUrl() + "/"));
        assertThat(mail.text() + mail.html()).doesNotContain("evil.example");
    }

    @Test
    void givenSessionsOnBothNodesAndAnOfflineOne_whenThePasswordIsReset_thenEveryRefreshFailsOnEveryNode(IcsoeCluster cluster) {
        Capturista capturista = cluster.users().create();
        String onA;
        String onB;
        try (WebClient web = cluster.browser(Node.A)) {
            onA = (String) ClusterFlows.logIn(cluster, web, Node.A, capturista.curp(), capturista.password()).get("refresh_token");
        }
        try (WebClient web = cluster.browser(Node.B)) {
            onB = (String) ClusterFlows.logIn(cluster, web, Node.B, capturista.curp(), capturista.password()).get("refresh_token");
        }
        try (DirectGrantClient client = DirectGrantClient.create(cluster.realm())) {
            Map<String, Object> offline = client.offlineLogin(cluster.portal(Node.B), capturista);
            assertThat(offline.get("http_status")).as(offline.toString()).isEqualTo(200);
            // refresh tokens rotate (the realm refuses a second use): each refresh goes on with the newest
            String offlineRefresh = (String) offline.get("refresh_token");
            for (Node node : Node.values()) {
                Map<String, Object> refreshed = cluster.portal(node).token(client.refreshRequest(offlineRefresh));
                assertThat(refreshed.get("http_status")).as("offline refresh on %s", node).isEqualTo(200);
                offlineRefresh = (String) refreshed.get("refresh_token");
            }
            Map<String, Object> refreshedA = cluster.portal(Node.B).refresh(onA);
            Map<String, Object> refreshedB = cluster.portal(Node.A).refresh(onB);
            assertThat(refreshedA.get("http_status")).isEqualTo(200);
            assertThat(refreshedB.get("http_status")).isEqualTo(200);
            Map<String, String> refreshOffline = client.refreshRequest(offlineRefresh);

            assertSentPage(submitReset(cluster, Node.A, Browsers.randomLoopback(), capturista.curp(), capturista.email()));
            String link = ClusterFlows.awaitLink(cluster, capturista, 1);
            try (WebClient web = cluster.browser(Node.B)) {
                assertThat(UpdatePasswordPage.follow(web, link).save(cluster.users().password())
                        .getElementById("icsoe-password-updated")).isNotNull();
            }

            for (Node node : Node.values()) {
                PortalClient portal = cluster.portal(node);
                assertThat(portal.refresh((String) refreshedA.get("refresh_token")).get("http_status"))
                        .as("session of node A refreshed on %s", node).isEqualTo(400);
                assertThat(portal.refresh((String) refreshedB.get("refresh_token")).get("http_status"))
                        .as("session of node B refreshed on %s", node).isEqualTo(400);
                assertThat(portal.token(refreshOffline).get("http_status")).as("offline refresh on %s", node).isEqualTo(400);
            }
            assertThat(cluster.realm().users().get(capturista.id()).getUserSessions()).isEmpty();
            assertThat(cluster.realm().users().get(capturista.id()).getOfflineSessions(client.uuid())).isEmpty();
        }
    }

    @Test
    void givenTwoPasswordChangesHandledByDifferentNodes_whenBothComplete_thenExactlyOneConfirmationEmailEach(IcsoeCluster cluster) {
        Capturista capturista = cluster.users().create();
        int expectedConfirmations = 0;
        for (Node[] route : new Node[][] {{Node.A, Node.B}, {Node.B, Node.A}}) {
            int links = ClusterFlows.resetMails(cluster, capturista).size();
            assertSentPage(submitReset(cluster, route[0], Browsers.randomLoopback(), capturista.curp(), capturista.email()));
            String link = ClusterFlows.awaitLink(cluster, capturista, links + 1);
            try (WebClient web = cluster.browser(route[1])) {
                HtmlPage done = UpdatePasswordPage.follow(web, link).save(cluster.users().password());
                assertThat(servedBy(done)).isEqualTo(route[1].id());
                assertThat(done.getElementById("icsoe-password-updated")).isNotNull();
            }
            expectedConfirmations++;
            cluster.mailbox().awaitMessagesTo(capturista.email(), ClusterFlows::isConfirmation, expectedConfirmations,
                    ClusterFlows.MAIL_TIMEOUT);
            ClusterFlows.sleep(ClusterFlows.NO_MAIL_GRACE);
            assertThat(cluster.mailbox().messagesTo(capturista.email(), ClusterFlows::isConfirmation))
                    .as("confirmations after change %d", expectedConfirmations).hasSize(expectedConfirmations);
        }
    }
}
