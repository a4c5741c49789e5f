package mx.gob.imss.icsoe.keycloak.policy;

import org.keycloak.models.KeycloakContext;

/** {@link IcsoeNoWhitespacePasswordPolicyProviderFactory#PROVIDER_ID}: no space, tab, line break or any other Unicode blank. */
final class IcsoeNoWhitespacePasswordPolicyProvider extends IcsoePasswordPolicyProvider {

    IcsoeNoWhitespacePasswordPolicyProvider(KeycloakContext context) {
        super(context);
    }

    @Override
    public Object parseConfig(String value) {
        return Boolean.TRUE;
    }
}
