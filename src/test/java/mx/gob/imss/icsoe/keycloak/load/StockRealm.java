package mx.gob.imss.icsoe.keycloak.load;

import java.util.List;
import java.util.Map;

import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;

/**
 * Stock Keycloak beside ICSOE, in the same server: a realm with Keycloak's own theme and its built-in
 * "reset credentials" flow (choose user, then the email sent inside the request), the same SMTP sink
 * and a portal client like ICSOE's.
 */
final class StockRealm {

    static final String NAME = "stock";
    static final String CLIENT_ID = "stock-portal";

    private StockRealm() {
    }

    /** Creates the realm once per server (a second call finds it); returns it. */
    static RealmResource ensure(Keycloak admin, RealmResource icsoe) {
        boolean exists = admin.realms().findAll().stream().anyMatch(realm -> NAME.equals(realm.getRealm()));
        if (!exists) {
            RealmRepresentation realm = new RealmRepresentation();
            realm.setRealm(NAME);
            realm.setEnabled(true);
            realm.setResetPasswordAllowed(true);
            realm.setSslRequired("external");
            realm.setSmtpServer(icsoe.toRepresentation().getSmtpServer());
            ClientRepresentation portal = new ClientRepresentation();
            portal.setClientId(CLIENT_ID);
            portal.setPublicClient(true);
            portal.setStandardFlowEnabled(true);
            portal.setRedirectUris(List.of("/realms/" + NAME + "/account/*"));
            portal.setAttributes(Map.of("pkce.code.challenge.method", "S256"));
            realm.setClients(List.of(portal));
            admin.realms().create(realm);
        }
        return admin.realm(NAME);
    }
}
