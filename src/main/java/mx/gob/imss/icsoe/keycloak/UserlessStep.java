package mx.gob.imss.icsoe.keycloak;

import java.util.Map;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * What this jar's two authenticators (the reset step and the e.firma step) share: they find the
 * user themselves, so they need none beforehand, set nothing up, hold nothing, and read their
 * execution's config map (absent when the execution has none).
 */
public interface UserlessStep extends Authenticator {

    /** The execution's config map, or {@code null} when it has no config. */
    static Map<String, String> configOf(AuthenticationFlowContext context) {
        return context.getAuthenticatorConfig() == null ? null : context.getAuthenticatorConfig().getConfig();
    }

    @Override
    default boolean requiresUser() {
        return false;
    }

    @Override
    default boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    default void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
        // nothing to set up
    }

    @Override
    default void close() {
        // stateless
    }
}
