package mx.gob.imss.icsoe.keycloak.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SpecialCharSetTest {

    @Test
    void givenTheIcsoeSetThenExactlyItsFifteenCharacters() {
        SpecialCharSet set = SpecialCharSet.parse(SpecialCharSet.ICSOE_DEFAULT);
        int members = 0;
        for (int cp = 0; cp < 0x3000; cp++) {
            if (set.contains(cp)) members++;
        }
        assertThat(members).isEqualTo(15);
        assertThat(set.display()).isEqualTo("- * ? ! @ # $ / ( ) = . , : ;");
    }

    @Test
    void givenBlanksDuplicatesAndNonAsciiThenKeptOnceInOrder() {
        SpecialCharSet set = SpecialCharSet.parse(" ¿ ¡ ¿ # 😀 ");
        assertThat(set.chars()).isEqualTo("¿¡#😀");
        assertThat(set.contains('¡')).isTrue();
        assertThat(set.contains("😀".codePointAt(0))).isTrue();
        assertThat(set.contains('!')).isFalse();
        assertThat(set.contains(-1)).isFalse();
    }

    @Test
    void givenNothingUsableThenRefused() {
        assertThatThrownBy(() -> SpecialCharSet.parse(" \t ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SpecialCharSet.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
