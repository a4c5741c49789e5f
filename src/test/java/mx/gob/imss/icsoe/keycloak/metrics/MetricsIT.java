package mx.gob.imss.icsoe.keycloak.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.htmlunit.WebClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.representations.idm.CredentialRepresentation;

import mx.gob.imss.icsoe.keycloak.resetcred.ResetItSupport;
import mx.gob.imss.icsoe.keycloak.testing.Browsers;
import mx.gob.imss.icsoe.keycloak.testing.Capturista;
import mx.gob.imss.icsoe.keycloak.testing.IcsoeKeycloak;
import mx.gob.imss.icsoe.keycloak.testing.KeycloakExtension;
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

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void givenResetRequestsAndAPasswordChange_whenScraped_thenEachCountsInItsSeriesAndNoSeriesNamesThePerson(IcsoeKeycloak kc)
            throws Exception {
        Capturista matching = kc.users().create();
        Capturista other = kc.users().create();
        Scrape before = await(kc, scrape -> scrape.value(DEPTH) == 0, "an idle mail queue before the requests");

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
        Scrape after = await(kc, scrape -> scrape.value(DEPTH) == 0
                && delta(before, scrape, REQUESTS, "outcome", "queued", "realm", REALM) >= 1
                && delta(before, scrape, REQUESTS, "outcome", "no_match", "realm", REALM) >= 1
                && delta(before, scrape, MAIL, "email", "password_updated", "result", "sent") >= 1,
                "the background jobs' counts");

        Map<String, Double> outcomes = new LinkedHashMap<>();
        for (String outcome : List.of("queued", "no_match", "invalid", "throttled_address", "throttled_user", "stale",
                "failed", "queue_full")) {
            outcomes.put(outcome, delta(before, after, REQUESTS, "outcome", outcome, "realm", REALM));
        }
        assertThat(outcomes).as("one outcome per request").isEqualTo(Map.of(
                "queued", 1.0, "no_match", 1.0, "invalid", 1.0, "throttled_address", 0.0, "throttled_user", 0.0,
                "stale", 0.0, "failed", 0.0, "queue_full", 0.0));
        assertThat(delta(before, after, MAIL, "email", "reset_link", "result", "queued")).isEqualTo(1);
        assertThat(delta(before, after, MAIL, "email", "reset_link", "result", "sent")).isEqualTo(1);
        assertThat(delta(before, after, MAIL, "email", "reset_link", "result", "failed")).isZero();
        assertThat(delta(before, after, MAIL, "email", "password_updated", "result", "queued")).isEqualTo(1);
        assertThat(delta(before, after, MAIL, "email", "password_updated", "result", "sent")).isEqualTo(1);
        assertThat(delta(before, after, CHANGES, "realm", REALM, "via", "admin")).isEqualTo(1);
        assertThat(delta(before, after, CHANGES, "realm", REALM, "via", "user")).isZero();
        assertThat(after.value(DEPTH)).isZero();
        // Micrometer's Prometheus registry names the counter family without _total, its samples with it
        assertThat(after.text()).contains("# TYPE icsoe_reset_requests counter", "# TYPE " + DEPTH + " gauge");

        List<String> icsoeLines = after.text().lines().filter(line -> line.startsWith("icsoe_")).toList();
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

    private static double delta(Scrape before, Scrape after, String name, String... labels) {
        return after.value(name, labels) - before.value(name, labels);
    }

    private Scrape await(IcsoeKeycloak kc, Predicate<Scrape> done, String what) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Scrape scrape = scrape(kc);
        while (!done.test(scrape)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("No " + what + " within " + WAIT.toSeconds() + " s; last scrape:\n"
                        + String.join("\n", scrape.text().lines().filter(l -> l.startsWith("icsoe_")).toList()));
            }
            Thread.sleep(200);
            scrape = scrape(kc);
        }
        return scrape;
    }

    private Scrape scrape(IcsoeKeycloak kc) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(kc.managementUrl() + "/metrics"))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET /metrics on the management port").isEqualTo(200);
        return Scrape.parse(response.body());
    }

    /** The Prometheus text format, simply: {@code name{label="value",...} number}, comments skipped. */
    record Scrape(String text, List<Sample> samples) {

        private static final Pattern LINE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+).*");
        private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

        record Sample(String name, Map<String, String> labels, double value) {
        }

        static Scrape parse(String text) {
            List<Sample> samples = new ArrayList<>();
            for (String line : text.split("\n")) {
                Matcher sample = LINE.matcher(line.trim());
                if (line.startsWith("#") || !sample.matches()) {
                    continue;
                }
                Map<String, String> labels = new LinkedHashMap<>();
                if (sample.group(2) != null) {
                    Matcher label = LABEL.matcher(sample.group(2));
                    while (label.find()) {
                        labels.put(label.group(1), label.group(2));
                    }
                }
                samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(3))));
            }
            return new Scrape(text, samples);
        }

        /** The value of the series with exactly these labels; 0 when it does not exist (yet). */
        double value(String name, String... labelPairs) {
            Map<String, String> wanted = new LinkedHashMap<>();
            for (int i = 0; i < labelPairs.length; i += 2) {
                wanted.put(labelPairs[i], labelPairs[i + 1]);
            }
            List<Sample> matching = samples.stream().filter(s -> s.name().equals(name) && s.labels().equals(wanted)).toList();
            assertThat(matching).as("series %s%s", name, wanted).hasSizeLessThan(2);
            return matching.isEmpty() ? 0 : matching.get(0).value();
        }
    }
}
