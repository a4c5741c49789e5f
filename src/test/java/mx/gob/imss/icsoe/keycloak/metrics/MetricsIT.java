package mx.gob.imss.icsoe.keycloak.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.htmlunit.WebClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.representations.idm.CredentialRepresentation;

import mx.gob.imss.icsoe.keycloak.resetcred.ResetItSupport;
import mx.gob.imss.icsoe.keycloak.testing.Browsers;
import mx.gob.imss.icsoe.keycloak.testing.Capturista;
import mx.gob.imss.icsoe.keycloak.testing.IcsoeKeycloak;
import mx.gob.imss.icsoe.keycloak.testing.KeycloakExtension;
import mx.gob.imss.icsoe.keycloak.testing.MetricsScrape;
import mx.gob.imss.icsoe.keycloak.testing.pages.ResetRequestPage;

/**
 * The meters as an operator's Prometheus sees them: {@code /metrics} on the management port, read
 * before and after a matching, a non-matching and a malformed reset request and an administrator's
 * password reset; the deltas of the exact series, and no personal data in any ICSOE series.
 */
@ExtendWith(KeycloakExtension.class)
class MetricsIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String REALM = IcsoeKeycloak.REALM;
    private static final String MAIL = MetricsScrape.MAIL_MESSAGES;
    private static final String DEPTH = MetricsScrape.QUEUE_DEPTH;
    private static final String CHANGES = "icsoe_password_changes_total";

    @Test
    void givenResetRequestsAndAPasswordChange_whenScraped_thenEachCountsInItsSeriesAndNoSeriesNamesThePerson(IcsoeKeycloak kc) {
        Capturista matching = kc.users().create();
        Capturista other = kc.users().create();
        MetricsScrape before = MetricsScrape.awaitIdle(kc.managementUrl());

        submit(kc, matching.curp(), matching.email());
        submit(kc, other.curp(), "otra.persona@correo.example");
        submitMalformed(kc, "NO-ES-UNA-CURP", other.email());
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue(kc.users().password());
        password.setTemporary(false);
        kc.realm().users().get(other.id()).resetPassword(password);

        kc.mailbox().awaitMessagesTo(matching.email(), 1, WAIT);
        kc.mailbox().awaitMessagesTo(other.email(), 1, WAIT);
        MetricsScrape after = MetricsScrape.await(kc.managementUrl(), scrape -> scrape.idle()
                && scrape.resetRequestsSince(before) >= 3
                && scrape.since(before, MAIL, "email", "password_updated", "result", "sent") >= 1,
                "the background jobs' counts");

        assertThat(after.resetOutcomesSince(before)).as("one outcome per request")
                .isEqualTo(MetricsScrape.resetOutcomes(Map.of("queued", 1, "no_match", 1, "invalid", 1)));
        assertThat(after.since(before, MAIL, "email", "reset_link", "result", "queued")).isEqualTo(1);
        assertThat(after.since(before, MAIL, "email", "reset_link", "result", "sent")).isEqualTo(1);
        assertThat(after.since(before, MAIL, "email", "reset_link", "result", "failed")).isZero();
        assertThat(after.since(before, MAIL, "email", "password_updated", "result", "queued")).isEqualTo(1);
        assertThat(after.since(before, MAIL, "email", "password_updated", "result", "sent")).isEqualTo(1);
        assertThat(after.since(before, CHANGES, "realm", REALM, "via", "admin")).isEqualTo(1);
        assertThat(after.since(before, CHANGES, "realm", REALM, "via", "user")).isZero();
        assertThat(after.value(DEPTH)).isZero();
        assertThat(after.pendingRows()).as("the outbox is empty once everything is sent").isZero();
        assertThat(after.since(before, MetricsScrape.OUTBOX_ATTEMPTS, "kind", "reset_link", "result", "sent")).isEqualTo(1);
        assertThat(after.since(before, MetricsScrape.OUTBOX_ATTEMPTS, "kind", "password_updated", "result", "sent")).isEqualTo(1);
        assertThat(after.since(before, MetricsScrape.OUTBOX_REPLIES, "class", "2xx")).isEqualTo(2);
        // Micrometer's Prometheus registry names the counter family without _total, its samples with it
        assertThat(after.text()).contains("# TYPE icsoe_reset_requests counter", "# TYPE " + DEPTH + " gauge",
                "# TYPE icsoe_outbox_pending gauge", "# TYPE icsoe_outbox_oldest_age_seconds gauge");

        List<String> icsoeLines = after.icsoeLines();
        assertThat(icsoeLines).isNotEmpty();
        for (Capturista person : List.of(matching, other)) {
            assertThat(icsoeLines).noneMatch(line -> line.toLowerCase(Locale.ROOT).contains(person.username()))
                    .noneMatch(line -> line.contains(person.email()))
                    .noneMatch(line -> line.contains(person.id()));
        }
        assertThat(icsoeLines).noneMatch(line -> line.contains("otra.persona") || line.contains("NO-ES-UNA-CURP"));
        System.out.println("[icsoe-it] ICSOE series after the requests:\n" + String.join("\n", icsoeLines));
    }

    /** A well-formed request from an address of its own: the confirmation page. */
    private static void submit(IcsoeKeycloak kc, String curp, String email) {
        try (WebClient web = Browsers.htmlUnitFromOwnAddress()) {
            var page = ResetRequestPage.open(web, kc.portalLoginUrl()).submit(curp, email);
            assertThat(ResetRequestPage.sentText(page)).startsWith(ResetItSupport.SENT_TEXT);
        }
    }

    /** A malformed CURP: the form again, with the field's error. */
    private static void submitMalformed(IcsoeKeycloak kc, String curp, String email) {
        try (WebClient web = Browsers.htmlUnitFromOwnAddress()) {
            var page = new ResetRequestPage(ResetRequestPage.open(web, kc.portalLoginUrl()).submit(curp, email));
            assertThat(page.fieldError("username")).startsWith("La CURP no tiene un formato válido");
        }
    }
}
