package mx.gob.imss.icsoe.keycloak.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jboss.logging.Logger.Level;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.keycloak.events.EventType;

class RedactingLoggingLevelsTest {

    private final RedactingLoggingEventListener.Levels shipped = new RedactingLoggingEventListener.Levels(
            Level.DEBUG, Level.WARN, Level.INFO);

    @ParameterizedTest(name = "{0}, failed={1}: {2}")
    @CsvSource({
            "SEND_RESET_PASSWORD, false, INFO",
            "SEND_RESET_PASSWORD_ERROR, true, WARN",
            "RESET_PASSWORD, false, INFO",
            "UPDATE_PASSWORD, false, INFO",
            "UPDATE_CREDENTIAL, false, DEBUG",
            "LOGIN, false, DEBUG",
            "LOGIN_ERROR, true, WARN",
    })
    void givenTheShippedLevelsThenTheAuditTrailIsAtLeastInfo(EventType type, boolean failed, Level expected) {
        assertThat(shipped.of(type, failed)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "success {0}, audit {1}: {2}")
    @CsvSource({"WARN, INFO, WARN", "INFO, DEBUG, INFO", "DEBUG, ERROR, ERROR"})
    void givenOtherLevelsThenTheMoreVisibleOneWins(Level success, Level audit, Level expected) {
        assertThat(new RedactingLoggingEventListener.Levels(success, Level.WARN, audit).of(EventType.UPDATE_PASSWORD, false))
                .isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void givenAnAdminEventThenTheUsualLevelApplies() {
        assertThat(shipped.of(null, false)).isEqualTo(Level.DEBUG);
        assertThatThrownBy(() -> RedactingLoggingEventListenerFactory.level("loud", Level.INFO))
                .hasMessageContaining("unknown log level 'loud'");
    }
}
