package mx.gob.imss.icsoe.keycloak.resetcred;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResetMatchTest {

    @Test
    void givenAnEnabledUserWithTheSameEmailInAnyCaseThenItMatches() {
        assertThat(ResetMatch.of(true, true, "Ana.Lopez@Example.mx", " ana.lopez@example.MX ")).isEqualTo(ResetMatch.MATCH);
        assertThat(ResetMatch.MATCH.eventError()).isNull();
    }

    @Test
    void givenNoUserThenUserNotFound() {
        assertThat(ResetMatch.of(false, false, null, "a@b.mx")).isEqualTo(ResetMatch.USER_NOT_FOUND);
    }

    @Test
    void givenADisabledUserThenDisabledEvenWhenTheEmailMatches() {
        assertThat(ResetMatch.of(true, false, "a@b.mx", "a@b.mx")).isEqualTo(ResetMatch.USER_DISABLED);
    }

    @Test
    void givenAUserWithoutEmailThenNoEmail() {
        assertThat(ResetMatch.of(true, true, null, "a@b.mx")).isEqualTo(ResetMatch.USER_WITHOUT_EMAIL);
        assertThat(ResetMatch.of(true, true, " ", "a@b.mx")).isEqualTo(ResetMatch.USER_WITHOUT_EMAIL);
    }

    @Test
    void givenAnotherEmailThenMismatch() {
        assertThat(ResetMatch.of(true, true, "a@b.mx", "a@b.mx.evil")).isEqualTo(ResetMatch.EMAIL_MISMATCH);
        assertThat(ResetMatch.of(true, true, "a@b.mx", (String) null)).isEqualTo(ResetMatch.EMAIL_MISMATCH);
    }

    @Test
    void everyNonMatchHasAnEventError() {
        for (ResetMatch match : ResetMatch.values()) {
            if (match != ResetMatch.MATCH) {
                assertThat(match.eventError()).isNotBlank();
            }
        }
    }
}
