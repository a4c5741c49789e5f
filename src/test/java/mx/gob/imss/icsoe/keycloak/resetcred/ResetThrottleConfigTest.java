package mx.gob.imss.icsoe.keycloak.resetcred;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ResetThrottleConfigTest {

    @Test
    void givenNoConfigThenDefaultsAreThreeEmailsAndTwentyRequestsInFifteenMinutes() {
        ResetThrottleConfig config = ResetThrottleConfig.from(null);
        assertThat(config.emailsPerUser()).isEqualTo(3);
        assertThat(config.userWindow()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.requestsPerAddress()).isEqualTo(20);
        assertThat(config.addressWindow()).isEqualTo(Duration.ofMinutes(15));
        assertThat(ResetThrottleConfig.from(Map.of())).isEqualTo(config);
    }

    @Test
    void givenAllValuesThenTheyAreRead() {
        ResetThrottleConfig config = ResetThrottleConfig.from(Map.of(
                ResetThrottleConfig.EMAILS_PER_USER, "5", ResetThrottleConfig.USER_WINDOW_MINUTES, " 60 ",
                ResetThrottleConfig.REQUESTS_PER_ADDRESS, "7", ResetThrottleConfig.ADDRESS_WINDOW_MINUTES, "2"));
        assertThat(config).isEqualTo(new ResetThrottleConfig(5, Duration.ofHours(1), 7, Duration.ofMinutes(2)));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "x", "0", "-3", "1.5", "1001", "99999999999"})
    void givenAnUnusableValueThenTheDefaultIsUsed(String value) {
        Map<String, String> raw = new HashMap<>();
        raw.put(ResetThrottleConfig.EMAILS_PER_USER, value);
        raw.put(ResetThrottleConfig.REQUESTS_PER_ADDRESS, value);
        ResetThrottleConfig config = ResetThrottleConfig.from(raw);
        assertThat(config.emailsPerUser()).isEqualTo(3);
        assertThat(config.requestsPerAddress()).isEqualTo(20);
    }

    @Test
    void givenAWindowLongerThanADayThenTheDefaultIsUsed() {
        assertThat(ResetThrottleConfig.from(Map.of(ResetThrottleConfig.USER_WINDOW_MINUTES, "1441")).userWindow())
                .isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void givenAZeroLimitThenTheRecordRejectsIt() {
        assertThatThrownBy(() -> new ResetThrottleConfig(0, Duration.ofMinutes(1), 1, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ResetThrottleConfig(1, Duration.ZERO, 1, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
