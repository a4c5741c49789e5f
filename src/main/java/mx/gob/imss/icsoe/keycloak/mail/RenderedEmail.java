package mx.gob.imss.icsoe.keycloak.mail;

import java.util.Map;

/**
 * An email as Keycloak's email theme renders it: the realm's SMTP settings, the recipient, the
 * subject and both bodies. Held in memory for one attempt only, never stored.
 */
public record RenderedEmail(Map<String, String> smtp, String address, String subject, String textBody, String htmlBody) {

    /** Never the address or the bodies (they carry the reset link). */
    @Override
    public String toString() {
        return "RenderedEmail[subject=" + subject + ']';
    }
}
