package mx.gob.imss.icsoe.keycloak.resetcred;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;
import org.keycloak.representations.idm.EventRepresentation;

import mx.gob.imss.icsoe.keycloak.testing.pages.ResetRequestPage;
import mx.gob.imss.icsoe.keycloak.testing.Capturista;
import mx.gob.imss.icsoe.keycloak.testing.IcsoeKeycloak;
import mx.gob.imss.icsoe.keycloak.testing.KeycloakExtension;
import mx.gob.imss.icsoe.keycloak.testing.MetricsScrape;
import mx.gob.imss.icsoe.keycloak.testing.Browsers;
import mx.gob.imss.icsoe.keycloak.testing.PortalClient;
import mx.gob.imss.icsoe.keycloak.testing.pages.LoginPage;

/**
 * Throttling of the reset step. The server runs without proxy headers, so client addresses are varied
 * the honest way: HtmlUnit binds its connections to random source addresses in 127.0.0.0/8, which
 * Keycloak (listening on 127.0.0.1) sees as distinct clients.
 */
@ExtendWith({KeycloakExtension.class, StoredEvents.class})
class ResetThrottleIT {

    @Test
    void givenThreeEmailsAlreadySent_whenTheUserAsksAgain_thenTheSamePageNoFourthEmailAndAnEvent(IcsoeKeycloak kc) throws Exception {
        Capturista capturista = kc.users().create();
        MetricsScrape before = MetricsScrape.awaitIdle(kc.managementUrl());
        for (int i = 0; i < 4; i++) {
            HtmlPage page = ResetItSupport.submitFresh(kc, capturista.curp(), capturista.email());
            assertThat(ResetRequestPage.sentText(page)).startsWith(ResetItSupport.SENT_TEXT);
        }
        kc.mailbox().awaitMessagesTo(capturista.email(), 3, Duration.ofSeconds(20));
        Thread.sleep(ResetItSupport.NO_MAIL_GRACE.toMillis());
        assertThat(kc.mailbox().messagesTo(capturista.email())).hasSize(3);
        ResetItSupport.awaitEvent(kc, "SEND_RESET_PASSWORD_ERROR", capturista.id(), "icsoe_throttled_user");
        assertThat(MetricsScrape.awaitResetRequests(kc.managementUrl(), before, 4).resetOutcomesSince(before))
                .isEqualTo(MetricsScrape.resetOutcomes(Map.of("queued", 3, "throttled_user", 1)));
    }

    @Test
    void givenALowPerAddressLimit_whenOneAddressExceedsIt_thenEvenAMatchGetsNoEmailWhileAnotherAddressStillDoes(IcsoeKeycloak kc)
            throws Exception {
        AuthenticatorConfigRepresentation config = ResetItSupport.throttleConfig(kc.realm());
        Map<String, String> original = new HashMap<>(config.getConfig());
        Capturista capturista = kc.users().create();
        InetAddress address = Browsers.randomLoopback();
        MetricsScrape before = MetricsScrape.awaitIdle(kc.managementUrl());
        try {
            Map<String, String> low = new HashMap<>(original);
            low.put(ResetThrottleConfig.REQUESTS_PER_ADDRESS, "3");
            config.setConfig(low);
            ResetItSupport.updateThrottleConfig(kc.realm(), config);

            for (int i = 0; i < 3; i++) {
                submitFrom(address, kc, capturista.curp(), "otra." + i + "@correo.example");
            }
            HtmlPage fourth = submitFrom(address, kc, capturista.curp(), capturista.email());
            assertThat(ResetRequestPage.sentText(fourth)).startsWith(ResetItSupport.SENT_TEXT);
            Thread.sleep(ResetItSupport.NO_MAIL_GRACE.toMillis());
            assertThat(kc.mailbox().messagesTo(capturista.email())).isEmpty();
            List<EventRepresentation> throttled = kc.realm().getEvents(List.of("SEND_RESET_PASSWORD_ERROR"), null, null,
                    null, null, address.getHostAddress(), 0, 10);
            // the mismatches are recorded by the background job, so their order against the throttle's may vary
            assertThat(throttled).extracting(EventRepresentation::getError).containsExactlyInAnyOrder(
                    "icsoe_throttled_address", "icsoe_email_mismatch", "icsoe_email_mismatch", "icsoe_email_mismatch");
            assertThat(String.valueOf(throttled.get(0).getDetails())).doesNotContainIgnoringCase(capturista.curp())
                    .doesNotContain(capturista.email());

            submitFrom(Browsers.randomLoopback(), kc, capturista.curp(), capturista.email());
            kc.mailbox().awaitMessagesTo(capturista.email(), 1, Duration.ofSeconds(20));
            assertThat(MetricsScrape.awaitResetRequests(kc.managementUrl(), before, 5).resetOutcomesSince(before))
                    .isEqualTo(MetricsScrape.resetOutcomes(Map.of("no_match", 3, "throttled_address", 1, "queued", 1)));
        } finally {
            config.setConfig(original);
            ResetItSupport.updateThrottleConfig(kc.realm(), config);
        }
    }

    @Test
    void givenManyWrongEmailsForOneUser_whenSheThenLogsIn_thenNothingCountedAsAFailedLogin(IcsoeKeycloak kc) {
        Capturista capturista = kc.users().create();
        for (int i = 0; i < 8; i++) {
            ResetItSupport.submitFresh(kc, capturista.curp(), "intento." + i + "@correo.example");
        }
        Map<String, Object> status = kc.realm().attackDetection().bruteForceUserStatus(capturista.id());
        assertThat(status.get("numFailures")).isEqualTo(0);
        assertThat(status.get("disabled")).isEqualTo(false);
        PortalClient.Pkce pkce = PortalClient.Pkce.create();
        try (WebClient web = ResetItSupport.browser()) {
            HtmlPage landed = LoginPage.open(web, kc.portal().authorizationUrl(pkce)).logIn(capturista.curp(), capturista.password());
            assertThat(PortalClient.codeFrom(landed.getUrl().toString())).isNotNull();
        }
    }

    /**
     * An IPv6 subscriber holds a whole /64: 21 addresses of one /64 count as one client. The server
     * trusts proxy headers from 127.0.0.1 only, so these requests come from there and name the
     * client in X-Forwarded-For, as a balancer would.
     */
    @Test
    void givenOneIpv6Slash64_whenManyOfItsAddressesAsk_thenTheyShareOneLimit(IcsoeKeycloak kc) throws Exception {
        AuthenticatorConfigRepresentation config = ResetItSupport.throttleConfig(kc.realm());
        Map<String, String> original = new HashMap<>(config.getConfig());
        String sslRequired = kc.realm().toRepresentation().getSslRequired();
        Capturista capturista = kc.users().create();
        String prefix = String.format("2001:db8:%x:%x:", new java.util.Random().nextInt(0xffff), new java.util.Random().nextInt(0xffff));
        try {
            Map<String, String> low = new HashMap<>(original);
            low.put(ResetThrottleConfig.REQUESTS_PER_ADDRESS, "3");
            config.setConfig(low);
            ResetItSupport.updateThrottleConfig(kc.realm(), config);
            setSslRequired(kc, "none"); // a forwarded client counts as external; this server has no TLS

            for (int i = 1; i <= 3; i++) {
                submitForwarded(kc, prefix + ":" + Integer.toHexString(i), capturista.curp(), "otra." + i + "@correo.example");
            }
            HtmlPage match = submitForwarded(kc, prefix + "beef:1:2:3", capturista.curp(), capturista.email());
            assertThat(ResetRequestPage.sentText(match)).startsWith(ResetItSupport.SENT_TEXT);
            Thread.sleep(ResetItSupport.NO_MAIL_GRACE.toMillis());
            assertThat(kc.mailbox().messagesTo(capturista.email())).as("a match from the same /64, past its limit").isEmpty();

            submitForwarded(kc, "2001:db8:ffff:" + Integer.toHexString(new java.util.Random().nextInt(0xffff)) + "::1",
                    capturista.curp(), capturista.email());
            kc.mailbox().awaitMessagesTo(capturista.email(), 1, Duration.ofSeconds(20));
        } finally {
            setSslRequired(kc, sslRequired);
            config.setConfig(original);
            ResetItSupport.updateThrottleConfig(kc.realm(), config);
        }
    }

    /** A flood of malformed posts from one address costs a few log lines, not one each, and never a 5xx. */
    @Test
    void givenThreeHundredMalformedPostsFromOneAddress_thenFewerThanSixtyLogLinesAndNo5xx(IcsoeKeycloak kc) throws Exception {
        MetricsScrape metricsBefore = MetricsScrape.awaitIdle(kc.managementUrl());
        long before = lineCount(kc);
        int worst = 0;
        try (WebClient web = Browsers.htmlUnitFrom(Browsers.randomLoopback())) {
            ResetRequestPage page = ResetRequestPage.open(web, kc.portalLoginUrl());
            for (int i = 0; i < 300; i++) {
                HtmlPage answer = page.submit(i % 2 == 0 ? "NO-ES-CURP-" + i : "HEGG850315MDFRRD07", "sin-arroba-" + i);
                worst = Math.max(worst, answer.getWebResponse().getStatusCode());
                page = new ResetRequestPage(answer);
            }
        }
        Thread.sleep(1_000);
        long added = lineCount(kc) - before;
        System.out.printf("[reset-flood] 300 malformed posts from one address added %d server log lines; highest status %d%n",
                added, worst);
        assertThat(worst).isLessThan(500);
        assertThat(added).isLessThan(60);
        assertThat(MetricsScrape.awaitResetRequests(kc.managementUrl(), metricsBefore, 300).resetOutcomesSince(metricsBefore))
                .as("every malformed post counted, also past the address's limit")
                .isEqualTo(MetricsScrape.resetOutcomes(Map.of("invalid", 300)));
    }

    private static long lineCount(IcsoeKeycloak kc) throws java.io.IOException {
        try (var lines = java.nio.file.Files.lines(kc.serverLog(), java.nio.charset.StandardCharsets.UTF_8)) {
            return lines.count();
        }
    }

    private static void setSslRequired(IcsoeKeycloak kc, String value) {
        org.keycloak.representations.idm.RealmRepresentation update = new org.keycloak.representations.idm.RealmRepresentation();
        update.setSslRequired(value);
        kc.realm().update(update);
    }

    private static HtmlPage submitForwarded(IcsoeKeycloak kc, String clientAddress, String curp, String email) {
        try (WebClient web = Browsers.htmlUnitFrom(InetAddress.getLoopbackAddress())) {
            web.addRequestHeader("X-Forwarded-For", clientAddress);
            return ResetRequestPage.open(web, kc.portalLoginUrl()).submit(curp, email);
        }
    }

    private static HtmlPage submitFrom(InetAddress address, IcsoeKeycloak kc, String curp, String email) {
        try (WebClient web = Browsers.htmlUnitFrom(address)) {
            return ResetRequestPage.open(web, kc.portalLoginUrl()).submit(curp, email);
        }
    }
}
