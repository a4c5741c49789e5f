package mx.gob.imss.icsoe.keycloak.policy;

import org.keycloak.models.KeycloakContext;

/** {@link IcsoeNoKeyboardPatternPasswordPolicyProviderFactory#PROVIDER_ID}: no N keys (default 4) in a straight line of a US or Latin-American keyboard or the keypad, either direction. */
final class IcsoeNoKeyboardPatternPasswordPolicyProvider extends IcsoePasswordPolicyProvider {

    IcsoeNoKeyboardPatternPasswordPolicyProvider(KeycloakContext context) {
        super(context);
    }

    @Override
    public Object parseConfig(String value) {
        return IcsoePasswordPolicyProviderFactory.parseRun(value, 3, PasswordRules.DEFAULT_KEYBOARD_RUN);
    }
}
