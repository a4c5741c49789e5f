package mx.gob.imss.icsoe.keycloak.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

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
    private static final String REQUESTS = "icsoe_reset_requests_total";
    private static final String MAIL = "icsoe_mail_messages_total";
    private static final String DEPTH = "icsoe_mail_queue_depth";
    private static final String CHANGES = "icsoe_password_changes_total";

    @Test
    void givenResetRequestsAndAPasswordChange_whenScraped_thenEachCountsInItsSeriesAndNoSeriesNamesThePerson(IcsoeKeycloak kc)
            throws InterruptedException {
        Capturista matching = kc.users().create();
        Capturista other = kc.users().create();
        MetricsScrape before = await(kc, scrape -> scrape.value(DEPTH) == 0, "an idle mail queue before the requests");

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
        MetricsScrape after = await(kc, scrape -> scrape.value(DEPTH) == 0
                && scrape.since(before, REQUESTS, "outcome", "queued", "realm", REALM) >= 1
                && scrape.since(before, REQUESTS, "outcome", "no_match", "realm", REALM) >= 1
                && scrape.since(before, MAIL, "email", "password_updated", "result", "sent") >= 1,
                "the background jobs' counts");

        Map<String, Double> outcomes = new LinkedHashMap<>();
        for (String outcome : List.of("queued", "no_match", "invalid", "throttled_address", "throttled_user", "stale",
                "failed", "queue_full")) {
            outcomes.put(outcome, after.since(before, REQUESTS, "outcome", outcome, "realm", REALM));
        }
        assertThat(outcomes).as("one outcome per request").isEqualTo(Map.of(
                "queued", 1.0, "no_match", 1.0, "invalid", 1.0, "throttled_address", 0.0, "throttled_user", 0.0,
                "stale", 0.0, "failed", 0.0, "queue_full", 0.0));
        assertThat(after.since(before, MAIL, "email", "reset_link", "result", "queued")).isEqualTo(1);
        assertThat(after.since(before, MAIL, "email", "reset_link", "result", "sent")).isEqualTo(1);
        assertThat(after.since(before, MAIL, "email", "reset_link", "result", "failed")).isZero();
        assertThat(after.since(before, MAIL, "email", "password_updated", "result", "queued")).isEqualTo(1);
        assertThat(after.since(before, MAIL, "email", "password_updated", "result", "sent")).isEqualTo(1);
        assertThat(after.since(before, CHANGES, "realm", REALM, "via", "admin")).isEqualTo(1);
        assertThat(after.since(before, CHANGES, "realm", REALM, "via", "user")).isZero();
        assertThat(after.value(DEPTH)).isZero();
        // Micrometer's Prometheus registry names the counter family without _total, its samples with it
        assertThat(after.text()).contains("# TYPE icsoe_reset_requests counter", "# TYPE " + DEPTH + " gauge");

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

    private static MetricsScrape await(IcsoeKeycloak kc, Predicate<MetricsScrape> done, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        MetricsScrape scrape = MetricsScrape.of(kc);
        while (!done.test(scrape)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("No " + what + " within " + WAIT.toSeconds() + " s; last scrape:\n"
                        + String.join("\n", scrape.icsoeLines()));
            }
            Thread.sleep(200);
            scrape = MetricsScrape.of(kc);
        }
        return scrape;
    }
}
