package mx.gob.imss.icsoe.keycloak.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jboss.logging.Logger.Level;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;

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
            "LOGIN, false, INFO",
            "LOGIN_ERROR, true, WARN",
            "CODE_TO_TOKEN, false, DEBUG",
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

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource({
            "USER, users/u1/reset-password, INFO",
            "USER, users/u1, INFO",
            "USER, users/u1/credentials/c1, INFO",
            "CLIENT, clients/c1, DEBUG",
            "REALM, '', DEBUG",
    })
    void givenAnAdminEventThenThoseOnAUserAreAudited(ResourceType type, String path, Level expected) {
        AdminEvent event = new AdminEvent();
        event.setOperationType(OperationType.UPDATE);
        event.setResourceType(type);
        event.setResourcePath(path);
        assertThat(shipped.of(event)).isEqualTo(expected);
        event.setError("refused");
        assertThat(shipped.of(event)).isEqualTo(Level.WARN);
    }

    @org.junit.jupiter.api.Test
    void givenNoTypeThenTheUsualLevelApplies() {
        assertThat(shipped.of((EventType) null, false)).isEqualTo(Level.DEBUG);
        assertThatThrownBy(() -> RedactingLoggingEventListenerFactory.level("loud", Level.INFO))
                .hasMessageContaining("unknown log level 'loud'");
    }
}
