package mx.gob.imss.icsoe.keycloak.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class SubjectHasherTest {

    private final SubjectHasher hasher = new SubjectHasher("k1".getBytes(StandardCharsets.UTF_8));

    @Test
    void givenTheSameInputThenTheSameHashWithoutTheInputInIt() {
        String hash = hasher.hash("curp", "GODE561231HDFRRN09");
        assertThat(hash).isEqualTo(new SubjectHasher("k1".getBytes(StandardCharsets.UTF_8)).hash("curp", "GODE561231HDFRRN09"))
                .hasSize(32).matches("[0-9a-f]+").doesNotContainIgnoringCase("GODE");
    }

    @Test
    void givenAnotherKindOrKeyThenAnotherHash() {
        String hash = hasher.hash("curp", "127.0.0.1");
        assertThat(hasher.hash("ip", "127.0.0.1")).isNotEqualTo(hash);
        assertThat(new SubjectHasher("k2".getBytes(StandardCharsets.UTF_8)).hash("curp", "127.0.0.1")).isNotEqualTo(hash);
    }

    @Test
    void givenNoKeyThenItRefuses() {
        assertThatThrownBy(() -> new SubjectHasher(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }
}
