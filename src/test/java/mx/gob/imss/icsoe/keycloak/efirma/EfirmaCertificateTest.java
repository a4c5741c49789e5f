package mx.gob.imss.icsoe.keycloak.efirma;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import mx.gob.imss.icsoe.keycloak.curp.Curp;

class EfirmaCertificateTest {

    static final String CURP = "HEGG850315MDFRRD07";
    private static SatFixtures.Ca ca;

    @BeforeAll
    static void ca() {
        ca = SatFixtures.ca("AC de pruebas");
    }

    private static EfirmaCertificate parsed(SatFixtures.Profile profile) {
        return EfirmaCertificate.parse(SatFixtures.issue(ca, profile).cer()).orElseThrow();
    }

    @Nested
    class Parsing {
        @Test
        void givenDerOrPem_thenOneCertificateIsRead() {
            SatFixtures.Efirma efirma = SatFixtures.issue(ca, SatFixtures.Profile.fiel(CURP));
            assertThat(EfirmaCertificate.parse(efirma.cer())).isPresent();
            assertThat(EfirmaCertificate.parse(SatFixtures.pem(efirma.certificate()).getBytes(StandardCharsets.US_ASCII))).isPresent();
        }

        @Test
        void givenGarbageEmptyOrNull_thenNothingIsRead() {
            assertThat(EfirmaCertificate.parse("no soy un certificado".getBytes(StandardCharsets.UTF_8))).isEmpty();
            assertThat(EfirmaCertificate.parse(new byte[0])).isEmpty();
            assertThat(EfirmaCertificate.parse(null)).isEmpty();
            assertThat(EfirmaCertificate.parse(SatFixtures.encryptedKey(SatFixtures.rsa().getPrivate(), "x"))).as("a .key").isEmpty();
        }

        @Test
        void givenMoreThanTheLimit_thenNothingIsRead() {
            byte[] big = new byte[EfirmaCertificate.MAX_BYTES + 1];
            assertThat(EfirmaCertificate.parse(big)).isEmpty();
        }

        @Test
        void givenTwoConcatenatedCertificates_thenNothingIsRead() {
            SatFixtures.Efirma efirma = SatFixtures.issue(ca, SatFixtures.Profile.fiel(CURP));
            String two = SatFixtures.pem(efirma.certificate()) + SatFixtures.pem(ca.certificate());
            assertThat(EfirmaCertificate.parse(two.getBytes(StandardCharsets.US_ASCII))).isEmpty();
        }
    }

    @Nested
    class Curps {
        @Test
        void givenAPersonalEfirma_thenTheCurpComesFromSerialNumber() {
            assertThat(parsed(SatFixtures.Profile.fiel(CURP)).curp()).map(Curp::value).contains(CURP);
        }

        @Test
        void givenACompanysEfirma_thenItIsTheRepresentativesCurpAfterTheSlash() {
            assertThat(parsed(SatFixtures.Profile.fiel(CURP).serialNumber(" / " + CURP)).curp()).map(Curp::value).contains(CURP);
        }

        @Test
        void givenLowerCaseWithSpaces_thenTheCurpIsNormalised() {
            assertThat(EfirmaCertificate.curpOf("  hegg850315mdfrrd07 ")).map(Curp::value).contains(CURP);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", " / ", "HEGG850315MDFRRD08", "XAXX010101000", "HEGG850315MDFRRD07 / XAXX010101000"})
        void givenNoValidCurpAsLastPart_thenNone(String serialNumber) {
            assertThat(EfirmaCertificate.curpOf(serialNumber)).isEmpty();
        }

        @Test
        void givenNoSerialNumber_thenNone() {
            assertThat(parsed(SatFixtures.Profile.fiel(null)).curp()).isEmpty();
        }
    }

    @Nested
    class Profiles {
        @Test
        void givenAValidFiel_thenNoProblem() {
            assertThat(parsed(SatFixtures.Profile.fiel(CURP)).profileProblem(new Date())).isEmpty();
        }

        @Test
        void givenAnExpiredOne_thenExpired() {
            Instant now = Instant.now();
            var cert = parsed(SatFixtures.Profile.fiel(CURP).valid(now.minus(Duration.ofDays(800)), now.minus(Duration.ofDays(1))));
            assertThat(cert.profileProblem(new Date())).contains(EfirmaProblem.EXPIRED);
        }

        @Test
        void givenOneNotYetValid_thenNotYetValid() {
            Instant now = Instant.now();
            var cert = parsed(SatFixtures.Profile.fiel(CURP).valid(now.plus(Duration.ofDays(2)), now.plus(Duration.ofDays(400))));
            assertThat(cert.profileProblem(new Date())).contains(EfirmaProblem.NOT_YET_VALID);
        }

        @Test
        void givenACsd_thenCsdEvenThoughItCanSign() {
            var cert = parsed(SatFixtures.Profile.fiel(CURP).csd("SUCURSAL CENTRO"));
            assertThat(cert.isCsd()).isTrue();
            assertThat(cert.profileProblem(new Date())).contains(EfirmaProblem.CSD);
            assertThat(parsed(SatFixtures.Profile.fiel(CURP)).isCsd()).isFalse();
        }

        @Test
        void givenAKeyUsageWithoutSigning_thenNoSigningUsage() {
            var cert = parsed(SatFixtures.Profile.fiel(CURP).withoutSigning());
            assertThat(cert.profileProblem(new Date())).contains(EfirmaProblem.NO_SIGNING_USAGE);
        }
    }
}
