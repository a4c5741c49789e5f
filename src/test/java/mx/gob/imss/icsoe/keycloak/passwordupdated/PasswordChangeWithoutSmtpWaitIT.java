package mx.gob.imss.icsoe.keycloak.passwordupdated;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.htmlunit.Page;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.representations.idm.UserRepresentation;

import mx.gob.imss.icsoe.keycloak.testing.Browsers;
import mx.gob.imss.icsoe.keycloak.testing.Capturista;
import mx.gob.imss.icsoe.keycloak.testing.IcsoeKeycloak;
import mx.gob.imss.icsoe.keycloak.testing.KeycloakExtension;
import mx.gob.imss.icsoe.keycloak.testing.PortalClient;
import mx.gob.imss.icsoe.keycloak.testing.ScriptedSmtpServer;
import mx.gob.imss.icsoe.keycloak.testing.SlowSmtpProxy;
import mx.gob.imss.icsoe.keycloak.testing.pages.LoginPage;

/**
 * "Guardar contraseña" never waits for the mail server: the confirmation email goes through the
 * background mailer. Measured against a server that holds each connection 3 s (the email must still
 * arrive) and one that accepts connections and never answers (Keycloak waits for its 10 s timeout).
 */
@ExtendWith(KeycloakExtension.class)
class PasswordChangeWithoutSmtpWaitIT {

    static final Duration SMTP_HOLD = Duration.ofSeconds(3);
    static final int SAMPLES = 5;
    static final long MAX_MEDIAN_MS = 1_000;

    @Test
    void givenASlowMailServer_whenPasswordsAreSaved_thenTheAnswerDoesNotWaitAndTheEmailsArrive(IcsoeKeycloak kc) throws Exception {
        List<Long> millis = new ArrayList<>();
        List<Capturista> changed = new ArrayList<>();
        try (SlowSmtpProxy slow = new SlowSmtpProxy(kc.smtpPort(), SMTP_HOLD)) {
            kc.setSmtp("127.0.0.1", slow.port());
            try {
                for (int i = 0; i < SAMPLES; i++) {
                    Capturista capturista = withUpdatePasswordAction(kc);
                    millis.add(timedSave(kc, capturista));
                    changed.add(capturista);
                }
                for (Capturista capturista : changed) {
                    kc.mailbox().awaitMessagesTo(capturista.email(), 1, Duration.ofSeconds(60));
                }
                assertThat(slow.connections()).isGreaterThanOrEqualTo(SAMPLES);
            } finally {
                kc.restoreSmtp();
            }
        }
        report("slow SMTP (3 s per connection)", millis);
        assertThat(median(millis)).as("median POST time with a 3 s SMTP server (ms)").isLessThan(MAX_MEDIAN_MS);
    }

    @Test
    void givenAMailServerThatNeverAnswers_whenPasswordsAreSaved_thenTheAnswerDoesNotWait(IcsoeKeycloak kc) throws Exception {
        List<Long> millis = new ArrayList<>();
        try (ScriptedSmtpServer silent = new ScriptedSmtpServer(ScriptedSmtpServer.Mode.SILENT)) {
            kc.setSmtp("127.0.0.1", silent.port());
            try {
                for (int i = 0; i < SAMPLES; i++) {
                    millis.add(timedSave(kc, withUpdatePasswordAction(kc)));
                }
                assertThat(silent.connections()).as("the emails were really attempted").isGreaterThanOrEqualTo(1);
            } finally {
                kc.restoreSmtp();
            }
        }
        report("silent SMTP (never answers)", millis);
        assertThat(median(millis)).as("median POST time with a silent SMTP server (ms)").isLessThan(MAX_MEDIAN_MS);
    }

    private static Capturista withUpdatePasswordAction(IcsoeKeycloak kc) {
        Capturista capturista = kc.users().create();
        UserRepresentation update = kc.realm().users().get(capturista.id()).toRepresentation();
        update.setRequiredActions(List.of("UPDATE_PASSWORD"));
        kc.realm().users().get(capturista.id()).update(update);
        return capturista;
    }

    /** Logs in, lands on "Recuperar contraseña", and times only the POST of "Guardar contraseña". */
    private static long timedSave(IcsoeKeycloak kc, Capturista capturista) {
        try (WebClient web = Browsers.htmlUnitFromOwnAddress()) {
            HtmlPage form = LoginPage.open(web, kc.portal().authorizationUrl(PortalClient.Pkce.create()))
                    .logIn(capturista.curp(), capturista.password());
            assertThat(form.getElementById("kc-passwd-update-form")).as(form.asNormalizedText()).isNotNull();
            String password = kc.users().password();
            ((HtmlInput) form.getHtmlElementById("password-new")).setValue(password);
            ((HtmlInput) form.getHtmlElementById("password-confirm")).setValue(password);
            HtmlElement save = form.getHtmlElementById("kc-submit");
            web.getOptions().setRedirectEnabled(false);
            long start = System.nanoTime();
            Page answer = save.click();
            long elapsed = (System.nanoTime() - start) / 1_000_000;
            assertThat(answer.getWebResponse().getStatusCode()).as("the change succeeded (redirect to the application)")
                    .isEqualTo(302);
            return elapsed;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static void report(String what, List<Long> millis) {
        System.out.printf("[password-change-smtp] %s: Guardar contraseña POST median %d ms, all %s ms%n", what, median(millis), millis);
    }
}
