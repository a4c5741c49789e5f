package mx.gob.imss.icsoe.keycloak.testing;

import static org.assertj.core.api.Assertions.assertThat;

import mx.gob.imss.icsoe.keycloak.policy.PasswordRules;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * The harness's fresh users must be valid under the realm's rules, or every IT would fail for the
 * wrong reason.
 */
class TestUsersTest {

    private final TestUsers users = new TestUsers(null);

    @Test
    void givenTheKeyboardColumnThatTheCyclingPatternCanForm_thenTheEngineRefusesIt() {
        assertThat(PasswordRules.ICSOE.firstViolation("Ab3-Kq7.Lo9!")).isNotNull();
    }

    @RepeatedTest(500)
    void givenAGeneratedPassword_thenTheIcsoeRulesAcceptIt() {
        String password = users.password();

        assertThat(PasswordRules.ICSOE.firstViolation(password)).as(password).isNull();
    }
}
