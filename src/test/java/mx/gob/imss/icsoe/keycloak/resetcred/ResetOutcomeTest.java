package mx.gob.imss.icsoe.keycloak.resetcred;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;

/**
 * The words of each outcome are read by the Prometheus rules, the dashboard, the runbook and the
 * log searches: they are pinned here, one by one.
 */
@ExtendWith(ServedMeters.class)
class ResetOutcomeTest {

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
            "QUEUED,            queued,            -,                       -",
            "NO_MATCH,          no_match,          -,                       no_match",
            "THROTTLED_USER,    throttled_user,    icsoe_throttled_user,    throttled",
            "THROTTLED_ADDRESS, throttled_address, icsoe_throttled_address, throttled",
            "INVALID,           invalid,           icsoe_invalid_input,     -",
            "STALE,             stale,             icsoe_reset_abandoned,   abandoned",
            "FAILED,            failed,            -,                       -"})
    void givenEachOutcomeThenItsTagEventErrorAndDetailWordAreTheOnesInUse(ResetOutcome outcome, String tag, String error,
                                                                          String detail) {
        assertThat(outcome.tag()).isEqualTo(tag);
        assertThat(outcome.eventError()).isEqualTo(error);
        assertThat(outcome.detail()).isEqualTo(detail);
    }

    @Test
    void givenAnEventThenRecordingSendsItsErrorWithItsDetailAndCountsOnce() {
        String realm = "realm-" + UUID.randomUUID();
        EventBuilder event = mock(EventBuilder.class);
        when(event.detail(anyString(), anyString())).thenReturn(event);
        List<Runnable> counts = new ArrayList<>();

        ResetOutcome.THROTTLED_USER.record(realm, event, null, counts::add);

        verify(event).detail("icsoe_outcome", "throttled");
        verify(event).error("icsoe_throttled_user");
        assertThat(ServedMeters.resetRequests(realm, "throttled_user")).as("counted only when the counting runs it").isZero();
        counts.forEach(Runnable::run);
        assertThat(counts).hasSize(1);
        assertThat(ServedMeters.resetRequests(realm, "throttled_user")).isEqualTo(1);
    }

    @Test
    void givenNoMatchThenTheMatchsErrorStandsInForTheOneTheOutcomeLeavesOpen() {
        String realm = "realm-" + UUID.randomUUID();
        EventBuilder event = mock(EventBuilder.class);
        when(event.detail(anyString(), anyString())).thenReturn(event);

        ResetOutcome.NO_MATCH.record(realm, event, ResetMatch.USER_DISABLED.eventError(), Runnable::run);

        verify(event).detail("icsoe_outcome", "no_match");
        verify(event).error(Errors.USER_DISABLED);
        assertThat(ServedMeters.resetRequests(realm, "no_match")).isEqualTo(1);
    }

    @Test
    void givenNoEventThenOnlyTheCountIsTaken() {
        String realm = "realm-" + UUID.randomUUID();

        ResetOutcome.FAILED.record(realm, null, null, Runnable::run);

        assertThat(ServedMeters.resetRequests(realm, "failed")).isEqualTo(1);
    }

    @Test
    void givenInvalidThenTheCallersDetailIsLeftAsItIs() {
        EventBuilder event = mock(EventBuilder.class);

        ResetOutcome.INVALID.record("realm-" + UUID.randomUUID(), event, null, Runnable::run);

        verify(event, never()).detail(anyString(), anyString());
        verify(event).error("icsoe_invalid_input");
    }

}
