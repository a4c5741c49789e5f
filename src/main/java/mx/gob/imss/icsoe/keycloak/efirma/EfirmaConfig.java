package mx.gob.imss.icsoe.keycloak.efirma;

import static mx.gob.imss.icsoe.keycloak.ConfigNumber.intOr;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The settings of the e.firma step, read per request from the execution's
 * {@code AuthenticatorConfig}. Missing, blank or out-of-range values fall back to the defaults; no
 * trust anchor is ever assumed (without one every certificate is refused as untrusted).
 *
 * @param trustAnchorsPem    PEM certificates (SAT's issuing CAs) pasted into the configuration
 * @param trustAnchorsFile   path of a PEM file on every node with more of them
 * @param ocsp               whether and how OCSP is asked
 * @param ocspUrl            the OCSP responder; {@code null} means the certificate's AIA address
 * @param challengeLifetime  how long a page's one-time challenge can be signed
 * @param crl                whether and how CRLs are checked (on, fail-closed, by default)
 * @param crlSources         CRL URLs ({@code http(s)://}) or files on every node, besides the certificate's
 *                           distribution points
 * @param denyList           serial numbers and SHA-256 fingerprints the operator blocks, lower-case hex
 *                           without separators or leading zeros (serials)
 * @param allowCompany       whether a company's e.firma signs in as its legal representative (off)
 * @param postsPerAddress    e.firma posts one client address can make per {@code addressWindow}
 * @param addressWindow      the per-address window
 */
public record EfirmaConfig(String trustAnchorsPem, String trustAnchorsFile, Check ocsp, URI ocspUrl,
                           Duration challengeLifetime, Check crl, List<String> crlSources, Set<String> denyList,
                           boolean allowCompany, int postsPerAddress, Duration addressWindow) {

    public static final String TRUST_ANCHORS_PEM = "icsoe.efirma.trustAnchorsPem";
    public static final String TRUST_ANCHORS_FILE = "icsoe.efirma.trustAnchorsFile";
    public static final String OCSP = "icsoe.efirma.ocsp";
    public static final String OCSP_URL = "icsoe.efirma.ocspUrl";
    public static final String CHALLENGE_SECONDS = "icsoe.efirma.challengeSeconds";
    public static final String CRL = "icsoe.efirma.crl";
    public static final String CRL_SOURCES = "icsoe.efirma.crlSources";
    public static final String DENY_LIST = "icsoe.efirma.denyList";
    public static final String ALLOW_COMPANY = "icsoe.efirma.allowCompanyEfirma";
    public static final String POSTS_PER_ADDRESS = "icsoe.efirma.postsPerAddress";
    public static final String ADDRESS_WINDOW_MINUTES = "icsoe.efirma.addressWindowMinutes";

    static final int DEFAULT_CHALLENGE_SECONDS = 300;
    static final int MAX_CHALLENGE_SECONDS = 1800;
    static final int DEFAULT_POSTS_PER_ADDRESS = 30;
    static final int MAX_POSTS_PER_ADDRESS = 1000;
    static final int DEFAULT_ADDRESS_WINDOW_MINUTES = 15;
    static final int MAX_ADDRESS_WINDOW_MINUTES = 24 * 60;

    public static final EfirmaConfig DEFAULTS = new EfirmaConfig("", "", Check.OFF, null,
            Duration.ofSeconds(DEFAULT_CHALLENGE_SECONDS), Check.FAIL_CLOSED, List.of(), Set.of(), false,
            DEFAULT_POSTS_PER_ADDRESS, Duration.ofMinutes(DEFAULT_ADDRESS_WINDOW_MINUTES));

    /** A revocation check (OCSP or CRL). */
    public enum Check {
        /** Not checked. */
        OFF,
        /** Checked; no usable answer (responder down, no current CRL) lets the certificate through. */
        FAIL_OPEN,
        /** Checked; only a definite "not revoked" lets the certificate through. */
        FAIL_CLOSED;

        /** {@code off}, {@code fail-open}, {@code fail-closed}: the values of the admin console. */
        public String value() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        static Check parse(String value, Check fallback) {
            if (value != null) {
                for (Check mode : values()) {
                    if (mode.value().equalsIgnoreCase(value.trim())) {
                        return mode;
                    }
                }
            }
            return fallback;
        }
    }

    public EfirmaConfig {
        trustAnchorsPem = trustAnchorsPem == null ? "" : trustAnchorsPem;
        trustAnchorsFile = trustAnchorsFile == null ? "" : trustAnchorsFile.trim();
        ocsp = ocsp == null ? Check.OFF : ocsp;
        crl = crl == null ? Check.FAIL_CLOSED : crl;
        crlSources = crlSources == null ? List.of() : List.copyOf(crlSources);
        denyList = denyList == null ? Set.of() : Set.copyOf(denyList);
        if (challengeLifetime == null || challengeLifetime.isNegative() || challengeLifetime.isZero()) {
            throw new IllegalArgumentException("the challenge lifetime must be positive");
        }
        if (postsPerAddress < 1 || addressWindow == null || addressWindow.isNegative() || addressWindow.isZero()) {
            throw new IllegalArgumentException("the per-address limit and window must be positive");
        }
    }

    /** Reads the config map of an {@code AuthenticatorConfigModel} (may be {@code null}). */
    public static EfirmaConfig from(Map<String, String> config) {
        if (config == null) {
            return DEFAULTS;
        }
        return new EfirmaConfig(config.get(TRUST_ANCHORS_PEM), config.get(TRUST_ANCHORS_FILE),
                Check.parse(config.get(OCSP), Check.OFF), uriOrNull(config.get(OCSP_URL)),
                Duration.ofSeconds(intOr(config.get(CHALLENGE_SECONDS), DEFAULT_CHALLENGE_SECONDS, 30, MAX_CHALLENGE_SECONDS)),
                Check.parse(config.get(CRL), Check.FAIL_CLOSED), crlSources(config.get(CRL_SOURCES)),
                denyList(config.get(DENY_LIST)), Boolean.parseBoolean(String.valueOf(config.get(ALLOW_COMPANY)).trim()),
                intOr(config.get(POSTS_PER_ADDRESS), DEFAULT_POSTS_PER_ADDRESS, 1, MAX_POSTS_PER_ADDRESS),
                Duration.ofMinutes(intOr(config.get(ADDRESS_WINDOW_MINUTES), DEFAULT_ADDRESS_WINDOW_MINUTES, 1,
                        MAX_ADDRESS_WINDOW_MINUTES)));
    }

    /** CRL sources: {@code http(s)://} URLs or absolute file paths, separated by white space or commas. */
    static List<String> crlSources(String value) {
        return tokens(value).filter(t -> uriOrNull(t) != null || t.startsWith("/")).toList();
    }

    /**
     * Deny-list entries, separated by white space, commas or semicolons: a serial number or a SHA-256
     * fingerprint in hex, colons and a {@code 0x} prefix allowed; normalised to lower case, serials without
     * leading zeros. Anything else is dropped.
     */
    static Set<String> denyList(String value) {
        Set<String> entries = new LinkedHashSet<>();
        tokens(value).map(t -> t.replace(":", "").toLowerCase(Locale.ROOT))
                .map(t -> t.startsWith("0x") ? t.substring(2) : t)
                .filter(t -> !t.isEmpty() && t.length() <= 64 && t.chars().allMatch(c -> Character.digit(c, 16) >= 0))
                .forEach(t -> entries.add(t.length() == 64 ? t : stripZeros(t)));
        return entries;
    }

    private static String stripZeros(String hex) {
        String stripped = hex.replaceFirst("^0+", "");
        return stripped.isEmpty() ? "0" : stripped;
    }

    private static java.util.stream.Stream<String> tokens(String value) {
        return value == null ? java.util.stream.Stream.empty()
                : Arrays.stream(value.split("[\\s,;]+")).map(String::trim).filter(t -> !t.isEmpty());
    }

    static URI uriOrNull(String value) {
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
}
