package mx.gob.imss.icsoe.keycloak.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackoffTest {

    @ParameterizedTest(name = "attempt {0}, jitter {1}: {2} ms")
    @CsvSource({
            "1, 0.0, 15000",
            "1, 1.0, 30000",
            "2, 0.0, 30000",
            "3, 0.5, 90000",
            "5, 1.0, 480000",
            "6, 1.0, 600000",
            "40, 1.0, 600000",
            "40, 0.0, 300000",
    })
    void givenAttemptsThenTheWaitDoublesUpToTheMaximumWithinItsUpperHalf(int attempts, double jitter, long millis) {
        Backoff backoff = new Backoff(Duration.ofSeconds(30), Duration.ofMinutes(10), () -> jitter);
        assertThat(backoff.delayMillis(attempts)).isEqualTo(millis);
    }

    @Test
    void givenJitterThenRowsFailedTogetherComeBackSpread() {
        double[] draws = {0.1, 0.9};
        int[] next = {0};
        Backoff backoff = new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(20), () -> draws[next[0]++]);
        assertThat(backoff.delayMillis(1)).isNotEqualTo(backoff.delayMillis(1));
    }
}
