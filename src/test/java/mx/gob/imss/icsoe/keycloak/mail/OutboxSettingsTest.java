package mx.gob.imss.icsoe.keycloak.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class OutboxSettingsTest {

    @Test
    void givenNothingThenTheDefaults() {
        assertThat(OutboxSettings.from(name -> null)).isEqualTo(OutboxSettings.DEFAULTS);
    }

    @Test
    void givenValuesThenTheyAreRead() {
        Map<String, String> config = Map.of(OutboxSettings.MAX_CONNECTIONS, "2", OutboxSettings.PER_MINUTE, "600",
                OutboxSettings.POLL_SECONDS, "1", OutboxSettings.LEASE_SECONDS, "30", OutboxSettings.RETRY_BASE_SECONDS, " 2 ",
                OutboxSettings.RETRY_MAX_SECONDS, "20", OutboxSettings.MAX_ATTEMPTS, "5");
        assertThat(OutboxSettings.from(config::get)).isEqualTo(new OutboxSettings(2, 600, Duration.ofSeconds(1),
                Duration.ofSeconds(30), Duration.ofSeconds(2), Duration.ofSeconds(20), 5));
    }

    @Test
    void givenTyposOrValuesOutOfRangeThenTheDefaultsStand() {
        Map<String, String> config = Map.of(OutboxSettings.MAX_CONNECTIONS, "0", OutboxSettings.PER_MINUTE, "-1",
                OutboxSettings.POLL_SECONDS, "two", OutboxSettings.LEASE_SECONDS, "1", OutboxSettings.MAX_ATTEMPTS, "");
        assertThat(OutboxSettings.from(config::get)).isEqualTo(OutboxSettings.DEFAULTS);
    }

    @Test
    void givenImpossibleSettingsThenTheRecordRefusesThem() {
        assertThatThrownBy(() -> new OutboxSettings(0, 0, Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofSeconds(1), 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OutboxSettings(1, 0, Duration.ZERO, Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofSeconds(1), 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenASenderThenTheMessageIdIsOnItsDomain() {
        assertThat(Outbox.messageId("abc", "ICSOE <icsoe@IMSS.gob.mx>")).isEqualTo("<abc@imss.gob.mx>");
        assertThat(Outbox.messageId("abc", "icsoe@imss.gob.mx")).isEqualTo("<abc@imss.gob.mx>");
        assertThat(Outbox.messageId("abc", null)).isEqualTo("<abc@icsoe.invalid>");
        assertThat(Outbox.messageId("abc", "x@bad domain>")).isEqualTo("<abc@icsoe.invalid>");
    }
}
