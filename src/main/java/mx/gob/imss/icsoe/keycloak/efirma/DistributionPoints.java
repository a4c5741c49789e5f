package mx.gob.imss.icsoe.keycloak.efirma;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code http(s)} URLs of a certificate's CRL distribution points (2.5.29.31), read from the DER of
 * the extension without a library: every {@code uniformResourceIdentifier} ([6] IA5String) in it. LDAP
 * and other schemes are skipped.
 */
final class DistributionPoints {

    static final String OID = "2.5.29.31";
    private static final int URI_TAG = 0x86;
    private static final int MAX_URLS = 4;

    private DistributionPoints() {
    }

    static List<String> of(X509Certificate certificate) {
        byte[] extension = certificate.getExtensionValue(OID);
        List<String> urls = new ArrayList<>();
        if (extension == null) {
            return urls;
        }
        // The extension value is an OCTET STRING holding the CRLDistributionPoints SEQUENCE; a URI is
        // [6] IA5String, primitive, tag 0x86. Scanning for that tag with a plausible length and scheme
        // finds them at any depth.
        for (int i = 0; i + 1 < extension.length && urls.size() < MAX_URLS; i++) {
            if ((extension[i] & 0xFF) != URI_TAG) {
                continue;
            }
            int length = extension[i + 1] & 0xFF;
            int start = i + 2;
            if (length == 0x81 && start < extension.length) {
                length = extension[start] & 0xFF;
                start++;
            } else if (length > 0x7F) {
                continue;
            }
            if (start + length > extension.length) {
                continue;
            }
            String url = new String(extension, start, length, java.nio.charset.StandardCharsets.US_ASCII);
            String lower = url.toLowerCase(Locale.ROOT);
            if ((lower.startsWith("http://") || lower.startsWith("https://")) && EfirmaConfig.uriOrNull(url) != null) {
                urls.add(url);
                i = start + length - 1;
            }
        }
        return urls;
    }
}
