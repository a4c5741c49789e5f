package mx.gob.imss.icsoe.keycloak.testing;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.keycloak.admin.client.resource.ClientResource;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;

/**
 * The addresses of the realm's {@code icsoe-portal} client. The shipped realm file holds placeholders
 * on {@code icsoe.invalid} that a deployer replaces with ICSOE's own; every server the tests or the
 * demo start sets its own here, through the admin API, at start-up.
 *
 * @param rootUrl                the application's origin (or {@code ${authBaseUrl}})
 * @param baseUrl                where its sign-in starts: "Aceptar" and "Regresar a ICSOE" lead there
 * @param redirectUris           where Keycloak may send the authorization code
 * @param postLogoutRedirectUris where Keycloak may send the browser after a logout ({@code +}: the redirect URIs)
 */
public record PortalUrls(String rootUrl, String baseUrl, List<String> redirectUris, String postLogoutRedirectUris) {

    static final String POST_LOGOUT_ATTRIBUTE = "post.logout.redirect.uris";

    public PortalUrls {
        redirectUris = List.copyOf(redirectUris);
    }

    /**
     * The tests' stand-in, relative to the server under test: the redirect URI {@link PortalClient}
     * uses, on Keycloak's own account page (HtmlUnit loads it; nothing reads it).
     */
    public static PortalUrls ofTests(String realm) {
        return new PortalUrls("${authBaseUrl}", "/realms/" + realm + "/account/", List.of("/realms/" + realm + "/account/*"), "+");
    }

    /** An application at {@code origin}: sign-in starts at {@code startPath}, codes come back to {@code callbackPath}. */
    public static PortalUrls ofApplication(String origin, String startPath, String callbackPath) {
        return new PortalUrls(origin, startPath, List.of(origin + callbackPath), origin + "/*");
    }

    /** What the realm holds now. */
    public static PortalUrls of(RealmResource realm) {
        ClientRepresentation client = client(realm).toRepresentation();
        Map<String, String> attributes = client.getAttributes() == null ? Map.of() : client.getAttributes();
        return new PortalUrls(client.getRootUrl(), client.getBaseUrl(), client.getRedirectUris(), attributes.get(POST_LOGOUT_ATTRIBUTE));
    }

    /** Sets these addresses on {@code realm}'s portal client; returns the ones it had. */
    public PortalUrls applyTo(RealmResource realm) {
        PortalUrls before = of(realm);
        ClientResource resource = client(realm);
        ClientRepresentation client = resource.toRepresentation();
        client.setRootUrl(rootUrl);
        client.setBaseUrl(baseUrl);
        client.setRedirectUris(redirectUris);
        Map<String, String> attributes = new HashMap<>(client.getAttributes() == null ? Map.of() : client.getAttributes());
        attributes.put(POST_LOGOUT_ATTRIBUTE, postLogoutRedirectUris);
        client.setAttributes(attributes);
        resource.update(client);
        return before;
    }

    /**
     * Lets the login pages' form posts end on an application of another origin: browsers apply the
     * realm's CSP {@code form-action 'self'} to the redirect that follows a sign-in (README, "Security
     * considerations"). Adds {@code origin} once; the rest of the policy is kept.
     */
    public static void allowFormActionTo(RealmResource realm, String origin) {
        String host = URI.create(origin).resolve("/").toString().replaceAll("/$", "");
        RealmRepresentation current = realm.toRepresentation();
        Map<String, String> headers = new HashMap<>(current.getBrowserSecurityHeaders());
        String csp = headers.getOrDefault("contentSecurityPolicy", "");
        if (!csp.contains("form-action 'self'") || csp.contains("form-action 'self' " + host)) {
            return;
        }
        headers.put("contentSecurityPolicy", csp.replace("form-action 'self'", "form-action 'self' " + host));
        RealmRepresentation update = new RealmRepresentation();
        update.setBrowserSecurityHeaders(headers);
        realm.update(update);
    }

    private static ClientResource client(RealmResource realm) {
        String id = realm.clients().findByClientId(PortalClient.CLIENT_ID).stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("the realm has no " + PortalClient.CLIENT_ID + " client")).getId();
        return realm.clients().get(id);
    }
}
