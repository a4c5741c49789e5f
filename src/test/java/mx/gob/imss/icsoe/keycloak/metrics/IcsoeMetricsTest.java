package mx.gob.imss.icsoe.keycloak.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import mx.gob.imss.icsoe.keycloak.resetcred.ResetOutcome;

class IcsoeMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final IcsoeMetrics metrics = new IcsoeMetrics(registry);

    private double count(String name, String... tags) {
        var counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void givenResetOutcomesThenEachCountsInItsOwnSeriesPerRealm() {
        metrics.resetRequest("icsoe", ResetOutcome.QUEUED);
        metrics.resetRequest("icsoe", ResetOutcome.QUEUED);
        metrics.resetRequest("icsoe", ResetOutcome.THROTTLED_USER);
        metrics.resetRequest("other", ResetOutcome.QUEUED);

        assertThat(count("icsoe.reset.requests", "realm", "icsoe", "outcome", "queued")).isEqualTo(2);
        assertThat(count("icsoe.reset.requests", "realm", "icsoe", "outcome", "throttled_user")).isEqualTo(1);
        assertThat(count("icsoe.reset.requests", "realm", "other", "outcome", "queued")).isEqualTo(1);
        assertThat(count("icsoe.reset.requests", "realm", "icsoe", "outcome", "no_match")).isZero();
    }

    @Test
    void givenTheSameTagsTwiceThenOneCounterIsKept() {
        metrics.resetRequest("icsoe", ResetOutcome.INVALID);
        metrics.resetRequest("icsoe", ResetOutcome.INVALID);

        assertThat(registry.find("icsoe.reset.requests").counters()).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(ResetOutcome.class)
    void givenAnyOutcomeThenItsTagIsTheLowerCaseName(ResetOutcome outcome) {
        metrics.resetRequest("icsoe", outcome);

        assertThat(registry.get("icsoe.reset.requests").counter().getId().getTag("outcome"))
                .isEqualTo(outcome.name().toLowerCase(java.util.Locale.ROOT))
                .matches("[a-z_]+");
    }

    @Test
    void givenMailResultsThenTheyCountByEmailAndResultWithoutARealm() {
        metrics.mail(IcsoeMetrics.Email.RESET_LINK, IcsoeMetrics.MailResult.QUEUED);
        metrics.mail(IcsoeMetrics.Email.RESET_LINK, IcsoeMetrics.MailResult.SENT);
        metrics.mail(IcsoeMetrics.Email.PASSWORD_UPDATED, IcsoeMetrics.MailResult.FAILED);

        assertThat(count("icsoe.mail.messages", "email", "reset_link", "result", "queued")).isEqualTo(1);
        assertThat(count("icsoe.mail.messages", "email", "reset_link", "result", "sent")).isEqualTo(1);
        assertThat(count("icsoe.mail.messages", "email", "password_updated", "result", "failed")).isEqualTo(1);
        assertThat(count("icsoe.mail.messages", "email", "password_updated", "result", "sent")).isZero();
    }

    @Test
    void givenOutboxAttemptsAndRepliesThenTheyCountByKindResultAndClass() {
        metrics.outboxAttempt("RESET_LINK", IcsoeMetrics.Attempt.RETRY);
        metrics.outboxAttempt("RESET_LINK", IcsoeMetrics.Attempt.RETRY);
        metrics.outboxAttempt("PASSWORD_UPDATED", IcsoeMetrics.Attempt.PERMANENT_FAILURE);
        metrics.outboxReply("4xx");

        assertThat(count("icsoe.outbox.attempts", "kind", "reset_link", "result", "retry")).isEqualTo(2);
        assertThat(count("icsoe.outbox.attempts", "kind", "password_updated", "result", "permanent_failure")).isEqualTo(1);
        assertThat(count("icsoe.outbox.replies", "class", "4xx")).isEqualTo(1);
    }

    @Test
    void givenTheCountersCreatedAtZero_thenEveryGiveUpSeriesExistsBeforeTheFirstOneAndStillCountsFromZero() {
        metrics.mailAtZero(java.util.List.of("2xx", "4xx", "5xx", "none"));
        metrics.outboxAttemptsAtZero("RESET_LINK");

        assertThat(registry.find("icsoe.outbox.attempts").counters()).hasSize(IcsoeMetrics.Attempt.values().length)
                .allSatisfy(counter -> assertThat(counter.count()).isZero());
        assertThat(registry.find("icsoe.outbox.attempts").tags("kind", "reset_link", "result", "abandoned").counter()).isNotNull();
        assertThat(registry.find("icsoe.outbox.replies").counters()).hasSize(4);
        assertThat(registry.find("icsoe.mail.messages").counters())
                .hasSize(IcsoeMetrics.Email.values().length * IcsoeMetrics.MailResult.values().length);

        metrics.outboxAttempt("RESET_LINK", IcsoeMetrics.Attempt.ABANDONED);
        metrics.mail(IcsoeMetrics.Email.RESET_LINK, IcsoeMetrics.MailResult.FAILED);
        assertThat(count("icsoe.outbox.attempts", "kind", "reset_link", "result", "abandoned")).isEqualTo(1);
        assertThat(count("icsoe.mail.messages", "email", "reset_link", "result", "failed")).isEqualTo(1);
        assertThat(registry.find("icsoe.outbox.attempts").counters()).hasSize(IcsoeMetrics.Attempt.values().length);
    }

    @Test
    void givenOutboxGaugesThenEachKindHasItsOwnSeries() {
        metrics.outboxPending("reset_link", () -> 3);
        metrics.outboxPending("password_updated", () -> 1);
        metrics.outboxOldestAge("reset_link", () -> 42.5);
        metrics.outboxOldestAge("password_updated", () -> 7200);

        assertThat(registry.get("icsoe.outbox.pending").tag("kind", "reset_link").gauge().value()).isEqualTo(3);
        assertThat(registry.get("icsoe.outbox.pending").tag("kind", "password_updated").gauge().value()).isEqualTo(1);
        assertThat(registry.get("icsoe.outbox.oldest.age.seconds").tag("kind", "reset_link").gauge().value()).isEqualTo(42.5);
        assertThat(registry.get("icsoe.outbox.oldest.age.seconds").tag("kind", "password_updated").gauge().value()).isEqualTo(7200);
    }

    @Test
    void givenPasswordChangesThenTheyCountPerRealmAndVia() {
        metrics.passwordChange("icsoe", IcsoeMetrics.Via.USER);
        metrics.passwordChange("icsoe", IcsoeMetrics.Via.ADMIN);
        metrics.passwordChange("icsoe", IcsoeMetrics.Via.USER);

        assertThat(count("icsoe.password.changes", "realm", "icsoe", "via", "user")).isEqualTo(2);
        assertThat(count("icsoe.password.changes", "realm", "icsoe", "via", "admin")).isEqualTo(1);
    }

    private enum Problem { KEY_MISMATCH }

    @Test
    void givenEfirmaSignInsThenSuccessAndProblemsAreOutcomes() {
        metrics.efirmaSignedIn("icsoe");
        metrics.efirmaRefused("icsoe", Problem.KEY_MISMATCH);

        assertThat(count("icsoe.efirma.signins", "realm", "icsoe", "outcome", "success")).isEqualTo(1);
        assertThat(count("icsoe.efirma.signins", "realm", "icsoe", "outcome", "key_mismatch")).isEqualTo(1);
    }

    @Test
    void givenNoRealmNameThenTheRealmTagIsStillPresent() {
        metrics.resetRequest(null, ResetOutcome.FAILED);

        assertThat(count("icsoe.reset.requests", "realm", "unknown", "outcome", "failed")).isEqualTo(1);
    }

    @Test
    void givenTheQueueDepthRegisteredTwiceThenOneGaugeFollowsTheFirstSource() {
        AtomicInteger depth = new AtomicInteger(3);
        metrics.mailQueueDepth(depth::get);
        metrics.mailQueueDepth(() -> 99);

        assertThat(registry.get("icsoe.mail.queue.depth").gauges()).hasSize(1);
        assertThat(registry.get("icsoe.mail.queue.depth").gauge().value()).isEqualTo(3);
        depth.set(0);
        assertThat(registry.get("icsoe.mail.queue.depth").gauge().value()).isZero();
    }

    @Test
    void givenEveryMeterThenNoTagKeyOutsideTheBoundedSet() {
        metrics.resetRequest("icsoe", ResetOutcome.QUEUED);
        metrics.mail(IcsoeMetrics.Email.RESET_LINK, IcsoeMetrics.MailResult.SENT);
        metrics.passwordChange("icsoe", IcsoeMetrics.Via.USER);
        metrics.efirmaSignedIn("icsoe");
        metrics.mailQueueDepth(() -> 0);

        assertThat(registry.getMeters()).hasSize(5)
                .flatMap(meter -> meter.getId().getTags())
                .extracting(tag -> tag.getKey())
                .allMatch(key -> java.util.Set.of("realm", "outcome", "email", "result", "via").contains(key));
        assertThat(registry.getMeters()).extracting(Meter::getId).extracting(Meter.Id::getName)
                .allMatch(name -> name.startsWith("icsoe."));
    }
}
