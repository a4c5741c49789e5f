package mx.gob.imss.icsoe.keycloak.efirma;

import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

/**
 * Configuration mistakes of a realm's e.firma step that a person would otherwise be blamed for ("El
 * certificado no fue emitido por el SAT…" for a genuine e.firma): no trust anchors, an anchor that is
 * not a CA that can issue certificates, a trusted certificate whose issuer is no anchor (SAT's root
 * configured without its issuing CA), CRL checking on with nothing to read. Each is logged at WARN
 * once per realm and node (the log is the operator's; this set only keeps it from repeating, so a
 * second node simply warns once too) and listed in the step's server info in the admin console
 * (Server info → Providers → authenticator → icsoe-efirma). Names of CAs only, never a person's data.
 */
final class ConfigWarnings {

    private static final Logger LOG = Logger.getLogger(ConfigWarnings.class);
    /** Distinct warnings kept per node: certificates can name any issuer, the log must not grow with them. */
    static final int MAX_WARNINGS = 200;
    private static final Map<String, String> WARNED = new ConcurrentHashMap<>();

    private final String realm;

    private ConfigWarnings(String realm) {
        this.realm = realm;
    }

    public static ConfigWarnings forRealm(String realm) {
        return new ConfigWarnings(realm);
    }

    /** The warnings given on this node so far, by realm and kind: for the admin console's server info. */
    static Map<String, String> given() {
        return new TreeMap<>(WARNED);
    }

    void anchors(Set<TrustAnchor> anchors) {
        if (anchors.isEmpty()) {
            warn("no-anchors", "no trust anchors: every e.firma is refused as \"not issued by SAT\". Add SAT's CA "
                    + "certificates that issue e.firma certificates (icsoe.efirma.trustAnchorsPem or trustAnchorsFile)");
        }
        for (TrustAnchor anchor : anchors) {
            X509Certificate ca = anchor.getTrustedCert();
            boolean[] usage = ca.getKeyUsage();
            if (ca.getBasicConstraints() < 0 || (usage != null && (usage.length <= 5 || !usage[5]))) {
                // named by issuer and serial: such an anchor may be a person's own certificate, whose subject is personal
                String which = "serial " + ca.getSerialNumber().toString(16) + " issued by " + ca.getIssuerX500Principal().getName();
                warn("not-ca:" + which, "an anchor is not a CA that issues e.firma certificates (no CA basic constraint or no "
                        + "keyCertSign): " + which);
            }
        }
    }

    void untrusted(X509Certificate certificate, Set<TrustAnchor> anchors) {
        if (anchors.isEmpty()) {
            return;
        }
        String issuer = certificate.getIssuerX500Principal().getName();
        boolean issuerIsAnchor = anchors.stream()
                .anyMatch(a -> a.getTrustedCert().getSubjectX500Principal().equals(certificate.getIssuerX500Principal()));
        if (!issuerIsAnchor) {
            warn("issuer:" + issuer, "an e.firma with a valid signature was refused as untrusted: no anchor is its issuer "
                    + issuer + ". If that is SAT's issuing CA, add its certificate (a root alone does not do: every "
                    + "anchor must be the CA that issues the e.firma)");
        }
    }

    void noRevocationSource() {
        warn("no-revocation-source", "CRL checking is on but the certificate has no distribution point and no CRL source "
                + "is configured (icsoe.efirma.crlSources), and OCSP is off: every e.firma is refused as \"could not confirm\"");
    }

    void crlUnavailable(String issuer) {
        warn("crl:" + issuer, "no current CRL of " + issuer + " on this node yet (fetched in the background, see the "
                + "CRL log lines): e.firma certificates of that CA are refused as \"could not confirm\" until one is read");
    }

    private void warn(String kind, String text) {
        String key = realm + " " + kind;
        if (WARNED.size() < MAX_WARNINGS && WARNED.putIfAbsent(key, text) == null) {
            LOG.warnf("e.firma step of realm %s: %s", realm, text);
        }
    }
}
