package mx.gob.imss.icsoe.keycloak.efirma;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

import org.jboss.logging.Logger;

/**
 * This node's copy of the CRLs e.firma certificates are checked against. A CRL is public: each node
 * keeps and refreshes its own, nothing here needs another node. The request path only reads the copy;
 * fetching happens on a background executor: on a schedule for every source known, and at once for a
 * source the request path sees for the first time (the certificate's distribution point, or a source
 * configured in the step). A source is only ever registered after the signature verified and the
 * certificate chained to an anchor, so a post with somebody's public certificate makes no request.
 * <p>
 * A CRL counts for a certificate when it names the certificate's issuer, verifies with the key of the
 * anchor that is that issuer, and is current (before its nextUpdate plus {@link #GRACE}). Listed →
 * revoked. No current CRL → OCSP decides when it is on; otherwise "could not confirm" when the check is
 * fail-closed, let through when fail-open.
 */
final class CrlCache {

    /** Fetches one source: an {@code http(s)} URL or a file; may block, never called on the request path. */
    @FunctionalInterface
    public interface Fetcher {
        byte[] fetch(String source) throws IOException;
    }

    private static final Logger LOG = Logger.getLogger(CrlCache.class);
    /** How long past its nextUpdate a CRL is still used while its successor cannot be fetched. */
    static final Duration GRACE = Duration.ofHours(24);
    /** CRL sources one node tracks at most (distribution points of trusted certificates, configured ones). */
    static final int MAX_SOURCES = 64;
    /** Larger than any CRL SAT publishes is expected to be. */
    public static final int MAX_CRL_BYTES = 64 * 1024 * 1024;

    private record Entry(X509CRL crl, Instant fetchedAt, Set<String> verifiedWith) {
    }

    private final Map<String, Entry> crls = new ConcurrentHashMap<>();
    private final Set<String> sources = ConcurrentHashMap.newKeySet();
    private volatile Fetcher fetcher;
    private volatile Executor executor;

    /** Wires the background side; until then sources are only remembered. */
    public void start(Fetcher fetcher, Executor executor) {
        this.fetcher = fetcher;
        this.executor = executor;
    }

    /** The problem, if any, of {@code certificate} (already chained to one of {@code anchors}) with its issuer's CRL. */
    Optional<EfirmaProblem> check(X509Certificate certificate, Set<TrustAnchor> anchors, EfirmaConfig config, Date now,
                                  ConfigWarnings warnings) {
        if (config.crl() == EfirmaConfig.Check.OFF) {
            return Optional.empty();
        }
        List<String> wanted = new ArrayList<>(DistributionPoints.of(certificate));
        wanted.addAll(config.crlSources());
        if (wanted.isEmpty()) {
            if (config.ocsp() == EfirmaConfig.Check.OFF) {
                warnings.noRevocationSource();
            }
            return config.crl() == EfirmaConfig.Check.FAIL_OPEN || config.ocsp() != EfirmaConfig.Check.OFF
                    ? Optional.empty() : Optional.of(EfirmaProblem.REVOCATION_UNKNOWN);
        }
        want(wanted);
        boolean current = false;
        for (String source : wanted) {
            Entry entry = crls.get(source);
            if (entry == null || !entry.crl().getIssuerX500Principal().equals(certificate.getIssuerX500Principal())
                    || !fresh(entry, now) || !signedByAnchor(entry, anchors)) {
                continue;
            }
            if (entry.crl().getRevokedCertificate(certificate.getSerialNumber()) != null) {
                return Optional.of(EfirmaProblem.REVOKED);
            }
            current = true;
        }
        if (current || config.crl() == EfirmaConfig.Check.FAIL_OPEN || config.ocsp() != EfirmaConfig.Check.OFF) {
            // without a current CRL, OCSP (when on) has the last word
            return Optional.empty();
        }
        warnings.crlUnavailable(certificate.getIssuerX500Principal().getName());
        return Optional.of(EfirmaProblem.REVOCATION_UNKNOWN);
    }

    /** Remembers {@code wanted} and has the new ones fetched in the background at once. */
    void want(Collection<String> wanted) {
        Set<String> added = new LinkedHashSet<>();
        for (String source : wanted) {
            if (!sources.contains(source) && sources.size() < MAX_SOURCES && sources.add(source)) {
                added.add(source);
            }
        }
        Executor background = executor;
        if (!added.isEmpty() && background != null) {
            background.execute(() -> added.forEach(this::fetch));
        }
    }

    /** Fetches every known source again (the schedule's job; runs on the background executor). */
    public void refreshAll() {
        List.copyOf(sources).forEach(this::fetch);
    }

    /** The sources this node tracks. */
    Set<String> sources() {
        return Set.copyOf(sources);
    }

    void fetch(String source) {
        Fetcher current = fetcher;
        if (current == null) {
            return;
        }
        try {
            byte[] der = current.fetch(source);
            if (der == null || der.length > MAX_CRL_BYTES) {
                throw new IOException("no CRL or larger than " + MAX_CRL_BYTES + " bytes");
            }
            X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
            Entry previous = crls.get(source);
            if (previous != null && previous.crl().getThisUpdate().after(crl.getThisUpdate())) {
                LOG.warnf("e.firma CRL from %s is older than the one held; kept the held one", source);
                return;
            }
            crls.put(source, new Entry(crl, Instant.now(), ConcurrentHashMap.newKeySet()));
            LOG.debugf("e.firma CRL from %s: %s, %d entries, next update %s", source, crl.getIssuerX500Principal().getName(),
                    crl.getRevokedCertificates() == null ? 0 : crl.getRevokedCertificates().size(), crl.getNextUpdate());
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            LOG.warnf("e.firma CRL from %s could not be read (%s: %s); the held copy, if any, stays in use", source,
                    e.getClass().getSimpleName(), e.getMessage());
        }
    }

    private static boolean fresh(Entry entry, Date now) {
        Date next = entry.crl().getNextUpdate();
        return next == null ? entry.fetchedAt().plus(Duration.ofDays(7)).isAfter(now.toInstant())
                : next.toInstant().plus(GRACE).isAfter(now.toInstant());
    }

    /** Verified once per anchor key and kept: a large CRL is not hashed again on every sign-in. */
    private static boolean signedByAnchor(Entry entry, Set<TrustAnchor> anchors) {
        for (TrustAnchor anchor : anchors) {
            X509Certificate ca = anchor.getTrustedCert();
            if (!ca.getSubjectX500Principal().equals(entry.crl().getIssuerX500Principal())) {
                continue;
            }
            String key = java.util.Base64.getEncoder().encodeToString(ca.getPublicKey().getEncoded());
            if (entry.verifiedWith().contains(key)) {
                return true;
            }
            try {
                entry.crl().verify(ca.getPublicKey());
                entry.verifiedWith().add(key);
                return true;
            } catch (GeneralSecurityException | RuntimeException e) {
                // not this anchor's
            }
        }
        return false;
    }
}
