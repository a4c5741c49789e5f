package mx.gob.imss.icsoe.keycloak.testing;

import java.util.Map;

import jakarta.ws.rs.core.Response;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;

/**
 * A confidential client with direct grants, created through the admin API for one test and removed
 * on close: the way a test gets an offline session (the realm file has no such client).
 */
public final class DirectGrantClient implements AutoCloseable {

    private final RealmResource realm;
    private final String clientId;
    private final String secret;
    private final String uuid;

    private DirectGrantClient(RealmResource realm, String clientId, String secret, String uuid) {
        this.realm = realm;
        this.clientId = clientId;
        this.secret = secret;
        this.uuid = uuid;
    }

    public static DirectGrantClient create(RealmResource realm) {
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId("icsoe-it-direct-" + Long.toHexString(System.nanoTime()));
        client.setSecret("it-" + Long.toHexString(System.nanoTime()));
        client.setPublicClient(false);
        client.setDirectAccessGrantsEnabled(true);
        client.setStandardFlowEnabled(false);
        try (Response created = realm.clients().create(client)) {
            if (created.getStatus() != 201) {
                throw new IllegalStateException("Creating a test client failed: HTTP " + created.getStatus());
            }
            return new DirectGrantClient(realm, client.getClientId(), client.getSecret(), CreatedResponseUtil.getCreatedId(created));
        }
    }

    /** The client's internal id, e.g. for {@code getOfflineSessions}. */
    public String uuid() {
        return uuid;
    }

    /** A password grant with {@code offline_access} through {@code portal}'s token endpoint; status in "http_status". */
    public Map<String, Object> offlineLogin(PortalClient portal, Capturista capturista) {
        return login(portal, capturista, "openid offline_access");
    }

    /** A password grant without {@code offline_access}: an ordinary (online) session; status in "http_status". */
    public Map<String, Object> onlineLogin(PortalClient portal, Capturista capturista) {
        return login(portal, capturista, "openid");
    }

    private Map<String, Object> login(PortalClient portal, Capturista capturista, String scope) {
        return portal.token(Map.of("grant_type", "password", "client_id", clientId, "client_secret", secret,
                "username", capturista.username(), "password", capturista.password(), "scope", scope));
    }

    /** The token request that refreshes {@code refreshToken} for this client. */
    public Map<String, String> refreshRequest(String refreshToken) {
        return Map.of("grant_type", "refresh_token", "client_id", clientId, "client_secret", secret,
                "refresh_token", refreshToken);
    }

    @Override
    public void close() {
        realm.clients().get(uuid).remove();
    }
}
