package mx.gob.imss.icsoe.keycloak.testing;

import static org.assertj.core.api.Assertions.assertThat;

import mx.gob.imss.icsoe.keycloak.policy.TestPolicies;
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
        assertThat(TestPolicies.realmAccepts("Ab3-Kq7.Lo9!")).isFalse();
    }

    @RepeatedTest(500)
    void givenAGeneratedPassword_thenTheIcsoeRulesAcceptIt() {
        String password = users.password();

        assertThat(TestPolicies.realmAccepts(password)).as(password).isTrue();
    }
}
