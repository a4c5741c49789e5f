package mx.gob.imss.icsoe.keycloak.efirma;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * The one-time value a page asks the browser to sign: 32 random bytes (base64url), prefixed with a
 * fixed label so a signature made here can never be passed off as one over some other document.
 * It lives in the authentication session's notes (so it is bound to that session and replicated like
 * the rest of it) together with its issue time; {@link #accepts} decides whether a posted value is
 * the one issued, still fresh. Single use is the caller's part: it removes the notes before checking
 * and marks the value as used in Keycloak's {@code SingleUseObjectProvider}.
 *
 * @param value    what the browser signs (ASCII)
 * @param issuedAt when it was issued
 */
record EfirmaChallenge(String value, Instant issuedAt) {

    public static final String NOTE_VALUE = "icsoe.efirma.challenge";
    public static final String NOTE_ISSUED_AT = "icsoe.efirma.challengeIssuedAt";
    static final String LABEL = "ICSOE e.firma inicio de sesion:";
    private static final SecureRandom RANDOM = new SecureRandom();

    public static EfirmaChallenge issue(Instant now) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return new EfirmaChallenge(LABEL + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), now);
    }

    /** Rebuilds the issued challenge from the two notes; {@code null} when either is missing or broken. */
    public static EfirmaChallenge fromNotes(String value, String issuedAtMillis) {
        if (value == null || issuedAtMillis == null) {
            return null;
        }
        try {
            return new EfirmaChallenge(value, Instant.ofEpochMilli(Long.parseLong(issuedAtMillis)));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public String issuedAtNote() {
        return Long.toString(issuedAt.toEpochMilli());
    }

    /** The posted value is this challenge (compared in constant time) and it is not older than {@code lifetime}. */
    public boolean accepts(String posted, Instant now, Duration lifetime) {
        if (posted == null || now.isBefore(issuedAt) || now.isAfter(issuedAt.plus(lifetime))) {
            return false;
        }
        return MessageDigest.isEqual(value.getBytes(StandardCharsets.US_ASCII), posted.getBytes(StandardCharsets.US_ASCII));
    }
}
