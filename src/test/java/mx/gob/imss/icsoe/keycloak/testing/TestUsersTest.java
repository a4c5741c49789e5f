package mx.gob.imss.icsoe.keycloak.testing;

import static org.assertj.core.api.Assertions.assertThat;

import mx.gob.imss.icsoe.keycloak.policy.PasswordRules;
import org.junit.jupiter.api.RepeatedTest;

/** The harness's fresh users must be valid under the realm's rules, or every IT would fail for the wrong reason. */
class TestUsersTest {

    private final TestUsers users = new TestUsers(null);

    @RepeatedTest(500)
    void givenAGeneratedPassword_thenTheIcsoeRulesAcceptIt() {
        String password = users.password();

        assertThat(PasswordRules.ICSOE.firstViolation(password)).as(password).isNull();
    }
}
