package mx.gob.imss.icsoe.keycloak.mail;

import org.keycloak.models.KeycloakSession;

/**
 * A background mail job: {@link #run} does the work in a Keycloak session and transaction of its
 * own; the two other methods record, each in a fresh session, what went wrong instead.
 */
public interface MailJob {

    /** The work: reads models by id, sends, records its outcome as an event. */
    void run(KeycloakSession session);

    /** {@link #run} threw, or its transaction failed to commit (a database error, say). */
    void failed(KeycloakSession session, RuntimeException cause);

    /** The node's mail queue was full: the job never ran. Called on the request's thread. */
    void refused(KeycloakSession session);
}
