package mx.gob.imss.icsoe.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigNumberTest {

    @Test
    void givenANumberInRangeThenItIsRead() {
        assertThat(ConfigNumber.intOr("7", 3, 1, 10)).isEqualTo(7);
        assertThat(ConfigNumber.intOr(" 10 ", 3, 1, 10)).isEqualTo(10);
        assertThat(ConfigNumber.intOr("1", 3, 1, 10)).isEqualTo(1);
        assertThat(ConfigNumber.intOr("0", 3, 0, 10)).isZero();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  ", "siete", "7.5", "0", "11", "-1", "99999999999"})
    void givenTextThatIsNoNumberInRangeThenTheFallbackIsKept(String raw) {
        assertThat(ConfigNumber.intOr(raw, 3, 1, 10)).isEqualTo(3);
    }
}
