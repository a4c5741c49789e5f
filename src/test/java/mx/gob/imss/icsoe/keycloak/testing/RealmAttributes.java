package mx.gob.imss.icsoe.keycloak.testing;

import java.util.HashMap;
import java.util.Map;

import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.RealmRepresentation;

/** Reads and sets one realm attribute through the admin API, keeping the realm's other attributes. */
public final class RealmAttributes {

    private RealmAttributes() {
    }

    /** The attribute's value, {@code null} when the realm does not set it. */
    public static String get(RealmResource realm, String name) {
        Map<String, String> attributes = realm.toRepresentation().getAttributes();
        return attributes == null ? null : attributes.get(name);
    }

    public static void set(RealmResource realm, String name, String value) {
        Map<String, String> current = realm.toRepresentation().getAttributes();
        Map<String, String> attributes = new HashMap<>(current == null ? Map.of() : current);
        attributes.put(name, value);
        RealmRepresentation update = new RealmRepresentation();
        update.setAttributes(attributes);
        realm.update(update);
    }
}
