package mx.gob.imss.icsoe.keycloak.efirma;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DERT61String;
import org.bouncycastle.asn1.DERUniversalString;
import org.bouncycastle.asn1.DERVisibleString;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Test certificates shaped like SAT's, made fresh by the tests (nothing real is bundled): a test CA
 * ("AC de pruebas del SAT") that issues e.firma (FIEL) certificates — CURP in the subject's
 * serialNumber, RFC in x500UniqueIdentifier (2.5.4.45), SAT's key usages — and CSD-shaped ones (a
 * branch in OU), plus keys encrypted as SAT encrypts them: PKCS#8 PBES2 with PBKDF2-HMAC-SHA1 (2048
 * iterations) and DES-EDE3-CBC, DER.
 */
public final class SatFixtures {

    static final ASN1ObjectIdentifier UNIQUE_IDENTIFIER = new ASN1ObjectIdentifier("2.5.4.45");
    private static final SecureRandom RANDOM = new SecureRandom();
    /** BouncyCastle as a provider object only (never registered): the JDK has no 3DES parameter generator. */
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();
    private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());

    /** A CA: its certificate and key. */
    public record Ca(X509Certificate certificate, PrivateKey key) {
        public String pem() {
            return SatFixtures.pem(certificate);
        }
    }

    /** An issued e.firma: certificate and key pair. */
    public record Efirma(X509Certificate certificate, KeyPair keys) {
        public byte[] cer() {
            try {
                return certificate.getEncoded();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The .key file as SAT delivers it, protected by {@code password}. */
        public byte[] key(String password) {
            return SatFixtures.encryptedKey(keys.getPrivate(), password);
        }
    }

    /** The ASN.1 string type an attribute value is written in. */
    public enum StringType {
        UTF8, PRINTABLE, IA5, BMP, TELETEX, UNIVERSAL, VISIBLE;

        ASN1Encodable encode(String value) {
            return switch (this) {
                case UTF8 -> new DERUTF8String(value);
                case PRINTABLE -> new DERPrintableString(value);
                case IA5 -> new DERIA5String(value);
                case BMP -> new DERBMPString(value);
                case TELETEX -> new DERT61String(value);
                case UNIVERSAL -> new DERUniversalString(universal(value));
                case VISIBLE -> new DERVisibleString(value);
            };
        }

        private static byte[] universal(String value) {
            return value.getBytes(java.nio.charset.Charset.forName("UTF-32BE"));
        }
    }

    /**
     * What to put into a certificate. Shapes of SAT's kinds: {@link #fiel} a persona física's e.firma (bare
     * CURP in serialNumber, 13-character RFC in x500UniqueIdentifier, SAT's key usages and the e.firma's
     * extended key usages: email protection and client authentication); {@link #company} a persona
     * moral's e.firma ({@code " / CURP"} of the representative, {@code "RFC12 / RFC13"}); {@link #csd} a
     * Certificado de Sello Digital (a branch in OU, signing key usages, no extended key usage).
     */
    public record Profile(String curpField, String rfc, String branch, StringType branchType, Instant notBefore,
                          Instant notAfter, boolean signingUsage, boolean fielPurposes, String ocspUrl, String crlUrl) {
        /** A valid personal e.firma for {@code curp}: one year, from yesterday. */
        public static Profile fiel(String curp) {
            Instant now = Instant.now();
            return new Profile(curp, "HEGG850315AB1", null, null, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)),
                    true, true, null, null);
        }

        /** A company's e.firma whose legal representative has {@code representativeCurp}. */
        public static Profile company(String representativeCurp) {
            return fiel(representativeCurp).serialNumber(" / " + representativeCurp).rfc("ESI920427886 / HEGG850315AB1");
        }

        public Profile valid(Instant from, Instant to) {
            return new Profile(curpField, rfc, branch, branchType, from, to, signingUsage, fielPurposes, ocspUrl, crlUrl);
        }

        /** A CSD as SAT issues it: the branch in OU (UTF8String) and no extended key usage. */
        public Profile csd(String branchName) {
            return ou(branchName, StringType.UTF8).withoutFielPurposes();
        }

        /** Only an OU, in {@code type}: everything else as an e.firma. */
        public Profile ou(String branchName, StringType type) {
            return new Profile(curpField, rfc, branchName, type, notBefore, notAfter, signingUsage, fielPurposes, ocspUrl, crlUrl);
        }

        public Profile withoutFielPurposes() {
            return new Profile(curpField, rfc, branch, branchType, notBefore, notAfter, signingUsage, false, ocspUrl, crlUrl);
        }

        public Profile withoutSigning() {
            return new Profile(curpField, rfc, branch, branchType, notBefore, notAfter, false, fielPurposes, ocspUrl, crlUrl);
        }

        public Profile ocsp(String url) {
            return new Profile(curpField, rfc, branch, branchType, notBefore, notAfter, signingUsage, fielPurposes, url, crlUrl);
        }

        /** A CRL distribution point. */
        public Profile crl(String url) {
            return new Profile(curpField, rfc, branch, branchType, notBefore, notAfter, signingUsage, fielPurposes, ocspUrl, url);
        }

        public Profile serialNumber(String value) {
            return new Profile(value, rfc, branch, branchType, notBefore, notAfter, signingUsage, fielPurposes, ocspUrl, crlUrl);
        }

        public Profile rfc(String value) {
            return new Profile(curpField, value, branch, branchType, notBefore, notAfter, signingUsage, fielPurposes, ocspUrl, crlUrl);
        }
    }

    private SatFixtures() {
    }

    public static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A self-signed CA valid from a year ago for ten years. */
    public static Ca ca(String name) {
        KeyPair keys = rsa();
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, name)
                .addRDN(BCStyle.O, "Servicio de Administración Tributaria (pruebas)").addRDN(BCStyle.C, "MX").build();
        Instant now = Instant.now();
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(),
                    Date.from(now.minus(Duration.ofDays(365))), Date.from(now.plus(Duration.ofDays(3650))), subject, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature))
                    .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
            return new Ca(sign(builder, keys.getPrivate()), keys.getPrivate());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A certificate issued by {@code ca} for a fresh key pair. */
    public static Efirma issue(Ca ca, Profile profile) {
        KeyPair keys = rsa();
        X500NameBuilder name = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.CN, "MARIA HERNANDEZ GARCIA").addRDN(BCStyle.NAME, "MARIA HERNANDEZ GARCIA")
                .addRDN(BCStyle.O, "MARIA HERNANDEZ GARCIA").addRDN(BCStyle.C, "MX")
                .addRDN(BCStyle.EmailAddress, "capturista@correo.example")
                .addRDN(UNIQUE_IDENTIFIER, new DERPrintableString(profile.rfc()));
        if (profile.curpField() != null) {
            name.addRDN(BCStyle.SERIALNUMBER, new DERPrintableString(profile.curpField()));
        }
        if (profile.branch() != null) {
            name.addRDN(BCStyle.OU, profile.branchType().encode(profile.branch()));
        }
        int usage = profile.signingUsage()
                ? KeyUsage.digitalSignature | KeyUsage.nonRepudiation | KeyUsage.dataEncipherment | KeyUsage.keyAgreement
                : KeyUsage.dataEncipherment | KeyUsage.keyAgreement;
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca.certificate(), serial(),
                    Date.from(profile.notBefore()), Date.from(profile.notAfter()), name.build(), keys.getPublic())
                    .addExtension(Extension.keyUsage, true, new KeyUsage(usage))
                    .addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(ca.certificate()))
                    .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
            if (profile.fielPurposes()) {
                builder.addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_emailProtection, KeyPurposeId.id_kp_clientAuth}));
            }
            if (profile.crlUrl() != null) {
                DistributionPointName where = new DistributionPointName(new GeneralNames(
                        new GeneralName(GeneralName.uniformResourceIdentifier, profile.crlUrl())));
                builder.addExtension(Extension.cRLDistributionPoints, false,
                        new CRLDistPoint(new DistributionPoint[] {new DistributionPoint(where, null, null)}));
            }
            if (profile.ocspUrl() != null) {
                builder.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(
                        new AccessDescription(AccessDescription.id_ad_ocsp, new GeneralName(GeneralName.uniformResourceIdentifier, profile.ocspUrl()))));
            }
            return new Efirma(sign(builder, ca.key()), keys);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A CRL of {@code ca}, current for a day, listing {@code revoked}; DER. */
    public static byte[] crl(Ca ca, java.math.BigInteger... revoked) {
        Instant now = Instant.now();
        try {
            X509v2CRLBuilder builder = new X509v2CRLBuilder(new JcaX509CertificateHolder(ca.certificate()).getSubject(),
                    Date.from(now.minus(Duration.ofMinutes(5))));
            builder.setNextUpdate(Date.from(now.plus(Duration.ofDays(1))));
            for (java.math.BigInteger serial : revoked) {
                builder.addCRLEntry(serial, Date.from(now.minus(Duration.ofMinutes(1))), CRLReason.keyCompromise);
            }
            return builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(ca.key())).getEncoded();
        } catch (OperatorCreationException | IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** PKCS#8 EncryptedPrivateKeyInfo, DER: PBES2, PBKDF2 (HMAC-SHA1, 2048 iterations), DES-EDE3-CBC. */
    public static byte[] encryptedKey(PrivateKey key, String password) {
        try {
            OutputEncryptor encryptor = new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.DES3_CBC)
                    .setProvider(BC).setPRF(JcaPKCS8Generator.PRF_HMACSHA1).setIterationCount(2048).setRandom(RANDOM)
                    .setPassword(password.toCharArray()).build();
            return new JcaPKCS8Generator(key, encryptor).generate().getContent();
        } catch (OperatorCreationException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String pem(X509Certificate certificate) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(certificate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key) throws GeneralSecurityException {
        try {
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withRSA").build(key);
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(SERIALS.incrementAndGet()).shiftLeft(16).add(BigInteger.valueOf(RANDOM.nextInt(65536)));
    }
}
