package mx.gob.imss.icsoe.keycloak.resetcred;

import java.util.Locale;

import org.keycloak.events.Errors;

/**
 * Decides whether a reset request may lead to an email: only an enabled user whose registered email
 * equals the typed one (trimmed, case-insensitive). Every other case is a distinct outcome for the
 * event log, but the person sees the same page for all of them.
 */
enum ResetMatch {
    MATCH(null),
    USER_NOT_FOUND(Errors.USER_NOT_FOUND),
    USER_DISABLED(Errors.USER_DISABLED),
    USER_WITHOUT_EMAIL("icsoe_user_without_email"),
    EMAIL_MISMATCH("icsoe_email_mismatch");

    private final String eventError;

    ResetMatch(String eventError) {
        this.eventError = eventError;
    }

    /** The Keycloak event error code of a non-match ({@code null} for {@link #MATCH}). */
    String eventError() {
        return eventError;
    }

    static ResetMatch of(boolean userFound, boolean enabled, String registeredEmail, String typedEmail) {
        if (!userFound) {
            return USER_NOT_FOUND;
        }
        if (!enabled) {
            return USER_DISABLED;
        }
        if (registeredEmail == null || registeredEmail.isBlank()) {
            return USER_WITHOUT_EMAIL;
        }
        return normalise(registeredEmail).equals(normalise(typedEmail)) ? MATCH : EMAIL_MISMATCH;
    }

    private static String normalise(String email) {
        return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
    }
}
