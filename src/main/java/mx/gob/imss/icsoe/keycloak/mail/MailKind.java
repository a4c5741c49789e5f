package mx.gob.imss.icsoe.keycloak.mail;

import org.keycloak.models.KeycloakSession;

/**
 * What one kind of outbox row means: how it becomes an email, and what its end records. Every
 * method runs in a Keycloak session and transaction of the outbox's own, on a mail thread; the
 * row's deletion or update commits with what the method writes (events, payload changes).
 */
public interface MailKind {

    /** The row's {@code KIND}: short, stable, upper case (it is stored). */
    String id();

    /**
     * Reads {@code row} and decides this attempt: an email to send ({@link Preparation#send}), or
     * nothing ({@link Preparation#done}), when the row turned out to need no email (no match, user
     * gone); the kind has then recorded that outcome. May rewrite the payload for later attempts
     * ({@link OutboxEntry#setPayload}).
     */
    Preparation prepare(KeycloakSession session, OutboxEntry row);

    /** The relay accepted the email. */
    void sent(KeycloakSession session, OutboxEntry row);

    /** The email will never be sent: {@code why}, with a class-level {@code reason} (never the server's words). */
    void gaveUp(KeycloakSession session, OutboxEntry row, GiveUp why, String reason);

    enum GiveUp {
        /** Too late (past the row's {@code NOT_AFTER}) or out of attempts. */
        ABANDONED,
        /** The relay refused it for good ({@code 5xx}), or it cannot be built (a bad address). */
        PERMANENT_FAILURE
    }

    /** The outcome of {@link #prepare}: an email, or none. */
    record Preparation(RenderedEmail email) {

        public static Preparation send(RenderedEmail email) {
            return new Preparation(email);
        }

        public static Preparation done() {
            return new Preparation(null);
        }

        public boolean sends() {
            return email != null;
        }
    }
}
