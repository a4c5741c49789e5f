package mx.gob.imss.icsoe.keycloak.resetcred;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.AuthenticationExecutionInfoRepresentation;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.RealmEventsConfigRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;

import mx.gob.imss.icsoe.keycloak.testing.Browsers;

/** Shared helpers of the reset ITs: client addresses, page normalisation, realm settings, events. */
public final class ResetItSupport {

    static final String FLOW = "icsoe reset credentials";
    static final String LIFESPAN_ATTRIBUTE = "actionTokenGeneratedByUserLifespan.reset-credentials";
    private static final Pattern PER_REQUEST = Pattern.compile(
            "(session_code|execution|tab_id|client_data|code|state|nonce|kc_locale|auth_session_id)=[^&\"'\\s<]*");

    private ResetItSupport() {
    }

    static WebClient browser() {
        return Browsers.htmlUnitFromOwnAddress();
    }

    /** The page's HTML with per-request values (codes, tab ids, ...) blanked, for byte comparison. */
    static String normalised(HtmlPage page) {
        return PER_REQUEST.matcher(page.getWebResponse().getContentAsString()).replaceAll("$1=X");
    }

    // --- realm settings, always restored by the caller ---

    static String resetLifespan(RealmResource realm) {
        Map<String, String> attributes = realm.toRepresentation().getAttributes();
        return attributes == null ? null : attributes.get(LIFESPAN_ATTRIBUTE);
    }

    static void setResetLifespan(RealmResource realm, String seconds) {
        RealmRepresentation current = realm.toRepresentation();
        Map<String, String> attributes = new HashMap<>(current.getAttributes() == null ? Map.of() : current.getAttributes());
        attributes.put(LIFESPAN_ATTRIBUTE, seconds);
        RealmRepresentation update = new RealmRepresentation();
        update.setAttributes(attributes);
        realm.update(update);
    }

    /** The reset step's AuthenticatorConfig in the realm's flow. */
    public static AuthenticatorConfigRepresentation throttleConfig(RealmResource realm) {
        AuthenticationExecutionInfoRepresentation step = realm.flows().getExecutions(FLOW).stream()
                .filter(e -> IcsoeResetCredentialsAuthenticatorFactory.PROVIDER_ID.equals(e.getProviderId()))
                .findFirst().orElseThrow(() -> new AssertionError("reset step not in flow " + FLOW));
        return realm.flows().getAuthenticatorConfig(step.getAuthenticationConfig());
    }

    public static void updateThrottleConfig(RealmResource realm, AuthenticatorConfigRepresentation config) {
        realm.flows().updateAuthenticatorConfig(config.getId(), config);
    }

    /**
     * Turns on storing of login events for the tests that read them through the admin API (the realm
     * file leaves storage off: events go to the log listener); returns the previous setting.
     */
    static boolean storeEvents(RealmResource realm, boolean enabled) {
        RealmEventsConfigRepresentation config = realm.getRealmEventsConfig();
        boolean before = Boolean.TRUE.equals(config.isEventsEnabled());
        config.setEventsEnabled(enabled);
        realm.updateRealmEventsConfig(config);
        return before;
    }

    static List<EventRepresentation> events(RealmResource realm, String type, String userId) {
        return realm.getEvents(List.of(type), null, userId, null, null, null, 0, 50);
    }
}
