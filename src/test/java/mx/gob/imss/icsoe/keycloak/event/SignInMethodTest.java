package mx.gob.imss.icsoe.keycloak.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;

import mx.gob.imss.icsoe.keycloak.IcsoeEventDetails;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.keycloak.events.Details;
import org.keycloak.events.Event;
import org.keycloak.events.EventType;

class SignInMethodTest {

    private static Event event(EventType type, Map<String, String> details) {
        Event event = new Event();
        event.setType(type);
        event.setDetails(details);
        return event;
    }

    @ParameterizedTest
    @EnumSource(value = EventType.class, names = {"LOGIN", "LOGIN_ERROR"})
    void givenTheUsernamePasswordFormThenPassword(EventType type) {
        assertThat(SignInMethod.of(event(type, Map.of()), Stream.of("auth-username-password-form"))).contains("password");
    }

    @Test
    void givenTheEfirmaStepRunningThenEfirmaWhateverSucceededBefore() {
        assertThat(SignInMethod.of(event(EventType.LOGIN_ERROR, Map.of()),
                Stream.of("icsoe-efirma", "auth-username-password-form"))).contains("efirma");
    }

    @Test
    void givenOnlyUnknownStepsThenTheFirstKnownOneCounts() {
        assertThat(SignInMethod.of(event(EventType.LOGIN, Map.of()), Stream.of("auth-cookie", "icsoe-efirma")))
                .contains("efirma");
        // a sub-flow's execution has no authenticator
        assertThat(SignInMethod.of(event(EventType.LOGIN, Map.of()), Stream.of(null, "auth-username-password-form")))
                .contains("password");
    }

    @Test
    void givenADirectGrantWithoutAuthenticationSessionThenPassword() {
        assertThat(SignInMethod.of(event(EventType.LOGIN_ERROR, Map.of(Details.GRANT_TYPE, "password")), Stream.empty()))
                .contains("password");
    }

    @Test
    void givenASingleSignOnFromACookieThenNoMethod() {
        assertThat(SignInMethod.of(event(EventType.LOGIN, Map.of()), Stream.of("auth-cookie"))).isEmpty();
        assertThat(SignInMethod.of(event(EventType.LOGIN, null), Stream.empty())).isEmpty();
    }

    @Test
    void givenAnythingButASignInThenNoMethod() {
        assertThat(SignInMethod.of(event(EventType.CODE_TO_TOKEN, Map.of()), Stream.of("auth-username-password-form")))
                .isEmpty();
        assertThat(SignInMethod.of(null, Stream.of("auth-username-password-form"))).isEmpty();
    }

    @Test
    void givenTheEfirmaStepsMarkThenEfirma_evenForAnAccountRefusal() {
        Event refused = event(EventType.LOGIN_ERROR, Map.of(IcsoeEventDetails.OUTCOME, "no_account"));
        refused.setError("user_not_found");
        assertThat(SignInMethod.of(refused, Stream.empty())).contains("efirma");
        assertThat(SignInMethod.of(event(EventType.LOGIN, Map.of(IcsoeEventDetails.OUTCOME, "efirma")), Stream.empty()))
                .contains("efirma");
    }

    @Test
    void givenAPasswordRefusalWithoutTheEfirmaMarkThenPassword_butNotASessionError() {
        Event wrong = event(EventType.LOGIN_ERROR, Map.of());
        wrong.setError("invalid_user_credentials");
        assertThat(SignInMethod.of(wrong, Stream.empty())).contains("password");
        Event expired = event(EventType.LOGIN_ERROR, Map.of());
        expired.setError("expired_code");
        assertThat(SignInMethod.of(expired, Stream.empty())).isEmpty();
    }
}
