package mx.gob.imss.icsoe.keycloak.login;

import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.authenticators.browser.UsernamePasswordFormFactory;
import org.keycloak.models.KeycloakSession;

/**
 * Registers {@link IcsoeUsernamePasswordForm} as {@value #ID}, everything else as Keycloak's
 * {@code auth-username-password-form} (category {@code password}, so brute-force protection counts
 * its failures as it counts the stock form's). The realm's {@code icsoe browser forms} binds it.
 */
public class IcsoeUsernamePasswordFormFactory extends UsernamePasswordFormFactory {

    public static final String ID = "icsoe-username-password-form";

    /** One per session, as Keycloak's factory makes its form (for the passkey conditional UI it may carry). */
    @Override
    public Authenticator create(KeycloakSession session) {
        return new IcsoeUsernamePasswordForm(session);
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "ICSOE Username Password Form";
    }

    @Override
    public String getHelpText() {
        return "Keycloak's username and password form, with the same work for registered and unknown"
                + " usernames: an empty password is refused before the look-up, a locked user pays the dummy hash.";
    }
}
