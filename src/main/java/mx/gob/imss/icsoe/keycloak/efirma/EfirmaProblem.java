package mx.gob.imss.icsoe.keycloak.efirma;

import java.util.Locale;
import java.util.Optional;

import org.keycloak.events.Errors;

/**
 * Every way an e.firma sign-in can fail, each with the Spanish message the page shows and the error
 * of its event. The first group is found in the browser (the key never reaches the server, so the
 * page only reports the outcome); the rest by the server.
 */
enum EfirmaProblem {
    /** The key password does not decrypt the key (browser). */
    WRONG_PASSWORD("icsoeEfirmaWrongPasswordMessage", true),
    /** The .key file is not a PKCS#8 encrypted private key (browser). */
    NOT_A_KEY("icsoeEfirmaNotAKeyMessage", true),
    /** A file is larger than any SAT certificate or key (browser and server). */
    FILE_TOO_LARGE("icsoeEfirmaFileTooLargeMessage", true),
    /** The page checked the key against the certificate before signing: they are not a pair (browser). */
    KEY_NOT_FOR_CERTIFICATE("icsoeEfirmaKeyNotForCertificateMessage", true),
    /** A field was left empty (browser). */
    MISSING_FILES("icsoeEfirmaMissingFilesMessage", true),
    /** The browser cannot sign (no WebCrypto, e.g. an old browser or a page not served over HTTPS). */
    BROWSER_UNSUPPORTED("icsoeEfirmaBrowserUnsupportedMessage", true),
    /** The .cer file is not an X.509 certificate. */
    NOT_A_CERTIFICATE("icsoeEfirmaNotACertificateMessage", false),
    /** The signature does not verify with the certificate: the key belongs to another certificate. */
    KEY_MISMATCH("icsoeEfirmaKeyMismatchMessage", false, Errors.INVALID_SIGNATURE),
    /** The one-time challenge is missing, expired or already used (a replay, or a page left open). */
    CHALLENGE_EXPIRED("icsoeEfirmaChallengeExpiredMessage", false, Errors.EXPIRED_CODE),
    EXPIRED("icsoeEfirmaExpiredMessage", false),
    NOT_YET_VALID("icsoeEfirmaNotYetValidMessage", false),
    /** Not issued by a configured trust anchor (or none is configured). */
    UNTRUSTED("icsoeEfirmaUntrustedMessage", false),
    REVOKED("icsoeEfirmaRevokedMessage", false),
    /** On the operator's deny list (serial number or SHA-256 fingerprint in the step's configuration). */
    DENIED("icsoeEfirmaDeniedMessage", false),
    /** OCSP is fail-closed and the responder gave no usable answer. */
    REVOCATION_UNKNOWN("icsoeEfirmaRevocationUnknownMessage", false),
    /** A Certificado de Sello Digital (issued to a branch for invoices), not an e.firma. */
    CSD("icsoeEfirmaCsdMessage", false),
    /** A persona moral's (company's) e.firma: it does not sign in to a personal account. */
    COMPANY("icsoeEfirmaCompanyMessage", false),
    /** The key usage does not allow signing. */
    NO_SIGNING_USAGE("icsoeEfirmaNoSigningUsageMessage", false),
    /** The subject carries no valid CURP in serialNumber. */
    NO_CURP("icsoeEfirmaNoCurpMessage", false),
    NO_ACCOUNT("icsoeEfirmaNoAccountMessage", false, Errors.USER_NOT_FOUND),
    ACCOUNT_DISABLED("icsoeEfirmaAccountDisabledMessage", false, Errors.USER_DISABLED),
    /** Keycloak's brute-force protection holds the account. */
    ACCOUNT_LOCKED("icsoeEfirmaAccountLockedMessage", false, Errors.USER_TEMPORARILY_DISABLED),
    /** Recovery only: no registered, enabled capturista for the CURP (one message for both, no enumeration). */
    NO_RECOVERY("icsoeEfirmaNoRecoveryMessage", false),
    /** This client address used up its e.firma attempts for the window (the per-address slot). */
    THROTTLED("icsoeEfirmaThrottledMessage", false);

    private final String messageKey;
    private final boolean reportableByBrowser;
    private final String keycloakError;

    EfirmaProblem(String messageKey, boolean reportableByBrowser) {
        this(messageKey, reportableByBrowser, null);
    }

    EfirmaProblem(String messageKey, boolean reportableByBrowser, String keycloakError) {
        this.messageKey = messageKey;
        this.reportableByBrowser = reportableByBrowser;
        this.keycloakError = keycloakError;
    }

    /** The key of the Spanish (and English) text shown on the page. */
    public String messageKey() {
        return messageKey;
    }

    /** The event error: Keycloak's own where one fits ({@code user_not_found}, …), else {@code icsoe_efirma_} plus the code. */
    public String eventError() {
        return keycloakError != null ? keycloakError : "icsoe_efirma_" + code();
    }

    /** The code the page's script posts for a problem it found itself: the lower-case name. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The problem the browser reported in the {@code error} field; only problems a browser can find
     * are accepted, anything else is ignored.
     */
    public static Optional<EfirmaProblem> fromBrowser(String code) {
        if (code == null || code.length() > 32) {
            return Optional.empty();
        }
        for (EfirmaProblem problem : values()) {
            if (problem.reportableByBrowser && problem.code().equals(code)) {
                return Optional.of(problem);
            }
        }
        return Optional.empty();
    }
}
