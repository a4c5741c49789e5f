package mx.gob.imss.icsoe.keycloak.curp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CurpCheckDigitTest {

    @ParameterizedTest
    @CsvSource({
            "HEGG560427MVZRRL0, 4", "BEML920313HMCLNS0, 9", "OEVL921024MDFLRR0, 7", "AUHC350422HPLBRL0, 8",
            "AAPE921018MMSBRV0, 1", "AAOD850103HGRBCN0, 2", "MARR890512HCSRYR0, 6"})
    void givenPublishedCurpsThenTheirEighteenthCharacterIsComputed(String first17, int digit) {
        assertThat(CurpCheckDigit.of(first17)).isEqualTo(digit);
    }

    @ParameterizedTest
    @CsvSource({"00000000000000000, 0", "0000000000000000Ñ, 2", "0000000000000000Z, 8", "0000000000000000O, 0", "1000000000000000A, 2"})
    void givenTheDictionaryThenEnyeIsWorth24AndZ36(String first17, int digit) {
        // Ñ = 24 × 2 = 48 → 2; Z = 36 × 2 = 72 → 8; O = 25 × 2 = 50 → 0; 1 × 18 + A = 10 × 2 → 38 → 2
        assertThat(CurpCheckDigit.of(first17)).isEqualTo(digit);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"HEGG560427MVZRRL", "HEGG560427MVZRRL04", "hegg560427mvzrrl0", "HEGG560427MVZRR-0"})
    void givenNotSeventeenDictionaryCharactersThenMinusOne(String input) {
        assertThat(CurpCheckDigit.of(input)).isEqualTo(-1);
    }
}
