package mx.gob.imss.icsoe.keycloak.efirma;

import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The chain of an e.firma up to the configured trust anchors, with the JDK's PKIX validator, and
 * optionally its revocation status with the JDK's OCSP client ({@link PKIXRevocationChecker}: only
 * the end-entity certificate, OCSP only, no CRL fallback; fail-open is its soft-fail mode).
 */
final class ChainCheck {

    private ChainCheck() {
    }

    /** Empty when {@code certificate} chains to one of {@code anchors} at {@code now} (and is not revoked). */
    public static Optional<EfirmaProblem> problem(X509Certificate certificate, Set<TrustAnchor> anchors,
                                                  EfirmaConfig.Check ocsp, URI ocspUrl, Date now) {
        if (anchors.isEmpty()) {
            return Optional.of(EfirmaProblem.UNTRUSTED);
        }
        try {
            CertPathValidator validator = CertPathValidator.getInstance("PKIX");
            PKIXParameters parameters = new PKIXParameters(anchors);
            parameters.setDate(now);
            parameters.setRevocationEnabled(false);
            if (ocsp != EfirmaConfig.Check.OFF) {
                PKIXRevocationChecker checker = (PKIXRevocationChecker) validator.getRevocationChecker();
                EnumSet<PKIXRevocationChecker.Option> options = EnumSet.of(
                        PKIXRevocationChecker.Option.ONLY_END_ENTITY, PKIXRevocationChecker.Option.NO_FALLBACK);
                if (ocsp == EfirmaConfig.Check.FAIL_OPEN) {
                    options.add(PKIXRevocationChecker.Option.SOFT_FAIL);
                }
                checker.setOptions(options);
                if (ocspUrl != null) {
                    checker.setOcspResponder(ocspUrl);
                }
                parameters.addCertPathChecker(checker);
            }
            validator.validate(CertificateFactory.getInstance("X.509").generateCertPath(List.of(certificate)), parameters);
            return Optional.empty();
        } catch (CertPathValidatorException e) {
            return Optional.of(reasonOf(e));
        } catch (GeneralSecurityException | RuntimeException e) {
            return Optional.of(EfirmaProblem.UNTRUSTED);
        }
    }

    static EfirmaProblem reasonOf(CertPathValidatorException e) {
        CertPathValidatorException.Reason reason = e.getReason();
        if (reason == CertPathValidatorException.BasicReason.REVOKED) {
            return EfirmaProblem.REVOKED;
        }
        if (reason == CertPathValidatorException.BasicReason.UNDETERMINED_REVOCATION_STATUS) {
            return EfirmaProblem.REVOCATION_UNKNOWN;
        }
        if (reason == CertPathValidatorException.BasicReason.EXPIRED) {
            return EfirmaProblem.EXPIRED;
        }
        if (reason == CertPathValidatorException.BasicReason.NOT_YET_VALID) {
            return EfirmaProblem.NOT_YET_VALID;
        }
        if (reason == PKIXReason.INVALID_KEY_USAGE) {
            return EfirmaProblem.NO_SIGNING_USAGE;
        }
        return EfirmaProblem.UNTRUSTED;
    }
}
