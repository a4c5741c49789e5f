package mx.gob.imss.icsoe.keycloak.efirma;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.Map;
import java.util.Optional;

import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

import mx.gob.imss.icsoe.keycloak.curp.Curp;
import mx.gob.imss.icsoe.keycloak.curp.CurpCheck;

/**
 * What the server reads from the certificate a person posts, before any chain or signature check:
 * that it is one X.509 certificate of reasonable size, its validity period, that its key usage
 * allows signing, that it is an e.firma and not a CSD, and the CURP of its subject.
 *
 * <p>SAT's profiles, as seen in issued certificates: an e.firma (FIEL) names a person, with the CURP in
 * the subject's {@code serialNumber} (2.5.4.5; for a company's e.firma it is {@code " / "} plus the
 * legal representative's CURP) and the RFC in {@code x500UniqueIdentifier} (2.5.4.45). A CSD (Certificado
 * de Sello Digital, for invoices) is issued to a branch: its subject carries the branch name in
 * {@code OU} (2.5.4.11), which an e.firma never has. That {@code OU} is how the CSD is told apart (the
 * rule tools such as phpcfdi/credentials use as well).
 */
public final class EfirmaCertificate {

    /** SAT certificates are about 1.5–2 KB; nothing legitimate is near this. */
    public static final int MAX_BYTES = 16 * 1024;

    static final String OID_SERIAL_NUMBER = "2.5.4.5";
    static final String OID_UNIQUE_IDENTIFIER = "2.5.4.45";
    static final String OID_ORGANIZATIONAL_UNIT = "2.5.4.11";
    private static final Map<String, String> KEYWORDS = Map.of(
            OID_SERIAL_NUMBER, "SERIALNUMBER", OID_UNIQUE_IDENTIFIER, "UNIQUEIDENTIFIER");
    private static final int DIGITAL_SIGNATURE = 0;
    private static final int NON_REPUDIATION = 1;

    private final X509Certificate certificate;

    private EfirmaCertificate(X509Certificate certificate) {
        this.certificate = certificate;
    }

    /** Parses one DER (or PEM) certificate; empty when the bytes are not exactly that. */
    public static Optional<EfirmaCertificate> parse(byte[] der) {
        if (der == null || der.length == 0 || der.length > MAX_BYTES) {
            return Optional.empty();
        }
        try {
            var all = CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(der));
            if (all.size() != 1) {
                return Optional.empty();
            }
            return Optional.of(new EfirmaCertificate((X509Certificate) all.iterator().next()));
        } catch (CertificateException | RuntimeException e) {
            return Optional.empty();
        }
    }

    public X509Certificate x509() {
        return certificate;
    }

    /**
     * The profile checks, in the order a person would want to hear about them; empty when the
     * certificate may be used to sign in at {@code now}.
     */
    public Optional<EfirmaProblem> profileProblem(Date now) {
        try {
            certificate.checkValidity(now);
        } catch (CertificateExpiredException e) {
            return Optional.of(EfirmaProblem.EXPIRED);
        } catch (CertificateNotYetValidException e) {
            return Optional.of(EfirmaProblem.NOT_YET_VALID);
        }
        if (isCsd()) {
            return Optional.of(EfirmaProblem.CSD);
        }
        boolean[] usage = certificate.getKeyUsage();
        if (usage == null || usage.length <= NON_REPUDIATION || !(usage[DIGITAL_SIGNATURE] || usage[NON_REPUDIATION])) {
            return Optional.of(EfirmaProblem.NO_SIGNING_USAGE);
        }
        return Optional.empty();
    }

    /** A sello digital: the subject names a branch in {@code OU}. */
    public boolean isCsd() {
        return rdnValue(OID_ORGANIZATIONAL_UNIT).filter(ou -> !ou.isBlank()).isPresent();
    }

    /** The CURP in the subject's serialNumber, normalised by {@link Curp#check(String)}. */
    public Optional<Curp> curp() {
        return rdnValue(OID_SERIAL_NUMBER).flatMap(EfirmaCertificate::curpOf);
    }

    /** {@code "GOMA850114HDFRRN09"} or {@code " / GOMA850114HDFRRN09"}: the last non-blank part after a slash. */
    static Optional<Curp> curpOf(String serialNumber) {
        String[] parts = serialNumber.split("/");
        for (int i = parts.length - 1; i >= 0; i--) {
            if (!parts[i].isBlank()) {
                CurpCheck check = Curp.check(parts[i]);
                return check.valid() ? Optional.of(check.curp()) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    private Optional<String> rdnValue(String oid) {
        X500Principal subject = certificate.getSubjectX500Principal();
        String keyword = KEYWORDS.getOrDefault(oid, oid.equals(OID_ORGANIZATIONAL_UNIT) ? "OU" : oid);
        try {
            for (Rdn rdn : new LdapName(subject.getName(X500Principal.RFC2253, KEYWORDS)).getRdns()) {
                Attribute attribute = rdn.toAttributes().get(keyword);
                if (attribute != null && attribute.get() instanceof String value) {
                    return Optional.of(value);
                }
            }
        } catch (NamingException | IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
