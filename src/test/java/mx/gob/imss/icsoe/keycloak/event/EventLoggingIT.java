package mx.gob.imss.icsoe.keycloak.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.UserRepresentation;

import mx.gob.imss.icsoe.keycloak.testing.Browsers;
import mx.gob.imss.icsoe.keycloak.testing.Capturista;
import mx.gob.imss.icsoe.keycloak.testing.IcsoeKeycloak;
import mx.gob.imss.icsoe.keycloak.testing.KeycloakExtension;
import mx.gob.imss.icsoe.keycloak.testing.PortalClient;
import mx.gob.imss.icsoe.keycloak.testing.TestUsers;
import mx.gob.imss.icsoe.keycloak.testing.ScriptedSmtpServer;
import mx.gob.imss.icsoe.keycloak.testing.pages.UpdatePasswordPage;
import mx.gob.imss.icsoe.keycloak.testing.pages.LoginPage;
import mx.gob.imss.icsoe.keycloak.testing.pages.ResetRequestPage;

/**
 * The realm logs its events through {@code icsoe-logging}, not Keycloak's {@code jboss-logging}: failed
 * logins and failed reset requests reach the server log at WARN, with the typed CURP and email
 * replaced by keyed hashes. The whole server log is searched for this capturista's identifiers.
 */
@ExtendWith(KeycloakExtension.class)
class EventLoggingIT {

    @Test
    void givenFailedLoginsAndAFailedResetRequest_thenTheLogHasTheirEventsButNeitherTheCurpNorTheEmail(IcsoeKeycloak kc)
            throws Exception {
        Capturista capturista = kc.users().create();
        Capturista gone = kc.users().create();
        kc.realm().users().delete(gone.id()).close();
        try (WebClient browser = Browsers.htmlUnitFromOwnAddress()) {
            // a wrong password for a known CURP, typed in upper case as on the guide's screen
            LoginPage.open(browser, kc.portalLoginUrl()).logIn(capturista.curp(), capturista.password() + "x");
            // a well-formed CURP nobody has
            LoginPage.open(browser, kc.portalLoginUrl()).logIn(gone.curp(), gone.password());
            // the right CURP with the wrong email on "Restablecer contraseña"
            HtmlPage sent = ResetRequestPage.open(browser, kc.portalLoginUrl()).submit(capturista.curp(), "otra." + capturista.email());
            assertThat(sent.asNormalizedText()).contains("La liga para restablecer tu contraseña fue enviada");
        }

        String loginError = awaitLine(kc, "type=\"LOGIN_ERROR\"", "userId=\"" + capturista.id() + "\"");
        assertThat(loginError).contains(" WARN ", "error=\"invalid_user_credentials\"", "username=\"#", "realmName=\"icsoe\"");
        String resetError = awaitLine(kc, "type=\"SEND_RESET_PASSWORD_ERROR\"", "userId=\"" + capturista.id() + "\"");
        assertThat(resetError).contains("icsoe_outcome=\"no_match\"", "icsoe_subject=\"");

        String log = Files.readString(kc.serverLog(), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        assertThat(log).as("the server log")
                .doesNotContain(capturista.curp().toLowerCase(Locale.ROOT))
                .doesNotContain(capturista.email().toLowerCase(Locale.ROOT))
                .doesNotContain(gone.curp().toLowerCase(Locale.ROOT))
                .doesNotContain(gone.email().toLowerCase(Locale.ROOT));
    }

    /**
     * The audit trail with the shipped settings: one redacted INFO line for the reset request's
     * outcome and one for the password change, each naming the user id and the client address.
     */
    @Test
    void givenACompletedReset_thenTheLogHoldsOneInfoLinePerStepNamingTheUserAndAddress(IcsoeKeycloak kc) throws Exception {
        Capturista capturista = kc.users().create();
        java.net.InetAddress address = Browsers.randomLoopback();
        try (WebClient browser = Browsers.htmlUnitFrom(address)) {
            ResetRequestPage.open(browser, kc.portalLoginUrl()).submit(capturista.curp(), capturista.email());
        }
        String link = kc.mailbox().awaitMessagesTo(capturista.email(), 1, Duration.ofSeconds(20)).get(0).linkContaining("action-token");
        try (WebClient browser = Browsers.htmlUnitFrom(address)) {
            UpdatePasswordPage.follow(browser, link).save(kc.users().password());
        }
        String user = "userId=\"" + capturista.id() + "\"";
        String requested = awaitLine(kc, " INFO ", "type=\"SEND_RESET_PASSWORD\"", user);
        assertThat(requested).contains("icsoe_outcome=\"sent\"", "ipAddress=\"" + address.getHostAddress() + "\"");
        String changed = awaitLine(kc, " INFO ", "type=\"UPDATE_PASSWORD\"", user);
        assertThat(changed).contains("ipAddress=\"" + address.getHostAddress() + "\"");
        assertThat(lines(kc).stream().filter(l -> l.contains("type=\"UPDATE_PASSWORD\"") && l.contains(user))).hasSize(1);
    }

    /**
     * Sign-ins and an administrator's password change are audit lines too (INFO or above): a wrong then
     * a right password, each naming the user, the client address, the method and the outcome (the type
     * and, when refused, the error), then the administrator's update with credentials, naming its path.
     * Neither the CURP nor the email is anywhere in the log.
     */
    @Test
    void givenSignInsAndAnAdminPasswordChange_thenEachIsAnAuditLineWithMethodAndOutcome(IcsoeKeycloak kc) throws Exception {
        Capturista capturista = kc.users().create();
        java.net.InetAddress address = Browsers.randomLoopback();
        try (WebClient browser = Browsers.htmlUnitFrom(address)) {
            LoginPage.open(browser, kc.portalLoginUrl()).logIn(capturista.curp(), capturista.password() + "x");
            HtmlPage landed = LoginPage.open(browser, kc.portalLoginUrl()).logIn(capturista.curp(), capturista.password());
            assertThat(PortalClient.codeFrom(landed.getUrl().toString())).isNotBlank();
        }
        UserResource user = kc.realm().users().get(capturista.id());
        UserRepresentation representation = user.toRepresentation();
        representation.setCredentials(List.of(TestUsers.passwordCredential(kc.users().password())));
        user.update(representation);

        String who = "userId=\"" + capturista.id() + "\"";
        String from = "ipAddress=\"" + address.getHostAddress() + "\"";
        String refused = awaitLine(kc, "type=\"LOGIN_ERROR\"", who);
        assertThat(refused).contains(" WARN ", from, "method=\"password\"", "error=\"invalid_user_credentials\"");
        String signedIn = awaitLine(kc, " INFO ", "type=\"LOGIN\"", who);
        assertThat(signedIn).contains(from, "method=\"password\"").doesNotContain("error=");
        String changed = awaitLine(kc, " INFO ", "operationType=\"UPDATE\"", "resourcePath=\"users/" + capturista.id() + "\"");
        assertThat(changed).contains("resourceType=\"USER\"").doesNotContain("error=");

        String log = Files.readString(kc.serverLog(), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        assertThat(log).as("the server log")
                .doesNotContain(capturista.curp().toLowerCase(Locale.ROOT))
                .doesNotContain(capturista.email().toLowerCase(Locale.ROOT));
    }

    /**
     * A mail server that refuses the recipient quotes the address in its reply; no line of the log
     * may carry it, the outbox's give-up event included (it names the reply's class only).
     */
    @Test
    void givenAMailServerThatRejectsTheRecipientQuotingIt_thenTheAddressIsNowhereInTheLog(IcsoeKeycloak kc) throws Exception {
        Capturista capturista = kc.users().create();
        try (ScriptedSmtpServer rejecting = new ScriptedSmtpServer(ScriptedSmtpServer.Mode.REJECT_RECIPIENT)) {
            kc.setSmtp("127.0.0.1", rejecting.port());
            try (WebClient browser = Browsers.htmlUnitFromOwnAddress()) {
                ResetRequestPage.open(browser, kc.portalLoginUrl()).submit(capturista.curp(), capturista.email());
                // a 550 is given up at once; the event names the reply's class and the exception's, never the reply
                awaitLine(kc, "type=\"SEND_RESET_PASSWORD_ERROR\"", "userId=\"" + capturista.id() + "\"", "email_send_failed",
                        "reason=\"5xx ");
            } finally {
                kc.restoreSmtp();
            }
            assertThat(rejecting.connections()).isGreaterThanOrEqualTo(1);
        }
        String log = Files.readString(kc.serverLog(), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        assertThat(log).as("the server log").doesNotContain(capturista.email().toLowerCase(Locale.ROOT));
    }

    @Test
    void givenTheRealm_thenKeycloaksPlainLoggingListenerIsNotEnabled(IcsoeKeycloak kc) {
        assertThat(kc.realm().toRepresentation().getEventsListeners())
                .contains(RedactingLoggingEventListenerFactory.PROVIDER_ID).doesNotContain("jboss-logging");
    }

    /** The first server-log line holding every part, waiting up to 10 s for it. */
    private static String awaitLine(IcsoeKeycloak kc, String... parts) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            Optional<String> line = lines(kc).stream().filter(l -> List.of(parts).stream().allMatch(l::contains)).findFirst();
            if (line.isPresent()) {
                return line.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no log line with " + List.of(parts) + "; last lines:\n" + kc.serverLogTail(30));
            }
            Thread.sleep(200);
        }
    }

    private static List<String> lines(IcsoeKeycloak kc) {
        try {
            return Files.readAllLines(kc.serverLog(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
