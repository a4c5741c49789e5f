package mx.gob.imss.icsoe.keycloak.passwordupdated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.ws.rs.BadRequestException;
import mx.gob.imss.icsoe.keycloak.testing.Browsers;
import mx.gob.imss.icsoe.keycloak.testing.Capturista;
import mx.gob.imss.icsoe.keycloak.testing.DirectGrantClient;
import mx.gob.imss.icsoe.keycloak.testing.EmailFrame;
import mx.gob.imss.icsoe.keycloak.testing.IcsoeKeycloak;
import mx.gob.imss.icsoe.keycloak.testing.KeycloakExtension;
import mx.gob.imss.icsoe.keycloak.testing.MetricsScrape;
import mx.gob.imss.icsoe.keycloak.testing.PortalClient;
import mx.gob.imss.icsoe.keycloak.testing.ReceivedEmail;
import mx.gob.imss.icsoe.keycloak.testing.TestUsers;
import mx.gob.imss.icsoe.keycloak.testing.pages.LoginPage;
import mx.gob.imss.icsoe.keycloak.testing.pages.ResetRequestPage;
import mx.gob.imss.icsoe.keycloak.testing.pages.UpdatePasswordPage;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * One Spanish confirmation per successful password change, none for anything else. Each test waits
 * a few seconds after the first email (or after the action) so that a second or late email would
 * be seen.
 */
@ExtendWith(KeycloakExtension.class)
class PasswordUpdatedEmailIT {

    private static final Duration ARRIVAL = Duration.ofSeconds(20);
    private static final Duration QUIET = Duration.ofSeconds(4);
    private static final String SUBJECT = "ICSOE: tu contraseña fue actualizada";

    private final IcsoeKeycloak kc;

    PasswordUpdatedEmailIT(IcsoeKeycloak kc) {
        this.kc = kc;
    }

    private void resetPassword(Capturista capturista, String newPassword) {
        kc.realm().users().get(capturista.id()).resetPassword(TestUsers.passwordCredential(newPassword));
    }

    /** What the admin console and scripts also do: {@code PUT …/users/{id}} with a name edit and {@code credentials}. */
    private void updateWithPassword(Capturista capturista, String newPassword) {
        UserResource user = kc.realm().users().get(capturista.id());
        UserRepresentation representation = user.toRepresentation();
        representation.setFirstName("Otra");
        representation.setCredentials(List.of(TestUsers.passwordCredential(newPassword)));
        user.update(representation);
    }

    /** The two ways an administrator sets a password. */
    enum AdminChange {
        RESET_PASSWORD, USER_UPDATE_WITH_CREDENTIALS
    }

    private void change(AdminChange how, Capturista capturista, String newPassword) {
        switch (how) {
            case RESET_PASSWORD -> resetPassword(capturista, newPassword);
            case USER_UPDATE_WITH_CREDENTIALS -> updateWithPassword(capturista, newPassword);
        }
    }

    private List<ReceivedEmail> exactlyOneEmailTo(String address) throws InterruptedException {
        kc.mailbox().awaitMessagesTo(address, 1, ARRIVAL);
        Thread.sleep(QUIET.toMillis());
        List<ReceivedEmail> received = kc.mailbox().messagesTo(address);
        assertThat(received).as("emails to the capturista").hasSize(1);
        return received;
    }

    private List<String> logLines() throws java.io.IOException {
        return java.nio.file.Files.readAllLines(kc.serverLog(), java.nio.charset.StandardCharsets.UTF_8);
    }

    private void noEmailTo(String address) throws InterruptedException {
        Thread.sleep(QUIET.toMillis());
        assertThat(kc.mailbox().messagesTo(address)).as("emails to the capturista").isEmpty();
    }

    /** "25 de noviembre de 2026": the date part of changedAt, today in central Mexico. */
    private static String todayInSpanish() {
        LocalDate today = LocalDate.now(ChangedAtFormat.CENTRAL_MEXICO);
        return today.format(DateTimeFormatter.ofPattern("d 'de' MMMM 'de' yyyy", Locale.forLanguageTag("es-MX")));
    }

    private static void assertIsTheConfirmation(ReceivedEmail email) {
        assertThat(email.subject()).isEqualTo(SUBJECT);
        assertThat(email.from()).isEqualTo("icsoe@imss.gob.mx");
        String changedAt = "(\\d{1,2}) de [a-z]+ de \\d{4}, \\d{2}:\\d{2} \\(hora del centro de México\\)";
        assertThat(email.text()).containsPattern(changedAt).contains("ICSOE");
        EmailFrame.assertPlainText(email, "Contraseña actualizada");
        assertThat(email.html()).containsPattern(changedAt).contains("id=\"icsoe-password-updated-email\"");
        String today = todayInSpanish();
        String justBefore = LocalDate.now(ChangedAtFormat.CENTRAL_MEXICO).minusDays(1)
                .format(DateTimeFormatter.ofPattern("d 'de' MMMM 'de' yyyy", Locale.forLanguageTag("es-MX")));
        assertThat(email.text()).containsAnyOf(today, justBefore); // a run that crosses midnight
        assertThat(email.links()).as("the confirmation carries no link or secret").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(AdminChange.class)
    void givenACapturista_whenAnAdminSetsHerPassword_thenExactlyOneSpanishConfirmation(AdminChange how) throws Exception {
        Capturista capturista = kc.users().create();

        change(how, capturista, kc.users().password());

        assertIsTheConfirmation(exactlyOneEmailTo(capturista.email()).get(0));
    }

    /**
     * The realm's {@code end_other_sessions} covers the administrator's paths too: once the answer is
     * back, neither the user's refresh token nor her offline token refreshes, and no session is left.
     */
    @ParameterizedTest
    @EnumSource(AdminChange.class)
    void givenOnlineAndOfflineSessions_whenAnAdminSetsThePassword_thenNeitherRefreshes(AdminChange how) {
        Capturista capturista = kc.users().create();
        try (DirectGrantClient client = DirectGrantClient.create(kc.realm())) {
            Map<String, Object> online = client.onlineLogin(kc.portal(), capturista);
            Map<String, Object> offline = client.offlineLogin(kc.portal(), capturista);
            assertThat(online.get("http_status")).as(online.toString()).isEqualTo(200);
            assertThat(offline.get("http_status")).as(offline.toString()).isEqualTo(200);
            Map<String, String> refreshOnline = client.refreshRequest((String) online.get("refresh_token"));
            Map<String, String> refreshOffline = client.refreshRequest((String) offline.get("refresh_token"));
            assertThat(kc.portal().token(refreshOnline).get("http_status")).as("before").isEqualTo(200);
            assertThat(kc.portal().token(refreshOffline).get("http_status")).as("before").isEqualTo(200);

            change(how, capturista, kc.users().password());

            assertThat(kc.portal().token(refreshOnline).get("http_status")).as("refresh token").isEqualTo(400);
            assertThat(kc.portal().token(refreshOffline).get("http_status")).as("offline token").isEqualTo(400);
            UserResource user = kc.realm().users().get(capturista.id());
            assertThat(user.getUserSessions()).isEmpty();
            assertThat(user.getOfflineSessions(client.uuid())).isEmpty();
        }
    }

    @Test
    void givenAnUnverifiedAddress_whenAnAdminResetsThePassword_thenTheConfirmationStillGoesOut() throws Exception {
        Capturista capturista = kc.users().create(user -> user.setEmailVerified(false));

        resetPassword(capturista, kc.users().password());

        assertIsTheConfirmation(exactlyOneEmailTo(capturista.email()).get(0));
    }

    @ParameterizedTest
    @EnumSource(AdminChange.class)
    void givenAPasswordThePolicyRejects_whenAnAdminTriesIt_thenNoEmail(AdminChange how) throws Exception {
        Capturista capturista = kc.users().create();

        assertThatThrownBy(() -> change(how, capturista, "corta")).isInstanceOf(BadRequestException.class);

        noEmailTo(capturista.email());
    }

    @Test
    void givenOtherAdminUpdates_whenTheAdminChangesNamesAndSendsNothingElse_thenNoEmail() throws Exception {
        Capturista capturista = kc.users().create();
        UserResource user = kc.realm().users().get(capturista.id());
        UserRepresentation representation = user.toRepresentation();
        representation.setFirstName("Otra");
        user.update(representation);
        user.logout();

        noEmailTo(capturista.email());
    }

    @Test
    void givenACapturista_whenSheLogsIn_thenNoEmail() throws Exception {
        Capturista capturista = kc.users().create();
        try (WebClient browser = Browsers.htmlUnit()) {
            HtmlPage landed = LoginPage.open(browser, kc.portalLoginUrl()).logIn(capturista.curp(), capturista.password());
            assertThat(PortalClient.codeFrom(landed.getUrl().toString())).isNotBlank();
        }

        noEmailTo(capturista.email());
    }

    @Test
    void givenAUserWithoutEmail_whenAnAdminResetsThePassword_thenTheResetSucceedsAndNothingIsSent() throws Exception {
        Capturista capturista = kc.users().create(user -> user.setEmail(null));
        // no earlier test's email still on its way: every count below is this change's
        MetricsScrape before = MetricsScrape.awaitIdle(kc.managementUrl());
        long logLines = logLines().size();

        resetPassword(capturista, kc.users().password());

        // counted once committed; its row handled once the outbox is idle again
        MetricsScrape after = MetricsScrape.await(kc.managementUrl(),
                now -> now.since(before, "icsoe_password_changes_total", "realm", IcsoeKeycloak.REALM, "via", "admin") >= 1
                        && now.idle(), "the admin change counted and its row handled");
        assertThat(after.since(before, "icsoe_mail_messages_total", "email", "password_updated", "result", "sent"))
                .as("confirmations sent for a user without an email").isZero();
        assertThat(after.since(before, "icsoe_mail_messages_total", "email", "password_updated", "result", "failed")).isZero();
        // skipped, not failed: a failed confirmation is a CUSTOM_REQUIRED_ACTION_ERROR event, logged at
        // WARN by icsoe-logging, and a failed hand-off a WARN line of the listener
        assertThat(logLines().stream().skip(logLines))
                .noneMatch(line -> line.contains("CUSTOM_REQUIRED_ACTION_ERROR") || line.contains("password-updated email"));
    }

    @Test
    void givenTheRealm_thenTheListenerIsEnabledBesideTheRedactingLog() {
        assertThat(kc.realm().toRepresentation().getEventsListeners())
                .containsExactlyInAnyOrder("icsoe-logging", "icsoe-password-updated-email");
    }

    /** Listeners get user and admin events whether or not the realm stores them. */
    @Test
    void givenEventStorageOff_whenAnAdminResetsThePassword_thenTheConfirmationStillGoesOut() throws Exception {
        RealmRepresentation before = kc.realm().toRepresentation();
        Capturista capturista = kc.users().create();
        try {
            RealmRepresentation off = new RealmRepresentation();
            off.setEventsEnabled(false);
            off.setAdminEventsEnabled(false);
            kc.realm().update(off);

            resetPassword(capturista, kc.users().password());

            assertIsTheConfirmation(exactlyOneEmailTo(capturista.email()).get(0));
        } finally {
            RealmRepresentation restore = new RealmRepresentation();
            restore.setEventsEnabled(Boolean.TRUE.equals(before.isEventsEnabled()));
            restore.setAdminEventsEnabled(Boolean.TRUE.equals(before.isAdminEventsEnabled()));
            kc.realm().update(restore);
        }
    }

    /**
     * The account console's "change password" is the UPDATE_PASSWORD required action started with
     * kc_action: a refused attempt (confirmation differs) sends nothing, the accepted one sends one.
     */
    @Test
    void givenTheUpdatePasswordAction_whenARefusedThenAnAcceptedAttempt_thenExactlyOneEmail() throws Exception {
        Capturista capturista = kc.users().create();
        String newPassword = kc.users().password();
        try (WebClient browser = Browsers.htmlUnit()) {
            HtmlPage page = LoginPage.open(browser, kc.portalLoginUrl() + "&kc_action=UPDATE_PASSWORD")
                    .logIn(capturista.curp(), capturista.password());
            assertThat(page.getElementById("password-new")).as(page.asNormalizedText()).isNotNull();

            page = new UpdatePasswordPage(page).save(newPassword, newPassword + "x");
            assertThat(page.getElementById("password-new")).as("still on the form").isNotNull();
            noEmailTo(capturista.email());

            page = new UpdatePasswordPage(page).save("corta", "corta");
            assertThat(page.getElementById("password-new")).as("refused by the policy").isNotNull();
            noEmailTo(capturista.email());

            page = new UpdatePasswordPage(page).save(newPassword, newPassword);
            assertThat(page.getUrl().toString()).startsWith(kc.portal().redirectUri());
        }

        assertIsTheConfirmation(exactlyOneEmailTo(capturista.email()).get(0));
    }

    /** The reset-credentials flow: the first email is the link, the second the confirmation. */
    @Test
    void givenTheResetCredentialsFlow_whenTheCapturistaSetsANewPassword_thenOneConfirmationAfterTheLink()
            throws Exception {
        Capturista capturista = kc.users().create();
        String newPassword = kc.users().password();
        try (WebClient browser = Browsers.htmlUnitFromOwnAddress()) {
            ResetRequestPage.open(browser, kc.portalLoginUrl()).submit(capturista.curp(), capturista.email());

            ReceivedEmail linkEmail = kc.mailbox().awaitMessagesTo(capturista.email(), 1, ARRIVAL).get(0);
            assertThat(linkEmail.subject()).isNotEqualTo(SUBJECT);
            HtmlPage form = browser.getPage(linkEmail.linkContaining("/login-actions/action-token"));
            assertThat(form.getElementById("password-new")).as(form.asNormalizedText()).isNotNull();

            new UpdatePasswordPage(form).save(newPassword, newPassword);
        }

        List<ReceivedEmail> received = kc.mailbox().awaitMessagesTo(capturista.email(), 2, ARRIVAL);
        Thread.sleep(QUIET.toMillis());
        received = kc.mailbox().messagesTo(capturista.email());
        assertThat(received).as("the link, then the confirmation").hasSize(2);
        assertIsTheConfirmation(received.get(1));
    }
}
