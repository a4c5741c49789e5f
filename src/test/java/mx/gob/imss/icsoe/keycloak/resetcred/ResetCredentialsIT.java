package mx.gob.imss.icsoe.keycloak.resetcred;

import static org.assertj.core.api.Assertions.assertThat;
import static mx.gob.imss.icsoe.keycloak.resetcred.ResetItSupport.browser;
import static mx.gob.imss.icsoe.keycloak.resetcred.ResetItSupport.LINK_GONE_TEXT;
import static mx.gob.imss.icsoe.keycloak.resetcred.ResetItSupport.NO_MAIL_GRACE;
import static mx.gob.imss.icsoe.keycloak.resetcred.ResetItSupport.SENT_TEXT;
import static mx.gob.imss.icsoe.keycloak.resetcred.ResetItSupport.SUPERSEDED_TEXT;
import static mx.gob.imss.icsoe.keycloak.resetcred.ResetItSupport.awaitEvent;
import static mx.gob.imss.icsoe.keycloak.resetcred.ResetItSupport.normalised;
import static mx.gob.imss.icsoe.keycloak.resetcred.ResetItSupport.requestLink;
import static mx.gob.imss.icsoe.keycloak.resetcred.ResetItSupport.submitFresh;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlAnchor;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.jose.jws.JWSInput;
import org.keycloak.representations.JsonWebToken;
import org.keycloak.representations.idm.EventRepresentation;

import mx.gob.imss.icsoe.keycloak.testing.pages.UpdatePasswordPage;
import mx.gob.imss.icsoe.keycloak.testing.pages.ResetRequestPage;
import mx.gob.imss.icsoe.keycloak.testing.Capturista;
import mx.gob.imss.icsoe.keycloak.testing.DirectGrantClient;
import mx.gob.imss.icsoe.keycloak.testing.EmailFrame;
import mx.gob.imss.icsoe.keycloak.testing.IcsoeKeycloak;
import mx.gob.imss.icsoe.keycloak.testing.MetricsScrape;
import mx.gob.imss.icsoe.keycloak.testing.KeycloakExtension;
import mx.gob.imss.icsoe.keycloak.testing.PortalClient;
import mx.gob.imss.icsoe.keycloak.testing.SlowSmtpProxy;
import mx.gob.imss.icsoe.keycloak.testing.pages.LoginPage;

/** The ICSOE reset flow end to end through its pages, against the real server and GreenMail. */
@ExtendWith({KeycloakExtension.class, StoredEvents.class})
public class ResetCredentialsIT {

    @Test
    void givenCurpAndEmailOfOneUser_whenSheResetsThroughTheEmailedLink_thenThePasswordChangesAndSheLogsInAgainHerself(IcsoeKeycloak kc)
            throws IOException {
        Capturista capturista = kc.users().create();
        try (WebClient web = browser()) {
            ResetRequestPage reset = ResetRequestPage.open(web, kc.portalLoginUrl());
            assertThat(reset.page().asNormalizedText()).contains("Restablecer contraseña", "Ingresa tu CURP para restablecer tu contraseña");
            assertThat(((org.htmlunit.html.HtmlInput) reset.page().getHtmlElementById("username")).getValue()).isEmpty();

            HtmlPage sent = reset.submit(" " + capturista.curp().toLowerCase(Locale.ROOT) + " ", capturista.email().toUpperCase(Locale.ROOT));
            assertThat(ResetRequestPage.sentText(sent)).startsWith(SENT_TEXT);
            assertThat(sent.getWebResponse().getStatusCode()).isEqualTo(200);

            var email = kc.mailbox().awaitOneTo(capturista.email());
            assertThat(email.from()).isEqualTo("icsoe@imss.gob.mx");
            EmailFrame.assertPlainText(email, "Restablecer contraseña");
            String link = email.linkContaining("action-token");

            String newPassword = kc.users().password();
            HtmlPage updated = UpdatePasswordPage.follow(web, link).save(newPassword);
            assertThat(updated.getElementById("icsoe-password-updated")).as(updated.asNormalizedText()).isNotNull();
            assertThat(updated.asNormalizedText()).contains("Contraseña actualizada");
            HtmlAnchor accept = updated.getHtmlElementById("kc-accept");
            assertThat(accept.getHrefAttribute()).startsWith(kc.baseUrl());

            // no automatic login: the portal shows the login page again in this very browser
            HtmlPage portal = web.getPage(kc.portalLoginUrl());
            assertThat(portal.getElementById("password")).as("login form, not an SSO redirect").isNotNull();
            assertThat(PortalClient.codeFrom(portal.getUrl().toString())).isNull();

            // the old password no longer works, the new one does, with the CURP in mixed case
            HtmlPage afterOld = LoginPage.of(portal).logIn(capturista.curp(), capturista.password());
            assertThat(PortalClient.codeFrom(afterOld.getUrl().toString())).isNull();
            HtmlPage afterNew = LoginPage.of(web.getPage(kc.portalLoginUrl())).logIn(mixedCase(capturista.curp()), newPassword);
            assertThat(PortalClient.codeFrom(afterNew.getUrl().toString())).as(afterNew.asNormalizedText()).isNotNull();
        }
        // one reset link in all (the other message is the password-updated confirmation of the event feature)
        assertThat(kc.mailbox().messagesTo(capturista.email()))
                .filteredOn(mail -> mail.links().stream().anyMatch(l -> l.contains("action-token"))).hasSize(1);
    }

    @Test
    void givenEveryKindOfNonMatch_whenSubmitted_thenTheSamePageAsAMatchAndNoEmail(IcsoeKeycloak kc) throws Exception {
        Capturista matching = kc.users().create();
        Capturista wrongEmail = kc.users().create();
        Capturista disabled = kc.users().create(u -> u.setEnabled(false));
        Capturista noEmail = kc.users().create(u -> u.setEmail(null));
        Capturista unknown = kc.users().create();
        kc.realm().users().get(unknown.id()).remove();

        String reference = normalised(submitFresh(kc, matching.curp(), matching.email()));
        List<String[]> cases = List.of(
                new String[] {wrongEmail.curp(), "otra.persona@correo.example"},
                new String[] {unknown.curp(), unknown.email()},
                new String[] {disabled.curp(), disabled.email()},
                new String[] {noEmail.curp(), "capturista.sin.correo@correo.example"},
                new String[] {matching.curp(), wrongEmail.email()});
        for (String[] input : cases) {
            assertThat(normalised(submitFresh(kc, input[0], input[1]))).as("page for %s", input[0]).isEqualTo(reference);
        }
        kc.mailbox().awaitOneTo(matching.email());
        Thread.sleep(NO_MAIL_GRACE.toMillis());
        assertThat(kc.mailbox().messagesTo(matching.email())).hasSize(1);
        assertThat(kc.mailbox().messagesTo(wrongEmail.email())).isEmpty();
        assertThat(kc.mailbox().messagesTo("otra.persona@correo.example")).isEmpty();
        assertThat(kc.mailbox().messagesTo(disabled.email())).isEmpty();
        assertThat(kc.mailbox().messagesTo(unknown.email())).isEmpty();

        assertThat(ResetItSupport.events(kc.realm(), "SEND_RESET_PASSWORD_ERROR", disabled.id()))
                .extracting(EventRepresentation::getError).contains("user_disabled");
        List<EventRepresentation> mismatch = ResetItSupport.events(kc.realm(), "SEND_RESET_PASSWORD_ERROR", wrongEmail.id());
        assertThat(mismatch).extracting(EventRepresentation::getError).contains("icsoe_email_mismatch");
        assertThat(ResetItSupport.events(kc.realm(), "SEND_RESET_PASSWORD_ERROR", noEmail.id()))
                .extracting(EventRepresentation::getError).contains("icsoe_user_without_email");
        List<EventRepresentation> sentEvents = ResetItSupport.events(kc.realm(), "SEND_RESET_PASSWORD", matching.id());
        // one event per request outcome, recorded by the background job once the email went out
        assertThat(sentEvents).extracting(e -> e.getDetails().get("icsoe_outcome")).containsExactly("sent");
        List<EventRepresentation> all = new ArrayList<>(mismatch);
        all.addAll(sentEvents);
        assertThat(all).allSatisfy(event -> assertThat(String.valueOf(event.getDetails()))
                .doesNotContainIgnoringCase(wrongEmail.curp()).doesNotContainIgnoringCase(matching.curp())
                .doesNotContain(matching.email()).doesNotContain("@"));
    }

    @Test
    void givenMalformedOrMissingInput_whenSubmitted_thenTheFormAgainWithSpanishFieldErrorsAndNoEmail(IcsoeKeycloak kc) {
        Capturista capturista = kc.users().create();
        try (WebClient web = browser()) {
            ResetRequestPage empty = new ResetRequestPage(ResetRequestPage.open(web, kc.portalLoginUrl()).submit("", ""));
            assertThat(empty.fieldError("username")).isEqualTo("Ingresa tu CURP.");
            assertThat(empty.fieldError("email")).isEqualTo("Ingresa tu correo electrónico.");

            String almost = capturista.curp().substring(0, 17) + ((capturista.curp().charAt(17) - '0' + 1) % 10);
            ResetRequestPage badCurp = new ResetRequestPage(empty.submit(almost, capturista.email()));
            assertThat(badCurp.fieldError("username")).startsWith("La CURP no tiene un formato válido");
            assertThat(badCurp.fieldError("email")).isNull();

            ResetRequestPage badEmail = new ResetRequestPage(badCurp.submit(capturista.curp(), "no-es-un-correo"));
            assertThat(badEmail.fieldError("email")).startsWith("El correo electrónico no es válido");
            assertThat(((org.htmlunit.html.HtmlInput) badEmail.page().getHtmlElementById("username")).getValue()).isEmpty();
            assertThat(((org.htmlunit.html.HtmlInput) badEmail.page().getHtmlElementById("email")).getValue())
                    .as("the typed email is given back").isEqualTo("no-es-un-correo");

            // given back as text, never as markup
            String hostile = "\"><img src=x onerror=alert(1)>@a.mx";
            ResetRequestPage echoed = new ResetRequestPage(badEmail.submit("GODE", hostile));
            assertThat(((org.htmlunit.html.HtmlInput) echoed.page().getHtmlElementById("email")).getValue()).isEqualTo(hostile);
            assertThat(echoed.page().getWebResponse().getContentAsString()).doesNotContain("<img src=x");
        }
        assertThat(kc.mailbox().messagesTo(capturista.email())).isEmpty();
    }

    @Test
    void givenHostileStrings_whenSubmitted_thenNothingIsEchoedUnescapedAndNothingIsSent(IcsoeKeycloak kc) throws Exception {
        Capturista capturista = kc.users().create();
        String[] curps = {"<script>alert('x')</script>", "' OR '1'='1", "*", "%", capturista.curp().substring(0, 10) + "*"};
        for (String curp : curps) {
            try (WebClient web = browser()) {
                HtmlPage page = ResetRequestPage.open(web, kc.portalLoginUrl()).submit(curp, capturista.email());
                assertThat(new ResetRequestPage(page).fieldError("username")).as(curp).startsWith("La CURP no tiene un formato válido");
                // the field comes back empty, so not even a one-character wildcard is echoed into it
                assertThat(((org.htmlunit.html.HtmlInput) page.getHtmlElementById("username")).getValue()).as(curp).isEmpty();
                assertThat(page.getWebResponse().getContentAsString()).as(curp)
                        .doesNotContain("value=\"" + curp).doesNotContain(curp.length() > 2 ? curp : "<script>");
            }
        }
        // the email check is Keycloak's own syntax (the user profile's): odd but valid addresses get
        // the confirmation (and match no one); markup or spaces get the field error, with what was
        // typed shown again as text, never as markup
        Map<String, Boolean> plausible = new LinkedHashMap<>();
        plausible.put("x'--@x.mx", true);
        plausible.put("\"><svg/onload=alert(1)>@x.mx", false);
        plausible.put(capturista.email() + "' OR '1'='1", false);
        plausible.put("%@%.%", true);
        plausible.forEach((email, accepted) -> {
            HtmlPage page = submitFresh(kc, capturista.curp(), email);
            String html = page.getWebResponse().getContentAsString();
            if (accepted) {
                assertThat(ResetRequestPage.sentText(page)).as(email).startsWith(SENT_TEXT);
                assertThat(html).as(email).doesNotContain(email);
            } else {
                assertThat(page.getElementById("icsoe-reset-sent")).as(email).isNull();
                assertThat(new ResetRequestPage(page).fieldError("email")).as(email).startsWith("El correo electrónico no es válido");
                assertThat(((org.htmlunit.html.HtmlInput) page.getHtmlElementById("email")).getValue()).as(email).isEqualTo(email);
                if (email.chars().anyMatch(c -> "<>\"'&".indexOf(c) >= 0)) {
                    assertThat(html).as(email).doesNotContain(email);
                }
            }
            assertThat(html).as(email).doesNotContain("<svg");
        });
        Thread.sleep(NO_MAIL_GRACE.toMillis());
        assertThat(kc.mailbox().messagesTo(capturista.email())).isEmpty();
    }

    @Test
    void givenAUsedLink_whenOpenedAgain_thenAClearSpanishErrorAndNoForm(IcsoeKeycloak kc) throws IOException {
        Capturista capturista = kc.users().create();
        String link = requestLink(kc, capturista);
        try (WebClient web = browser()) {
            UpdatePasswordPage.follow(web, link).save(kc.users().password());
        }
        try (WebClient again = browser()) {
            HtmlPage page = again.getPage(link);
            assertThat(page.getElementById("kc-passwd-update-form")).isNull();
            assertThat(page.asNormalizedText()).contains(LINK_GONE_TEXT);
        }
    }

    @Test
    void givenAnExpiredLink_whenOpened_thenAClearSpanishErrorAndNoForm(IcsoeKeycloak kc) throws Exception {
        String before = ResetItSupport.resetLifespan(kc.realm());
        Capturista capturista = kc.users().create();
        String link;
        try {
            // a link is sent only within half its lifespan: 10 s leaves the outbox 5 s, ample on a busy CI machine
            ResetItSupport.setResetLifespan(kc.realm(), "10");
            link = requestLink(kc, capturista);
        } finally {
            ResetItSupport.setResetLifespan(kc.realm(), before == null ? "900" : before);
        }
        // wait for the expiry the link itself carries, then a second for whole-second rounding
        long expiresAt = new JWSInput(URI.create(link).getQuery().replaceAll(".*(?:^|&)key=([^&]+).*", "$1"))
                .readJsonContent(JsonWebToken.class).getExp() * 1000L;
        Thread.sleep(Math.max(0, expiresAt + 1_000 - System.currentTimeMillis()));
        try (WebClient web = browser()) {
            HtmlPage page = web.getPage(link);
            assertThat(page.getElementById("kc-passwd-update-form")).isNull();
            assertThat(page.asNormalizedText()).contains(LINK_GONE_TEXT);
        }
    }

    @Test
    void givenAnOlderLink_whenANewerResetHasCompleted_thenTheOlderLinkIsRefused(IcsoeKeycloak kc) throws Exception {
        Capturista capturista = kc.users().create();
        String older = requestLink(kc, capturista);
        Thread.sleep(1_100);
        String newer = requestLink(kc, capturista, 2);
        assertThat(newer).isNotEqualTo(older);
        try (WebClient web = browser()) {
            assertThat(UpdatePasswordPage.follow(web, newer).save(kc.users().password()).getElementById("icsoe-password-updated")).isNotNull();
        }
        try (WebClient web = browser()) {
            HtmlPage page = web.getPage(older);
            assertThat(page.getElementById("kc-passwd-update-form")).isNull();
            assertThat(page.asNormalizedText()).contains(SUPERSEDED_TEXT);
        }
    }

    /**
     * Link 1's form left open in browser A; link 2 requested and completed in browser B; then A's form
     * is submitted. Keycloak checked link 1 only when it was opened, so A's submit used to be accepted
     * and silently replaced B's newer password.
     */
    @Test
    void givenAnOpenFormOfAnOlderLink_whenANewerResetCompletesElsewhere_thenItsSubmitIsRefusedAndTheNewerPasswordStays(
            IcsoeKeycloak kc) throws Exception {
        Capturista capturista = kc.users().create();
        String older = requestLink(kc, capturista);
        String passwordOfA = kc.users().password();
        String passwordOfB = kc.users().password();
        try (WebClient browserA = browser()) {
            UpdatePasswordPage openInA = UpdatePasswordPage.follow(browserA, older);
            Thread.sleep(1_100); // the newer link's iat is a later second
            String newer = requestLink(kc, capturista, 2);
            try (WebClient browserB = browser()) {
                assertThat(UpdatePasswordPage.follow(browserB, newer).save(passwordOfB).getElementById("icsoe-password-updated"))
                        .isNotNull();
            }
            HtmlPage submitted = openInA.save(passwordOfA);
            assertThat(submitted.getElementById("icsoe-password-updated")).as(submitted.asNormalizedText()).isNull();
            assertThat(submitted.asNormalizedText()).contains(SUPERSEDED_TEXT);
        }
        assertThat(signsIn(kc, capturista, passwordOfB)).as("B's newer password").isTrue();
        assertThat(signsIn(kc, capturista, passwordOfA)).as("A's password from the outdated form").isFalse();
    }

    private static boolean signsIn(IcsoeKeycloak kc, Capturista capturista, String password) {
        try (WebClient web = browser()) {
            HtmlPage landed = LoginPage.open(web, kc.portalLoginUrl()).logIn(capturista.curp(), password);
            return PortalClient.codeFrom(landed.getUrl().toString()) != null;
        }
    }

    @Test
    void givenTwoLinksIssued_whenTheOlderIsOpened_thenItIsRefusedAndTheNewerStillWorks(IcsoeKeycloak kc) throws Exception {
        Capturista capturista = kc.users().create();
        String first = requestLink(kc, capturista);
        String second = requestLink(kc, capturista, 2);
        assertThat(second).isNotEqualTo(first);
        try (WebClient web = browser()) {
            HtmlPage page = web.getPage(first);
            assertThat(page.getWebResponse().getStatusCode()).isLessThan(500);
            assertThat(page.getElementById("kc-passwd-update-form")).isNull();
            assertThat(page.asNormalizedText()).contains(SUPERSEDED_TEXT);
        }
        try (WebClient web = browser()) {
            assertThat(UpdatePasswordPage.follow(web, second).save(kc.users().password()).getElementById("icsoe-password-updated"))
                    .isNotNull();
        }
        awaitEvent(kc, "RESET_PASSWORD_ERROR", capturista.id(), "icsoe_reset_link_superseded");
    }

    @Test
    void givenAMailServerSlowToAccept_whenTheLinkIsOpenedTheMomentItArrives_thenItWorks(IcsoeKeycloak kc) throws Exception {
        Capturista capturista = kc.users().create();
        // GreenMail has the email at once; Keycloak's send, and so the job's commit, waits out the hold
        Duration hold = Duration.ofSeconds(3);
        try (SlowSmtpProxy slow = new SlowSmtpProxy(kc.smtpPort(), hold, SlowSmtpProxy.Hold.ACCEPTANCE)) {
            kc.setSmtp("127.0.0.1", slow.port());
            try {
                String link = requestLink(kc, capturista);
                long arrived = System.nanoTime();
                HtmlPage page;
                try (WebClient web = browser()) {
                    page = web.getPage(link);
                }
                Duration opened = Duration.ofNanos(System.nanoTime() - arrived);
                assertThat(opened).as("opened while the mail server still held its answer").isLessThan(hold.minusMillis(500));
                assertThat(page.getElementById("kc-passwd-update-form")).as(page.asNormalizedText()).isNotNull();
                // let the send end before the relay closes, so it is not recorded as a failure
                awaitEvent(kc, "SEND_RESET_PASSWORD", capturista.id(), null);
            } finally {
                kc.restoreSmtp();
            }
        }
    }

    @Test
    void givenOtherSessionsIncludingOffline_whenThePasswordIsReset_thenTheirRefreshTokensFail(IcsoeKeycloak kc) throws IOException {
        Capturista capturista = kc.users().create();
        // a browser session through the portal
        PortalClient.Pkce pkce = PortalClient.Pkce.create();
        String portalRefresh;
        try (WebClient other = browser()) {
            HtmlPage landed = LoginPage.open(other, kc.portal().authorizationUrl(pkce)).logIn(capturista.curp(), capturista.password());
            Map<String, Object> tokens = kc.portal().exchange(PortalClient.codeFrom(landed.getUrl().toString()), pkce);
            portalRefresh = (String) tokens.get("refresh_token");
        }
        // an offline session through a confidential client with direct grants
        try (DirectGrantClient client = DirectGrantClient.create(kc.realm())) {
            Map<String, Object> offline = client.offlineLogin(kc.portal(), capturista);
            assertThat(offline.get("http_status")).as(offline.toString()).isEqualTo(200);
            // refresh tokens rotate (the realm refuses a second use): from here on, only the newest ones count
            Map<String, Object> refreshedOffline = kc.portal().token(client.refreshRequest((String) offline.get("refresh_token")));
            assertThat(refreshedOffline.get("http_status")).isEqualTo(200);
            Map<String, Object> refreshedPortal = kc.portal().refresh(portalRefresh);
            assertThat(refreshedPortal.get("http_status")).isEqualTo(200);

            String link = requestLink(kc, capturista);
            try (WebClient web = browser()) {
                // the stock "sign out other devices" box is left as it comes (unticked)
                assertThat(UpdatePasswordPage.follow(web, link).save(kc.users().password()).getElementById("icsoe-password-updated")).isNotNull();
            }
            assertThat(kc.portal().refresh((String) refreshedPortal.get("refresh_token")).get("http_status")).isEqualTo(400);
            assertThat(kc.portal().token(client.refreshRequest((String) refreshedOffline.get("refresh_token")))
                    .get("http_status")).isEqualTo(400);
            assertThat(kc.realm().users().get(capturista.id()).getUserSessions()).isEmpty();
            assertThat(kc.realm().users().get(capturista.id()).getOfflineSessions(client.uuid())).isEmpty();
        }
    }

    @Test
    void givenTheSmtpServerIsDown_whenAMatchIsSubmitted_thenTheSamePageNo500AndTheEmailOnceItIsBack(IcsoeKeycloak kc)
            throws Exception {
        Capturista capturista = kc.users().create();
        int closedPort;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        MetricsScrape before = MetricsScrape.awaitIdle(kc.managementUrl());
        HtmlPage page;
        try {
            kc.setSmtp("127.0.0.1", closedPort);
            page = submitFresh(kc, capturista.curp(), capturista.email());
            assertThat(page.getWebResponse().getStatusCode()).isEqualTo(200);
            assertThat(ResetRequestPage.sentText(page)).startsWith(SENT_TEXT);
            MetricsScrape.await(kc.managementUrl(), scrape -> scrape.since(before, MetricsScrape.OUTBOX_ATTEMPTS,
                    "kind", "reset_link", "result", "retry") >= 1, "a failed attempt, to be retried");
            assertThat(kc.mailbox().messagesTo(capturista.email())).isEmpty();
        } finally {
            kc.restoreSmtp();
        }
        // the promise stands: the same row is sent once the mail server answers again
        kc.mailbox().awaitMessagesTo(capturista.email(), 1, java.time.Duration.ofSeconds(30));
        MetricsScrape.awaitIdle(kc.managementUrl());
        assertThat(kc.mailbox().messagesTo(capturista.email())).hasSize(1);
    }

    // --- helpers ---

    static String mixedCase(String curp) {
        StringBuilder out = new StringBuilder(curp.length());
        for (int i = 0; i < curp.length(); i++) {
            char c = curp.charAt(i);
            out.append(i % 2 == 0 ? Character.toLowerCase(c) : Character.toUpperCase(c));
        }
        return out.toString();
    }
}
