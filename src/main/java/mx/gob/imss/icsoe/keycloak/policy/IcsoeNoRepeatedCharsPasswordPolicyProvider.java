package mx.gob.imss.icsoe.keycloak.policy;

import org.keycloak.models.KeycloakContext;

/** {@link IcsoeNoRepeatedCharsPasswordPolicyProviderFactory#PROVIDER_ID}: no N (default 3) identical characters in a row, case-insensitive. */
final class IcsoeNoRepeatedCharsPasswordPolicyProvider extends IcsoePasswordPolicyProvider {

    IcsoeNoRepeatedCharsPasswordPolicyProvider(KeycloakContext context) {
        super(context);
    }

    @Override
    public Object parseConfig(String value) {
        return IcsoePasswordPolicyProviderFactory.parseRun(value, 2, PasswordRules.DEFAULT_REPEAT_RUN);
    }
}
