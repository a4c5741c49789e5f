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
        void givenACompanysEfirma_thenItIsRefusedAsACompany_notTakenForTheRepresentative() {
            var company = parsed(SatFixtures.Profile.company(CURP));
            assertThat(company.isCompany()).isTrue();
            assertThat(company.profileProblem(new Date())).contains(EfirmaProblem.COMPANY);
            assertThat(company.profileProblem(new Date(), true)).as("only where the deployer allows companies").isEmpty();
        }

        @Test
        void givenEitherSignOfACompany_thenACompany() {
            var byRfc = parsed(SatFixtures.Profile.fiel(CURP).rfc("ESI920427886 / HEGG850315AB1"));
            var bySerialNumber = parsed(SatFixtures.Profile.fiel(CURP).serialNumber(" / " + CURP));
            var rfcAlone = parsed(SatFixtures.Profile.fiel(CURP).rfc("ESI920427886"));
            assertThat(byRfc.profileProblem(new Date())).as("12-character first RFC").contains(EfirmaProblem.COMPANY);
            assertThat(bySerialNumber.profileProblem(new Date())).as("' / CURP' serialNumber").contains(EfirmaProblem.COMPANY);
            assertThat(rfcAlone.isCompany()).isTrue();
            assertThat(parsed(SatFixtures.Profile.fiel(CURP)).isCompany()).as("a person's own: bare CURP, 13-character RFC").isFalse();
            assertThat(parsed(SatFixtures.Profile.fiel(CURP).rfc("HEGG850315AB1 / ")).isCompany()).isFalse();
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
            assertThat(cert.isFiel()).isFalse();
            assertThat(cert.profileProblem(new Date())).contains(EfirmaProblem.CSD);
            var fiel = parsed(SatFixtures.Profile.fiel(CURP));
            assertThat(fiel.isCsd()).isFalse();
            assertThat(fiel.isFiel()).isTrue();
        }

        @ParameterizedTest
        @org.junit.jupiter.params.provider.EnumSource(SatFixtures.StringType.class)
        void givenAnOuInAnyStringType_thenNotAnEfirma_evenWithTheEfirmasPurposes(SatFixtures.StringType type) {
            var cert = parsed(SatFixtures.Profile.fiel(CURP).ou("SUCURSAL 01", type));
            assertThat(cert.isCsd()).as(type.name()).isTrue();
            assertThat(cert.isFiel()).as(type.name()).isFalse();
            assertThat(cert.profileProblem(new Date())).as(type.name()).contains(EfirmaProblem.CSD);
        }

        @Test
        void givenNoOuButNotTheEfirmasPurposes_thenNotAnEfirma() {
            var cert = parsed(SatFixtures.Profile.fiel(CURP).withoutFielPurposes());
            assertThat(cert.isCsd()).isFalse();
            assertThat(cert.isFiel()).as("decided positively, not by the absence of OU alone").isFalse();
            assertThat(cert.profileProblem(new Date())).contains(EfirmaProblem.CSD);
        }

        @Test
        void givenAKeyUsageWithoutSigning_thenNoSigningUsage() {
            var cert = parsed(SatFixtures.Profile.fiel(CURP).withoutSigning());
            assertThat(cert.profileProblem(new Date())).contains(EfirmaProblem.NO_SIGNING_USAGE);
        }
    }
}
