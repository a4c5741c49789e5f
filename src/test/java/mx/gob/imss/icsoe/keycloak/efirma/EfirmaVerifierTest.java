package mx.gob.imss.icsoe.keycloak.efirma;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import mx.gob.imss.icsoe.keycloak.curp.Curp;

class EfirmaVerifierTest {

    private static final String CHALLENGE = EfirmaChallenge.issue(java.time.Instant.now()).value();
    private static SatFixtures.Ca ca;
    private static EfirmaVerifier verifier;
    private static OcspResponder responder;

    @BeforeAll
    static void setUp() {
        ca = SatFixtures.ca("AC de pruebas");
        verifier = verifier(Map.of(EfirmaConfig.CRL, "off"), new CrlCache());
        responder = new OcspResponder(ca);
    }

    @AfterAll
    static void tearDown() {
        responder.close();
    }

    static EfirmaVerifier verifier(Map<String, String> settings, CrlCache crls) {
        return new EfirmaVerifier(() -> TrustAnchors.fromPem(ca.pem()), EfirmaConfig.from(settings), crls,
                ConfigWarnings.forRealm("pruebas"));
    }

    static byte[] sign(PrivateKey key, String text) throws Exception {
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key);
        signature.update(text.getBytes(StandardCharsets.US_ASCII));
        return signature.sign();
    }

    /** A CRL cache that fetches over real HTTP, on an executor the test runs by hand: nothing is fetched in verify(). */
    static CrlCache crlsFetchedByHand(List<Runnable> queued) {
        CrlCache crls = new CrlCache();
        HttpClient http = HttpClient.newHttpClient();
        crls.start(source -> {
            try {
                return http.send(HttpRequest.newBuilder(URI.create(source)).build(), HttpResponse.BodyHandlers.ofByteArray()).body();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }, queued::add);
        return crls;
    }

    @Test
    void givenATrustedFielSigningTheChallenge_thenItsCurp() throws Exception {
        SatFixtures.Efirma efirma = SatFixtures.issue(ca, SatFixtures.Profile.fiel(EfirmaCertificateTest.CURP));
        EfirmaVerifier.Outcome outcome = verifier.verify(efirma.cer(), sign(efirma.keys().getPrivate(), CHALLENGE), CHALLENGE, new Date());
        assertThat(outcome.ok()).isTrue();
        assertThat(outcome.curp()).extracting(Curp::value).isEqualTo(EfirmaCertificateTest.CURP);
    }

    @Test
    void givenAnotherKey_orAnotherText_orATamperedSignature_thenKeyMismatchBeforeAnyTrustDecision() throws Exception {
        SatFixtures.Efirma efirma = SatFixtures.issue(ca, SatFixtures.Profile.fiel(EfirmaCertificateTest.CURP));
        byte[] tampered = sign(efirma.keys().getPrivate(), CHALLENGE);
        tampered[10] ^= 1;
        for (byte[] signature : new byte[][] {sign(SatFixtures.rsa().getPrivate(), CHALLENGE),
                sign(efirma.keys().getPrivate(), CHALLENGE + "x"), tampered, new byte[0], null, new byte[2000]}) {
            EfirmaVerifier.Outcome outcome = verifier.verify(efirma.cer(), signature, CHALLENGE, new Date());
            assertThat(outcome.problem()).isEqualTo(EfirmaProblem.KEY_MISMATCH);
            assertThat(outcome.trusted()).as("the anchors were not even read").isFalse();
        }
    }

    @Test
    void givenABadSignature_thenTheAnchorsAreNotReadAndNoOcspOrCrlRequestIsMade() throws Exception {
        SatFixtures.Efirma efirma = SatFixtures.issue(ca, SatFixtures.Profile.fiel(EfirmaCertificateTest.CURP)
                .ocsp(responder.url()).crl(responder.crlUrl()));
        List<Runnable> queued = new ArrayList<>();
        CrlCache crls = crlsFetchedByHand(queued);
        int[] anchorReads = {0};
        EfirmaVerifier checking = new EfirmaVerifier(() -> {
            anchorReads[0]++;
            return TrustAnchors.fromPem(ca.pem());
        }, EfirmaConfig.from(Map.of(EfirmaConfig.OCSP, "fail-closed", EfirmaConfig.CRL, "fail-closed")), crls,
                ConfigWarnings.forRealm("pruebas"));
        int ocspBefore = responder.requests();
        int crlBefore = responder.crlRequests();

        for (int i = 0; i < 5; i++) {
            assertThat(checking.verify(efirma.cer(), new byte[256], CHALLENGE, new Date()).problem()).isEqualTo(EfirmaProblem.KEY_MISMATCH);
        }
        queued.forEach(Runnable::run);
        assertThat(anchorReads[0]).as("anchor parsing").isZero();
        assertThat(crls.sources()).as("CRL sources learnt").isEmpty();
        assertThat(responder.requests() - ocspBefore).as("OCSP requests at the responder").isZero();
        assertThat(responder.crlRequests() - crlBefore).as("CRL downloads at the responder").isZero();

        // the same certificate with its own key's signature: now the server asks (and learns the CRL's address)
        EfirmaVerifier.Outcome first = checking.verify(efirma.cer(), sign(efirma.keys().getPrivate(), CHALLENGE), CHALLENGE, new Date());
        assertThat(first.ok()).as("no CRL held yet: OCSP decides").isTrue();
        assertThat(responder.requests() - ocspBefore).as("OCSP asked after the signature verified").isEqualTo(1);
        assertThat(responder.crlRequests() - crlBefore).as("never fetched on the request path").isZero();
        queued.forEach(Runnable::run);
        assertThat(responder.crlRequests() - crlBefore).as("fetched in the background").isEqualTo(1);
        assertThat(checking.verify(efirma.cer(), sign(efirma.keys().getPrivate(), CHALLENGE), CHALLENGE, new Date()).ok()).isTrue();
        assertThat(anchorReads[0]).isEqualTo(2);
    }

    @Test
    void givenACertificateTheCrlLists_thenRevoked_andOthersOfTheCaPass() throws Exception {
        SatFixtures.Efirma revoked = SatFixtures.issue(ca, SatFixtures.Profile.fiel(EfirmaCertificateTest.CURP).crl(responder.crlUrl()));
        SatFixtures.Efirma good = SatFixtures.issue(ca, SatFixtures.Profile.fiel(EfirmaCertificateTest.CURP).crl(responder.crlUrl()));
        responder.revoke(revoked.certificate().getSerialNumber());
        List<Runnable> queued = new ArrayList<>();
        CrlCache crls = crlsFetchedByHand(queued);
        EfirmaVerifier checking = verifier(Map.of(), crls);
        assertThat(EfirmaConfig.from(Map.of()).crl()).as("CRL checking is on by default").isEqualTo(EfirmaConfig.Check.FAIL_CLOSED);
        checking.verify(good.cer(), sign(good.keys().getPrivate(), CHALLENGE), CHALLENGE, new Date());
        queued.forEach(Runnable::run);

        assertThat(checking.verify(revoked.cer(), sign(revoked.keys().getPrivate(), CHALLENGE), CHALLENGE, new Date()).problem())
                .isEqualTo(EfirmaProblem.REVOKED);
        assertThat(checking.verify(good.cer(), sign(good.keys().getPrivate(), CHALLENGE), CHALLENGE, new Date()).ok()).isTrue();
    }

    @Test
    void givenACrlSignedByAnotherCa_orNoCrlAtAll_thenFailClosedRefusesAndFailOpenLetsThrough(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        SatFixtures.Efirma efirma = SatFixtures.issue(ca, SatFixtures.Profile.fiel(EfirmaCertificateTest.CURP));
        java.nio.file.Path forged = java.nio.file.Files.write(dir.resolve("forged.crl"),
                SatFixtures.crl(new SatFixtures.Ca(ca.certificate(), SatFixtures.rsa().getPrivate()), efirma.certificate().getSerialNumber()));
        List<Runnable> queued = new ArrayList<>();
        CrlCache crls = new CrlCache();
        crls.start(source -> java.nio.file.Files.readAllBytes(java.nio.file.Path.of(source)), queued::add);
        Map<String, String> settings = new HashMap<>(Map.of(EfirmaConfig.CRL_SOURCES, forged.toString()));
        verifier(settings, crls).verify(efirma.cer(), sign(efirma.keys().getPrivate(), CHALLENGE), CHALLENGE, new Date());
        queued.forEach(Runnable::run);
        assertThat(crls.sources()).containsExactly(forged.toString());

        assertThat(verifier(settings, crls).verify(efirma.cer(), sign(efirma.keys().getPrivate(), CHALLENGE), CHALLENGE, new Date()).problem())
                .as("a CRL that does not verify with the anchor's key is no CRL").isEqualTo(EfirmaProblem.REVOCATION_UNKNOWN);
        settings.put(EfirmaConfig.CRL, "fail-open");
        assertThat(verifier(settings, crls).verify(efirma.cer(), sign(efirma.keys().getPrivate(), CHALLENGE), CHALLENGE, new Date()).ok())
                .isTrue();
        assertThat(verifier(Map.of(), new CrlCache()).verify(efirma.cer(), sign(efirma.keys().getPrivate(), CHALLENGE), CHALLENGE,
                new Date()).problem()).as("no distribution point, no source, no OCSP").isEqualTo(EfirmaProblem.REVOCATION_UNKNOWN);
    }

    @Test
    void givenADenyListedSerialOrFingerprint_thenDenied_andOnlyThatCertificate() throws Exception {
        SatFixtures.Efirma efirma = SatFixtures.issue(ca, SatFixtures.Profile.fiel(EfirmaCertificateTest.CURP));
        SatFixtures.Efirma other = SatFixtures.issue(ca, SatFixtures.Profile.fiel(EfirmaCertificateTest.CURP));
        String serial = "00:" + HexFormat.ofDelimiter(":").withUpperCase().formatHex(efirma.certificate().getSerialNumber().toByteArray());
        String fingerprint = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(efirma.cer()));
        for (String entry : new String[] {serial, fingerprint.toUpperCase(java.util.Locale.ROOT), "0x" + fingerprint}) {
            EfirmaVerifier denying = verifier(Map.of(EfirmaConfig.CRL, "off", EfirmaConfig.DENY_LIST, "ffee, " + entry + "\n"), new CrlCache());
            assertThat(denying.verify(efirma.cer(), sign(efirma.keys().getPrivate(), CHALLENGE), CHALLENGE, new Date()).problem())
                    .as(entry).isEqualTo(EfirmaProblem.DENIED);
            assertThat(denying.verify(other.cer(), sign(other.keys().getPrivate(), CHALLENGE), CHALLENGE, new Date()).ok()).isTrue();
        }
    }

    @Test
    void givenAnUntrustedCertificate_thenUntrustedAfterItsSignature_andACsdOrCompanyBeforeIt() throws Exception {
        SatFixtures.Efirma foreign = SatFixtures.issue(SatFixtures.ca("Otra AC"), SatFixtures.Profile.fiel(EfirmaCertificateTest.CURP));
        EfirmaVerifier.Outcome untrusted = verifier.verify(foreign.cer(), sign(foreign.keys().getPrivate(), CHALLENGE), CHALLENGE, new Date());
        assertThat(untrusted.problem()).isEqualTo(EfirmaProblem.UNTRUSTED);
        assertThat(untrusted.trusted()).isFalse();
        assertThat(untrusted.curp()).isNull();
        assertThat(verifier.verify(foreign.cer(), new byte[256], CHALLENGE, new Date()).problem()).isEqualTo(EfirmaProblem.KEY_MISMATCH);

        SatFixtures.Efirma csd = SatFixtures.issue(ca, SatFixtures.Profile.fiel(EfirmaCertificateTest.CURP).csd("MATRIZ"));
        assertThat(verifier.verify(csd.cer(), new byte[256], CHALLENGE, new Date()).problem()).isEqualTo(EfirmaProblem.CSD);
        SatFixtures.Efirma company = SatFixtures.issue(ca, SatFixtures.Profile.company(EfirmaCertificateTest.CURP));
        assertThat(verifier.verify(company.cer(), sign(company.keys().getPrivate(), CHALLENGE), CHALLENGE, new Date()).problem())
                .isEqualTo(EfirmaProblem.COMPANY);
        EfirmaVerifier allowing = verifier(Map.of(EfirmaConfig.CRL, "off", EfirmaConfig.ALLOW_COMPANY, "true"), new CrlCache());
        assertThat(allowing.verify(company.cer(), sign(company.keys().getPrivate(), CHALLENGE), CHALLENGE, new Date()).curp())
                .as("only where the deployer allows it: the representative").extracting(Curp::value).isEqualTo(EfirmaCertificateTest.CURP);
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
