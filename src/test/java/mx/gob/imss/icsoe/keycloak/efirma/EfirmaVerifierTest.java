package mx.gob.imss.icsoe.keycloak.efirma;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Date;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import mx.gob.imss.icsoe.keycloak.curp.Curp;

class EfirmaVerifierTest {

    private static final String CHALLENGE = EfirmaChallenge.issue(java.time.Instant.now()).value();
    private static SatFixtures.Ca ca;
    private static EfirmaVerifier verifier;

    @BeforeAll
    static void setUp() {
        ca = SatFixtures.ca("AC de pruebas");
        verifier = new EfirmaVerifier(TrustAnchors.fromPem(ca.pem()), EfirmaConfig.DEFAULTS);
    }

    static byte[] sign(PrivateKey key, String text) throws Exception {
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key);
        signature.update(text.getBytes(StandardCharsets.US_ASCII));
        return signature.sign();
    }

    @Test
    void givenATrustedFielSigningTheChallenge_thenItsCurp() throws Exception {
        SatFixtures.Efirma efirma = SatFixtures.issue(ca, SatFixtures.Profile.fiel(EfirmaCertificateTest.CURP));
        EfirmaVerifier.Outcome outcome = verifier.verify(efirma.cer(), sign(efirma.keys().getPrivate(), CHALLENGE), CHALLENGE, new Date());
        assertThat(outcome.ok()).isTrue();
        assertThat(outcome.curp()).extracting(Curp::value).isEqualTo(EfirmaCertificateTest.CURP);
    }

    @Test
    void givenAnotherKey_orAnotherText_orATamperedSignature_thenKeyMismatchOnATrustedCertificate() throws Exception {
        SatFixtures.Efirma efirma = SatFixtures.issue(ca, SatFixtures.Profile.fiel(EfirmaCertificateTest.CURP));
        byte[] tampered = sign(efirma.keys().getPrivate(), CHALLENGE);
        tampered[10] ^= 1;
        for (byte[] signature : new byte[][] {sign(SatFixtures.rsa().getPrivate(), CHALLENGE),
                sign(efirma.keys().getPrivate(), CHALLENGE + "x"), tampered, new byte[0], null, new byte[2000]}) {
            EfirmaVerifier.Outcome outcome = verifier.verify(efirma.cer(), signature, CHALLENGE, new Date());
            assertThat(outcome.problem()).isEqualTo(EfirmaProblem.KEY_MISMATCH);
            assertThat(outcome.trusted()).isTrue();
            assertThat(outcome.curp()).as("known, so brute-force protection can count it").isNotNull();
        }
    }

    @Test
    void givenAnUntrustedOrCsdCertificate_thenThatProblemBeforeAnySignatureCheck() throws Exception {
        SatFixtures.Efirma foreign = SatFixtures.issue(SatFixtures.ca("Otra AC"), SatFixtures.Profile.fiel(EfirmaCertificateTest.CURP));
        EfirmaVerifier.Outcome untrusted = verifier.verify(foreign.cer(), sign(foreign.keys().getPrivate(), CHALLENGE), CHALLENGE, new Date());
        assertThat(untrusted.problem()).isEqualTo(EfirmaProblem.UNTRUSTED);
        assertThat(untrusted.trusted()).isFalse();
        assertThat(untrusted.curp()).isNull();

        SatFixtures.Efirma csd = SatFixtures.issue(ca, SatFixtures.Profile.fiel(EfirmaCertificateTest.CURP).csd("MATRIZ"));
        assertThat(verifier.verify(csd.cer(), sign(csd.keys().getPrivate(), CHALLENGE), CHALLENGE, new Date()).problem())
                .isEqualTo(EfirmaProblem.CSD);
    }

    @Test
    void givenNoCurpInATrustedSignedCertificate_thenNoCurp() throws Exception {
        SatFixtures.Efirma efirma = SatFixtures.issue(ca, SatFixtures.Profile.fiel("XAXX010101000"));
        assertThat(verifier.verify(efirma.cer(), sign(efirma.keys().getPrivate(), CHALLENGE), CHALLENGE, new Date()).problem())
                .isEqualTo(EfirmaProblem.NO_CURP);
    }

    @Test
    void givenGarbageOrAHugeFile_thenNotACertificateOrTooLarge() {
        assertThat(verifier.verify("hola".getBytes(StandardCharsets.UTF_8), new byte[256], CHALLENGE, new Date()).problem())
                .isEqualTo(EfirmaProblem.NOT_A_CERTIFICATE);
        assertThat(verifier.verify(null, null, CHALLENGE, new Date()).problem()).isEqualTo(EfirmaProblem.NOT_A_CERTIFICATE);
        assertThat(verifier.verify(new byte[EfirmaCertificate.MAX_BYTES + 1], new byte[256], CHALLENGE, new Date()).problem())
                .isEqualTo(EfirmaProblem.FILE_TOO_LARGE);
    }
}
