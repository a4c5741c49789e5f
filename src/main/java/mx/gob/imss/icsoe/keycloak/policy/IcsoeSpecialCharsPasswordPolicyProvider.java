package mx.gob.imss.icsoe.keycloak.policy;

import org.keycloak.models.KeycloakContext;

/** {@link IcsoeSpecialCharsPasswordPolicyProviderFactory#PROVIDER_ID}: at least one character from a configurable set (default the guide's \{@code - * ? ! @ # $ / ( ) = . , : ;\}). */
final class IcsoeSpecialCharsPasswordPolicyProvider extends IcsoePasswordPolicyProvider {

    IcsoeSpecialCharsPasswordPolicyProvider(KeycloakContext context) {
        super(context);
    }

    @Override
    public Object parseConfig(String value) {
        return IcsoeSpecialCharsPasswordPolicyProviderFactory.parseSet(value);
    }
}
