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
        assertThat(EfirmaConfig.DEFAULTS.ocsp()).isEqualTo(EfirmaConfig.Check.OFF);
        assertThat(EfirmaConfig.DEFAULTS.challengeLifetime()).isEqualTo(Duration.ofMinutes(5));
        assertThat(TrustAnchors.of(EfirmaConfig.DEFAULTS)).isEmpty();
    }

    @Test
    void givenEveryValue_thenTheyAreRead() {
        EfirmaConfig config = EfirmaConfig.from(Map.of(EfirmaConfig.OCSP, "fail-closed", EfirmaConfig.OCSP_URL, " https://ocsp.example/ ",
                EfirmaConfig.CHALLENGE_SECONDS, "120", EfirmaConfig.TRUST_ANCHORS_FILE, " /etc/sat.pem "));
        assertThat(config.ocsp()).isEqualTo(EfirmaConfig.Check.FAIL_CLOSED);
        assertThat(config.ocspUrl()).hasToString("https://ocsp.example/");
        assertThat(config.challengeLifetime()).isEqualTo(Duration.ofSeconds(120));
        assertThat(config.trustAnchorsFile()).isEqualTo("/etc/sat.pem");
        assertThat(EfirmaConfig.from(Map.of(EfirmaConfig.OCSP, "FAIL-OPEN")).ocsp()).isEqualTo(EfirmaConfig.Check.FAIL_OPEN);
    }

    @Test
    void givenBadValues_thenDefaults() {
        Map<String, String> bad = new HashMap<>();
        bad.put(EfirmaConfig.OCSP, "sometimes");
        bad.put(EfirmaConfig.OCSP_URL, "javascript:alert(1)");
        bad.put(EfirmaConfig.CHALLENGE_SECONDS, "5");
        EfirmaConfig config = EfirmaConfig.from(bad);
        assertThat(config.ocsp()).isEqualTo(EfirmaConfig.Check.OFF);
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

    @Test
    void givenRevocationDenyListCompanyAndAddressSettings_thenTheyAreRead_andCrlIsOnByDefault() {
        assertThat(EfirmaConfig.DEFAULTS.crl()).isEqualTo(EfirmaConfig.Check.FAIL_CLOSED);
        assertThat(EfirmaConfig.DEFAULTS.allowCompany()).isFalse();
        EfirmaConfig config = EfirmaConfig.from(Map.of(EfirmaConfig.CRL, "off",
                EfirmaConfig.CRL_SOURCES, "https://sat.example/ac5.crl, /etc/icsoe/ac4.crl ftp://x/y.crl relative.crl",
                EfirmaConfig.DENY_LIST, "00:1A:2b\n0x03  ; no-es-hex " + "AB".repeat(32),
                EfirmaConfig.ALLOW_COMPANY, "true", EfirmaConfig.POSTS_PER_ADDRESS, "7", EfirmaConfig.ADDRESS_WINDOW_MINUTES, "2"));
        assertThat(config.crl()).isEqualTo(EfirmaConfig.Check.OFF);
        assertThat(config.crlSources()).containsExactly("https://sat.example/ac5.crl", "/etc/icsoe/ac4.crl");
        assertThat(config.denyList()).containsExactlyInAnyOrder("1a2b", "3", "ab".repeat(32));
        assertThat(config.allowCompany()).isTrue();
        assertThat(config.postsPerAddress()).isEqualTo(7);
        assertThat(config.addressWindow()).isEqualTo(Duration.ofMinutes(2));
        EfirmaConfig bad = EfirmaConfig.from(Map.of(EfirmaConfig.CRL, "a veces", EfirmaConfig.POSTS_PER_ADDRESS, "0",
                EfirmaConfig.ADDRESS_WINDOW_MINUTES, "x"));
        assertThat(bad.crl()).isEqualTo(EfirmaConfig.Check.FAIL_CLOSED);
        assertThat(bad.postsPerAddress()).isEqualTo(EfirmaConfig.DEFAULT_POSTS_PER_ADDRESS);
        assertThat(bad.addressWindow()).isEqualTo(Duration.ofMinutes(EfirmaConfig.DEFAULT_ADDRESS_WINDOW_MINUTES));
    }
}
