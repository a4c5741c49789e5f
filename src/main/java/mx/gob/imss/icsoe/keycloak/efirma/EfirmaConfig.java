package mx.gob.imss.icsoe.keycloak.efirma;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The settings of the e.firma step, read per request from the execution's
 * {@code AuthenticatorConfig}. Missing, blank or out-of-range values fall back to the defaults; no
 * trust anchor is ever assumed (without one every certificate is refused as untrusted).
 *
 * @param trustAnchorsPem   PEM certificates (SAT's issuing CAs) pasted into the configuration
 * @param trustAnchorsFile  path of a PEM file on every node with more of them
 * @param ocsp              whether and how revocation is checked
 * @param ocspUrl           the OCSP responder; {@code null} means the certificate's AIA address
 * @param challengeLifetime how long a page's one-time challenge can be signed
 */
public record EfirmaConfig(String trustAnchorsPem, String trustAnchorsFile, Ocsp ocsp, URI ocspUrl,
                           Duration challengeLifetime) {

    public static final String TRUST_ANCHORS_PEM = "icsoe.efirma.trustAnchorsPem";
    public static final String TRUST_ANCHORS_FILE = "icsoe.efirma.trustAnchorsFile";
    public static final String OCSP = "icsoe.efirma.ocsp";
    public static final String OCSP_URL = "icsoe.efirma.ocspUrl";
    public static final String CHALLENGE_SECONDS = "icsoe.efirma.challengeSeconds";

    static final int DEFAULT_CHALLENGE_SECONDS = 300;
    static final int MAX_CHALLENGE_SECONDS = 1800;

    public static final EfirmaConfig DEFAULTS = new EfirmaConfig("", "", Ocsp.OFF, null,
            Duration.ofSeconds(DEFAULT_CHALLENGE_SECONDS));

    /** Revocation checking. */
    public enum Ocsp {
        /** No revocation check. */
        OFF,
        /** Ask the responder; a missing or unusable answer lets the certificate through. */
        FAIL_OPEN,
        /** Ask the responder; only a "good" answer lets the certificate through. */
        FAIL_CLOSED;

        /** {@code off}, {@code fail-open}, {@code fail-closed}: the values of the admin console. */
        public String value() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        static Ocsp parse(String value) {
            if (value != null) {
                for (Ocsp mode : values()) {
                    if (mode.value().equalsIgnoreCase(value.trim())) {
                        return mode;
                    }
                }
            }
            return OFF;
        }
    }

    public EfirmaConfig {
        trustAnchorsPem = trustAnchorsPem == null ? "" : trustAnchorsPem;
        trustAnchorsFile = trustAnchorsFile == null ? "" : trustAnchorsFile.trim();
        ocsp = ocsp == null ? Ocsp.OFF : ocsp;
        if (challengeLifetime == null || challengeLifetime.isNegative() || challengeLifetime.isZero()) {
            throw new IllegalArgumentException("the challenge lifetime must be positive");
        }
    }

    /** Reads the config map of an {@code AuthenticatorConfigModel} (may be {@code null}). */
    public static EfirmaConfig from(Map<String, String> config) {
        if (config == null) {
            return DEFAULTS;
        }
        return new EfirmaConfig(config.get(TRUST_ANCHORS_PEM), config.get(TRUST_ANCHORS_FILE),
                Ocsp.parse(config.get(OCSP)), uriOrNull(config.get(OCSP_URL)),
                Duration.ofSeconds(secondsOr(config.get(CHALLENGE_SECONDS))));
    }

    private static URI uriOrNull(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            URI uri = URI.create(value.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null ? uri : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static int secondsOr(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_CHALLENGE_SECONDS;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            return parsed >= 30 && parsed <= MAX_CHALLENGE_SECONDS ? parsed : DEFAULT_CHALLENGE_SECONDS;
        } catch (NumberFormatException e) {
            return DEFAULT_CHALLENGE_SECONDS;
        }
    }
}
