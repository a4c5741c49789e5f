package mx.gob.imss.icsoe.keycloak.efirma;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.TrustAnchor;
import java.util.Date;
import java.util.Optional;
import java.util.Set;

import mx.gob.imss.icsoe.keycloak.curp.Curp;

/**
 * Everything the server checks about a posted e.firma sign-in that needs no Keycloak: the
 * certificate's profile, its chain (and revocation), the RSASSA-PKCS1-v1_5 / SHA-256 signature over
 * the challenge the server issued, and the CURP of its subject. Checks run in that order, so an
 * account is never looked up for a certificate that is not trusted and proven.
 */
public final class EfirmaVerifier {

    /** A 4096-bit RSA signature is 512 bytes; SAT issues 2048-bit keys. */
    public static final int MAX_SIGNATURE_BYTES = 1024;

    private final Set<TrustAnchor> anchors;
    private final EfirmaConfig config;

    public EfirmaVerifier(Set<TrustAnchor> anchors, EfirmaConfig config) {
        this.anchors = Set.copyOf(anchors);
        this.config = config;
    }

    /**
     * The outcome. {@code curp} is set only when every check passed; {@code trusted} says whether the
     * certificate chained to an anchor (only then may a failure count against its person).
     */
    public record Outcome(EfirmaProblem problem, Curp curp, boolean trusted) {
        static Outcome failed(EfirmaProblem problem, boolean trusted) {
            return new Outcome(problem, null, trusted);
        }

        public boolean ok() {
            return problem == null;
        }
    }

    public Outcome verify(byte[] certificate, byte[] signature, String challenge, Date now) {
        if (certificate != null && certificate.length > EfirmaCertificate.MAX_BYTES) {
            return Outcome.failed(EfirmaProblem.FILE_TOO_LARGE, false);
        }
        Optional<EfirmaCertificate> parsed = EfirmaCertificate.parse(certificate);
        if (parsed.isEmpty()) {
            return Outcome.failed(EfirmaProblem.NOT_A_CERTIFICATE, false);
        }
        EfirmaCertificate cert = parsed.get();
        Optional<EfirmaProblem> problem = cert.profileProblem(now)
                .or(() -> ChainCheck.problem(cert.x509(), anchors, config.ocsp(), config.ocspUrl(), now));
        if (problem.isPresent()) {
            return Outcome.failed(problem.get(), false);
        }
        Optional<Curp> curp = cert.curp();
        if (!signs(cert, signature, challenge)) {
            return new Outcome(EfirmaProblem.KEY_MISMATCH, curp.orElse(null), true);
        }
        return curp.map(c -> new Outcome(null, c, true)).orElseGet(() -> Outcome.failed(EfirmaProblem.NO_CURP, true));
    }

    static boolean signs(EfirmaCertificate cert, byte[] signature, String challenge) {
        if (signature == null || signature.length == 0 || signature.length > MAX_SIGNATURE_BYTES || challenge == null) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(cert.x509().getPublicKey());
            verifier.update(challenge.getBytes(StandardCharsets.US_ASCII));
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
