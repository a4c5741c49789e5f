package mx.gob.imss.icsoe.keycloak.testing;

import java.util.HashMap;
import java.util.Map;

import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.RealmRepresentation;

/** Points a realm's SMTP settings at a host and port, keeping everything else (from, display name). */
public final class RealmMail {

    private RealmMail() {
    }

    public static void pointAt(RealmResource realm, String host, int port) {
        RealmRepresentation current = realm.toRepresentation();
        Map<String, String> smtp = new HashMap<>(current.getSmtpServer() == null ? Map.of() : current.getSmtpServer());
        smtp.put("host", host);
        smtp.put("port", Integer.toString(port));
        RealmRepresentation update = new RealmRepresentation();
        update.setSmtpServer(smtp);
        realm.update(update);
    }
}
