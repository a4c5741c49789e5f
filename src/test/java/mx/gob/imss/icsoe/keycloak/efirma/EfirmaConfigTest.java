package mx.gob.imss.icsoe.keycloak.efirma;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EfirmaConfigTest {

    @Test
    void givenNoConfig_thenDefaultsWithoutAnyTrustAnchor() {
        assertThat(EfirmaConfig.from(null)).isEqualTo(EfirmaConfig.DEFAULTS);
        assertThat(EfirmaConfig.DEFAULTS.ocsp()).isEqualTo(EfirmaConfig.Ocsp.OFF);
        assertThat(EfirmaConfig.DEFAULTS.challengeLifetime()).isEqualTo(Duration.ofMinutes(5));
        assertThat(TrustAnchors.of(EfirmaConfig.DEFAULTS)).isEmpty();
    }

    @Test
    void givenEveryValue_thenTheyAreRead() {
        EfirmaConfig config = EfirmaConfig.from(Map.of(EfirmaConfig.OCSP, "fail-closed", EfirmaConfig.OCSP_URL, " https://ocsp.example/ ",
                EfirmaConfig.CHALLENGE_SECONDS, "120", EfirmaConfig.TRUST_ANCHORS_FILE, " /etc/sat.pem "));
        assertThat(config.ocsp()).isEqualTo(EfirmaConfig.Ocsp.FAIL_CLOSED);
        assertThat(config.ocspUrl()).hasToString("https://ocsp.example/");
        assertThat(config.challengeLifetime()).isEqualTo(Duration.ofSeconds(120));
        assertThat(config.trustAnchorsFile()).isEqualTo("/etc/sat.pem");
        assertThat(EfirmaConfig.from(Map.of(EfirmaConfig.OCSP, "FAIL-OPEN")).ocsp()).isEqualTo(EfirmaConfig.Ocsp.FAIL_OPEN);
    }

    @Test
    void givenBadValues_thenDefaults() {
        Map<String, String> bad = new HashMap<>();
        bad.put(EfirmaConfig.OCSP, "sometimes");
        bad.put(EfirmaConfig.OCSP_URL, "javascript:alert(1)");
        bad.put(EfirmaConfig.CHALLENGE_SECONDS, "5");
        EfirmaConfig config = EfirmaConfig.from(bad);
        assertThat(config.ocsp()).isEqualTo(EfirmaConfig.Ocsp.OFF);
        assertThat(config.ocspUrl()).isNull();
        assertThat(config.challengeLifetime()).isEqualTo(Duration.ofSeconds(EfirmaConfig.DEFAULT_CHALLENGE_SECONDS));
        assertThat(EfirmaConfig.from(Map.of(EfirmaConfig.CHALLENGE_SECONDS, "muchos")).challengeLifetime())
                .isEqualTo(Duration.ofSeconds(EfirmaConfig.DEFAULT_CHALLENGE_SECONDS));
        assertThat(EfirmaConfig.from(Map.of(EfirmaConfig.OCSP_URL, "ht tp://x")).ocspUrl()).isNull();
    }

    @Test
    void givenAnchorsAsPemAndAsAFile_thenBothCount_andUnreadableOnesAreSkipped(@TempDir Path dir) throws Exception {
        SatFixtures.Ca one = SatFixtures.ca("AC 1");
        SatFixtures.Ca two = SatFixtures.ca("AC 2");
        SatFixtures.Ca three = SatFixtures.ca("AC 3");
        Path file = Files.writeString(dir.resolve("sat.pem"), two.pem() + three.pem());
        EfirmaConfig config = EfirmaConfig.from(Map.of(EfirmaConfig.TRUST_ANCHORS_PEM, one.pem(),
                EfirmaConfig.TRUST_ANCHORS_FILE, file.toString()));
        assertThat(TrustAnchors.of(config)).hasSize(3);
        assertThat(TrustAnchors.of(EfirmaConfig.from(Map.of(EfirmaConfig.TRUST_ANCHORS_PEM, "basura",
                EfirmaConfig.TRUST_ANCHORS_FILE, dir.resolve("missing.pem").toString())))).isEmpty();
    }
}
