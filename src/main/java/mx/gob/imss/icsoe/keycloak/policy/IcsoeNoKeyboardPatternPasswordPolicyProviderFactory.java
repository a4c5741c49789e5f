package mx.gob.imss.icsoe.keycloak.policy;

import org.keycloak.models.KeycloakSession;
import org.keycloak.policy.PasswordPolicyProvider;

/** Policy {@value #PROVIDER_ID}: no N keys (default 4) in a straight line of a US or Latin-American keyboard or the keypad, either direction. */
public final class IcsoeNoKeyboardPatternPasswordPolicyProviderFactory extends IcsoePasswordPolicyProviderFactory {

    public static final String PROVIDER_ID = "icsoeNoKeyboardPattern";

    @Override
    public PasswordPolicyProvider create(KeycloakSession session) {
        return new IcsoeNoKeyboardPatternPasswordPolicyProvider(session.getContext());
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayName() {
        return "ICSOE: No Keyboard Pattern (run length)";
    }

    @Override
    public String getConfigType() {
        return PasswordPolicyProvider.INT_CONFIG_TYPE;
    }

    @Override
    public String getDefaultConfigValue() {
        return String.valueOf(PasswordRules.DEFAULT_KEYBOARD_RUN);
    }
}
