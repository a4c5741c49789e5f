package mx.gob.imss.icsoe.keycloak.policy;

import org.keycloak.models.KeycloakContext;

/** {@link IcsoeNoSequencePasswordPolicyProviderFactory#PROVIDER_ID}: no N (default 4) consecutive ascending or descending digits or letters. */
final class IcsoeNoSequencePasswordPolicyProvider extends IcsoePasswordPolicyProvider {

    IcsoeNoSequencePasswordPolicyProvider(KeycloakContext context) {
        super(context);
    }

    @Override
    public Object parseConfig(String value) {
        return IcsoePasswordPolicyProviderFactory.parseRun(value, 3, PasswordRules.DEFAULT_SEQUENCE_RUN);
    }
}
