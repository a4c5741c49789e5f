package mx.gob.imss.icsoe.keycloak.resetcred;

import java.util.Locale;
import java.util.function.Predicate;

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
        return of(userFound, enabled, registeredEmail, registered -> normalise(registered).equals(normalise(typedEmail)));
    }

    /** As above, with the typed email known only through {@code sameAsTyped} (its keyed hash, say). */
    static ResetMatch of(boolean userFound, boolean enabled, String registeredEmail, Predicate<String> sameAsTyped) {
        if (!userFound) {
            return USER_NOT_FOUND;
        }
        if (!enabled) {
            return USER_DISABLED;
        }
        if (registeredEmail == null || registeredEmail.isBlank()) {
            return USER_WITHOUT_EMAIL;
        }
        return sameAsTyped.test(registeredEmail) ? MATCH : EMAIL_MISMATCH;
    }

    /** The form two emails are compared in: trimmed, lower case. */
    static String normalise(String email) {
        return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
    }
}
