package mx.gob.imss.icsoe.keycloak.efirma;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

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
 * allows signing, that it is a person's own e.firma (not a CSD, not a company's), and the CURP of its subject.
 *
 * <p>SAT's profiles, as seen in issued certificates: a persona física's e.firma (FIEL) carries the bare
 * CURP in the subject's {@code serialNumber} (2.5.4.5) and the 13-character RFC in
 * {@code x500UniqueIdentifier} (2.5.4.45). A persona moral's (company's) e.firma carries
 * {@code " / <CURP of the legal representative>"} in {@code serialNumber} and
 * {@code "<12-character RFC of the company> / <RFC of the representative>"} in
 * {@code x500UniqueIdentifier}. A CSD (Certificado de Sello Digital, for invoices) is issued to a branch:
 * its subject names the branch in {@code OU} (2.5.4.11) and it has no extended key usage. An e.firma is
 * decided positively, by both rules of the reference libraries: no {@code OU} of any ASN.1 string type
 * (phpcfdi/credentials) and the e.firma's extended key usages, client authentication and email
 * protection (python-satcfdi: a CSD carries fewer extensions).
 */
final class EfirmaCertificate {

    /** SAT certificates are about 1.5–2 KB; nothing legitimate is near this. */
    public static final int MAX_BYTES = 16 * 1024;

    static final String OID_SERIAL_NUMBER = "2.5.4.5";
    static final String OID_UNIQUE_IDENTIFIER = "2.5.4.45";
    static final String OID_ORGANIZATIONAL_UNIT = "2.5.4.11";
    private static final Map<String, String> KEYWORDS = Map.of(
            OID_SERIAL_NUMBER, "SERIALNUMBER", OID_UNIQUE_IDENTIFIER, "UNIQUEIDENTIFIER");
    static final String EKU_CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    static final String EKU_EMAIL_PROTECTION = "1.3.6.1.5.5.7.3.4";
    /** A persona moral's RFC has 12 characters, a persona física's 13. */
    static final int COMPANY_RFC_LENGTH = 12;
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

    /** {@link #profileProblem(Date, boolean)} with companies' e.firma refused (the default). */
    public Optional<EfirmaProblem> profileProblem(Date now) {
        return profileProblem(now, false);
    }

    /**
     * The profile checks, in the order a person would want to hear about them; empty when the
     * certificate may be used to sign in at {@code now}. {@code allowCompany} lets a company's e.firma
     * through as its legal representative (off by default: whoever holds the company's key would sign
     * in to the representative's personal account).
     */
    public Optional<EfirmaProblem> profileProblem(Date now, boolean allowCompany) {
        try {
            certificate.checkValidity(now);
        } catch (CertificateExpiredException e) {
            return Optional.of(EfirmaProblem.EXPIRED);
        } catch (CertificateNotYetValidException e) {
            return Optional.of(EfirmaProblem.NOT_YET_VALID);
        }
        if (!isFiel()) {
            return Optional.of(EfirmaProblem.CSD);
        }
        if (!allowCompany && isCompany()) {
            return Optional.of(EfirmaProblem.COMPANY);
        }
        boolean[] usage = certificate.getKeyUsage();
        if (usage == null || usage.length <= NON_REPUDIATION || !(usage[DIGITAL_SIGNATURE] || usage[NON_REPUDIATION])) {
            return Optional.of(EfirmaProblem.NO_SIGNING_USAGE);
        }
        return Optional.empty();
    }

    /** A sello digital: the subject names a branch in {@code OU}, in whatever ASN.1 string type. */
    public boolean isCsd() {
        return rdnValues(OID_ORGANIZATIONAL_UNIT).anyMatch(ou -> !ou.isBlank());
    }

    /** An e.firma, decided positively: no {@code OU} and both of the e.firma's extended key usages. */
    public boolean isFiel() {
        if (isCsd()) {
            return false;
        }
        try {
            List<String> purposes = certificate.getExtendedKeyUsage();
            return purposes != null && purposes.contains(EKU_CLIENT_AUTH) && purposes.contains(EKU_EMAIL_PROTECTION);
        } catch (CertificateParsingException e) {
            return false;
        }
    }

    /**
     * A persona moral's e.firma: the first RFC in {@code x500UniqueIdentifier} has 12 characters, or
     * {@code serialNumber} is {@code " / CURP"} with an empty first part.
     */
    public boolean isCompany() {
        boolean companyRfc = rdnValue(OID_UNIQUE_IDENTIFIER)
                .map(rfc -> rfc.split("/", -1)[0].strip().length() == COMPANY_RFC_LENGTH).orElse(false);
        boolean representativeCurp = rdnValue(OID_SERIAL_NUMBER)
                .map(serial -> serial.indexOf('/') >= 0 && serial.split("/", -1)[0].isBlank()).orElse(false);
        return companyRfc || representativeCurp;
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
        return rdnValues(oid).findFirst();
    }

    /**
     * Every value of the subject's attribute {@code oid}, as text. The JDK writes string types it does
     * not name in RFC 2253 (UniversalString, VisibleString, …) as {@code #}hex of their DER encoding;
     * {@link DerText} reads those, so no string type is missed.
     */
    private Stream<String> rdnValues(String oid) {
        X500Principal subject = certificate.getSubjectX500Principal();
        String keyword = KEYWORDS.getOrDefault(oid, oid.equals(OID_ORGANIZATIONAL_UNIT) ? "OU" : oid);
        List<String> values = new ArrayList<>();
        try {
            for (Rdn rdn : new LdapName(subject.getName(X500Principal.RFC2253, KEYWORDS)).getRdns()) {
                Attribute attribute = rdn.toAttributes().get(keyword);
                if (attribute == null) {
                    continue;
                }
                Object value = attribute.get();
                if (value instanceof String text) {
                    values.add(text);
                } else if (value instanceof byte[] der) {
                    values.add(DerText.decode(der));
                }
            }
        } catch (NamingException | IllegalArgumentException e) {
            return Stream.empty();
        }
        return values.stream();
    }
}
