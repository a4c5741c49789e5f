package mx.gob.imss.icsoe.keycloak.efirma;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class EfirmaChallengeTest {

    private static final Duration LIFETIME = Duration.ofMinutes(5);
    private final Instant now = Instant.parse("2026-12-01T18:00:00Z");

    @Test
    void givenTwoIssues_thenTheyDifferAndCarryTheLabelAnd256RandomBits() {
        EfirmaChallenge a = EfirmaChallenge.issue(now);
        EfirmaChallenge b = EfirmaChallenge.issue(now);
        assertThat(a.value()).startsWith(EfirmaChallenge.LABEL).isNotEqualTo(b.value());
        assertThat(a.value().substring(EfirmaChallenge.LABEL.length())).hasSize(43).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void givenTheIssuedValueWithinItsLifetime_thenAccepted_otherwiseNot() {
        EfirmaChallenge challenge = EfirmaChallenge.issue(now);
        assertThat(challenge.accepts(challenge.value(), now.plusSeconds(299), LIFETIME)).isTrue();
        assertThat(challenge.accepts(challenge.value(), now.plusSeconds(301), LIFETIME)).as("expired").isFalse();
        assertThat(challenge.accepts(challenge.value(), now.minusSeconds(1), LIFETIME)).as("from the future").isFalse();
        assertThat(challenge.accepts(EfirmaChallenge.issue(now).value(), now, LIFETIME)).as("another one").isFalse();
        assertThat(challenge.accepts(null, now, LIFETIME)).isFalse();
        assertThat(challenge.accepts("", now, LIFETIME)).isFalse();
    }

    @Test
    void givenNotes_thenTheChallengeIsRebuilt_orNullWhenBroken() {
        EfirmaChallenge challenge = EfirmaChallenge.issue(now);
        assertThat(EfirmaChallenge.fromNotes(challenge.value(), challenge.issuedAtNote())).isEqualTo(challenge);
        assertThat(EfirmaChallenge.fromNotes(challenge.value(), null)).isNull();
        assertThat(EfirmaChallenge.fromNotes(null, challenge.issuedAtNote())).isNull();
        assertThat(EfirmaChallenge.fromNotes(challenge.value(), "ayer")).isNull();
    }
}
