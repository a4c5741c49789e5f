package mx.gob.imss.icsoe.keycloak.passwordupdated;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Locale;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChangedAtFormatTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // Mexico City has had no daylight saving time since 2022: UTC-6 all year.
            "2026-11-25T16:15:00Z | 25 de noviembre de 2026, 10:15 (hora del centro de México)",
            "2026-07-01T05:59:00Z | 30 de junio de 2026, 23:59 (hora del centro de México)",
            "2027-01-01T06:00:00Z | 1 de enero de 2027, 00:00 (hora del centro de México)",
            // 2021 still had summer time (UTC-5): the zone's rules, not a fixed offset.
            "2021-08-15T15:05:00Z | 15 de agosto de 2021, 10:05 (hora del centro de México)"})
    void givenAnInstantThenSpanishInCentralMexicoTime(Instant when, String expected) {
        assertThat(ChangedAtFormat.format(when, Locale.forLanguageTag("es"))).isEqualTo(expected);
        assertThat(ChangedAtFormat.format(when, null)).isEqualTo(expected);
        assertThat(ChangedAtFormat.format(when, Locale.FRENCH)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2026-11-25T16:15:00Z | November 25, 2026, 10:15 (central Mexico time)",
            "2026-03-09T01:30:00Z | March 8, 2026, 19:30 (central Mexico time)"})
    void givenAnEnglishRecipientThenEnglish(Instant when, String expected) {
        assertThat(ChangedAtFormat.format(when, Locale.ENGLISH)).isEqualTo(expected);
        assertThat(ChangedAtFormat.format(when, Locale.US)).isEqualTo(expected);
    }
}
