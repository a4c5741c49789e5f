package mx.gob.imss.icsoe.keycloak.passwordupdated;

import java.time.Instant;

/**
 * One committed password change, as the listener saw it and the mail job renders it.
 * {@code viaEfirma}: the person proved herself with her e.firma, not through her mailbox; the email says so.
 */
record Change(String realmId, String userId, Instant when, boolean viaEfirma) {

    Change(String realmId, String userId, Instant when) {
        this(realmId, userId, when, false);
    }
}
