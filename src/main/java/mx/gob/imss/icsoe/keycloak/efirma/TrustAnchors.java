package mx.gob.imss.icsoe.keycloak.efirma;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.LinkedHashSet;
import java.util.Set;

import org.jboss.logging.Logger;

/**
 * The certificates an e.firma must chain to: SAT's CA certificates as the deployer supplies them,
 * PEM text in the step's configuration and/or a PEM file on every node. None are bundled. A
 * configured value that cannot be read is logged (without its content) and skipped, so the step
 * refuses certificates as untrusted instead of failing.
 */
final class TrustAnchors {

    private static final Logger LOG = Logger.getLogger(TrustAnchors.class);
    /** A few hundred CA certificates at most. */
    static final long MAX_FILE_BYTES = 1024 * 1024;

    private TrustAnchors() {
    }

    /** The anchors of {@code config}: its PEM text plus its file, possibly none. */
    public static Set<TrustAnchor> of(EfirmaConfig config) {
        Set<TrustAnchor> anchors = new LinkedHashSet<>(fromPem(config.trustAnchorsPem()));
        if (!config.trustAnchorsFile().isEmpty()) {
            anchors.addAll(fromFile(Path.of(config.trustAnchorsFile())));
        }
        return anchors;
    }

    static Set<TrustAnchor> fromPem(String pem) {
        if (pem == null || pem.isBlank()) {
            return Set.of();
        }
        return parse(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)), "configuration");
    }

    static Set<TrustAnchor> fromFile(Path file) {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                LOG.warnf("e.firma trust anchor file %s is larger than %d bytes; ignored", file, MAX_FILE_BYTES);
                return Set.of();
            }
            try (InputStream in = Files.newInputStream(file)) {
                return parse(in, file.toString());
            }
        } catch (IOException e) {
            LOG.warnf("e.firma trust anchor file %s cannot be read (%s); ignored", file, e.getClass().getSimpleName());
            return Set.of();
        }
    }

    private static Set<TrustAnchor> parse(InputStream in, String source) {
        Set<TrustAnchor> anchors = new LinkedHashSet<>();
        try {
            for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                anchors.add(new TrustAnchor((X509Certificate) certificate, null));
            }
        } catch (CertificateException | RuntimeException e) {
            LOG.warnf("e.firma trust anchors in %s are not PEM certificates (%s); ignored", source,
                    e.getClass().getSimpleName());
            return Set.of();
        }
        return anchors;
    }
}
