package mx.gob.imss.icsoe.keycloak.efirma;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.TrustAnchor;
import java.util.Date;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import mx.gob.imss.icsoe.keycloak.curp.Curp;

/**
 * Everything the server checks about a posted e.firma sign-in that needs no Keycloak, in this order:
 * the certificate's profile (read from the certificate alone: no file, no network), the
 * RSASSA-PKCS1-v1_5 / SHA-256 signature over the challenge the server issued, and only then the
 * operator's deny list, the trust anchors (parsed here, not before), the chain, revocation (CRL from the
 * node's cache, OCSP) and the CURP of its subject. So an unauthenticated post with someone's public
 * certificate and a made-up signature never makes the server read anchors or ask anybody anything, and
 * an account is never looked up for a certificate that is not trusted and proven.
 */
final class EfirmaVerifier {

    /** A 4096-bit RSA signature is 512 bytes; SAT issues 2048-bit keys. */
    public static final int MAX_SIGNATURE_BYTES = 1024;

    private final Supplier<Set<TrustAnchor>> anchors;
    private final EfirmaConfig config;
    private final CrlCache crls;
    private final ConfigWarnings warnings;

    public EfirmaVerifier(Supplier<Set<TrustAnchor>> anchors, EfirmaConfig config, CrlCache crls, ConfigWarnings warnings) {
        this.anchors = anchors;
        this.config = config;
        this.crls = crls;
        this.warnings = warnings;
    }

    /**
     * The outcome. {@code curp} is set when every check passed, and for a signature that does not
     * verify (the certificate's claimed CURP, for the event's keyed hash only); {@code trusted} says
     * whether the certificate chained to an anchor.
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
        Optional<EfirmaProblem> profile = cert.profileProblem(now, config.allowCompany());
        if (profile.isPresent()) {
            return Outcome.failed(profile.get(), false);
        }
        if (!signs(cert, signature, challenge)) {
            return new Outcome(EfirmaProblem.KEY_MISMATCH, cert.curp().orElse(null), false);
        }
        if (denied(cert)) {
            return Outcome.failed(EfirmaProblem.DENIED, false);
        }
        Set<TrustAnchor> trusted = anchors.get();
        warnings.anchors(trusted);
        Optional<EfirmaProblem> problem = ChainCheck.problem(cert.x509(), trusted, EfirmaConfig.Check.OFF, null, now);
        if (problem.isPresent()) {
            if (problem.get() == EfirmaProblem.UNTRUSTED) {
                warnings.untrusted(cert.x509(), trusted);
            }
            return Outcome.failed(problem.get(), false);
        }
        problem = crls.check(cert.x509(), trusted, config, now, warnings)
                .or(() -> ChainCheck.problem(cert.x509(), trusted, config.ocsp(), config.ocspUrl(), now));
        if (problem.isPresent()) {
            return Outcome.failed(problem.get(), true);
        }
        return cert.curp().map(c -> new Outcome(null, c, true)).orElseGet(() -> Outcome.failed(EfirmaProblem.NO_CURP, true));
    }

    /** The certificate's serial number or SHA-256 fingerprint is on the operator's deny list. */
    boolean denied(EfirmaCertificate cert) {
        if (config.denyList().isEmpty()) {
            return false;
        }
        try {
            String fingerprint = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.x509().getEncoded()));
            return config.denyList().contains(fingerprint) || config.denyList().contains(cert.x509().getSerialNumber().toString(16));
        } catch (GeneralSecurityException e) {
            return true;
        }
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
