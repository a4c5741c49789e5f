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
        for (int i = 0; i < 4; i++) {
            HtmlPage page = ResetCredentialsIT.submitFresh(kc, capturista.curp(), capturista.email());
            assertThat(ResetRequestPage.sentText(page)).startsWith(ResetCredentialsIT.SENT_TEXT);
        }
        kc.mailbox().awaitMessagesTo(capturista.email(), 3, Duration.ofSeconds(20));
        Thread.sleep(ResetCredentialsIT.NO_MAIL_GRACE.toMillis());
        assertThat(kc.mailbox().messagesTo(capturista.email())).hasSize(3);
        ResetCredentialsIT.awaitEvent(kc, "SEND_RESET_PASSWORD_ERROR", capturista.id(), "icsoe_throttled_user");
    }

    @Test
    void givenALowPerAddressLimit_whenOneAddressExceedsIt_thenEvenAMatchGetsNoEmailWhileAnotherAddressStillDoes(IcsoeKeycloak kc)
            throws Exception {
        AuthenticatorConfigRepresentation config = ResetItSupport.throttleConfig(kc.realm());
        Map<String, String> original = new HashMap<>(config.getConfig());
        Capturista capturista = kc.users().create();
        InetAddress address = Browsers.randomLoopback();
        try {
            Map<String, String> low = new HashMap<>(original);
            low.put(ResetThrottleConfig.REQUESTS_PER_ADDRESS, "3");
            config.setConfig(low);
            ResetItSupport.updateThrottleConfig(kc.realm(), config);

            for (int i = 0; i < 3; i++) {
                submitFrom(address, kc, capturista.curp(), "otra." + i + "@correo.example");
            }
            HtmlPage fourth = submitFrom(address, kc, capturista.curp(), capturista.email());
            assertThat(ResetRequestPage.sentText(fourth)).startsWith(ResetCredentialsIT.SENT_TEXT);
            Thread.sleep(ResetCredentialsIT.NO_MAIL_GRACE.toMillis());
            assertThat(kc.mailbox().messagesTo(capturista.email())).isEmpty();
            List<EventRepresentation> throttled = kc.realm().getEvents(List.of("SEND_RESET_PASSWORD_ERROR"), null, null,
                    null, null, address.getHostAddress(), 0, 10);
            assertThat(throttled).extracting(EventRepresentation::getError)
                    .containsExactly("icsoe_throttled_address", "icsoe_email_mismatch", "icsoe_email_mismatch", "icsoe_email_mismatch");
            assertThat(String.valueOf(throttled.get(0).getDetails())).doesNotContainIgnoringCase(capturista.curp())
                    .doesNotContain(capturista.email());

            submitFrom(Browsers.randomLoopback(), kc, capturista.curp(), capturista.email());
            kc.mailbox().awaitMessagesTo(capturista.email(), 1, Duration.ofSeconds(20));
        } finally {
            config.setConfig(original);
            ResetItSupport.updateThrottleConfig(kc.realm(), config);
        }
    }

    @Test
    void givenManyWrongEmailsForOneUser_whenSheThenLogsIn_thenNothingCountedAsAFailedLogin(IcsoeKeycloak kc) {
        Capturista capturista = kc.users().create();
        for (int i = 0; i < 8; i++) {
            ResetCredentialsIT.submitFresh(kc, capturista.curp(), "intento." + i + "@correo.example");
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

    private static HtmlPage submitFrom(InetAddress address, IcsoeKeycloak kc, String curp, String email) {
        try (WebClient web = Browsers.htmlUnitFrom(address)) {
            return ResetRequestPage.open(web, kc.portalLoginUrl()).submit(curp, email);
        }
    }
}
