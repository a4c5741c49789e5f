package mx.gob.imss.icsoe.keycloak.policy;

import org.keycloak.models.KeycloakSession;
import org.keycloak.policy.PasswordPolicyProvider;

/** Policy {@value #PROVIDER_ID}: no space, tab, line break or any other Unicode blank. */
public final class IcsoeNoWhitespacePasswordPolicyProviderFactory extends IcsoePasswordPolicyProviderFactory {

    public static final String PROVIDER_ID = "icsoeNoWhitespace";

    @Override
    public PasswordPolicyProvider create(KeycloakSession session) {
        return new IcsoeNoWhitespacePasswordPolicyProvider(session.getContext());
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayName() {
        return "ICSOE: No Whitespace";
    }

    @Override
    public String getConfigType() {
        return null;
    }

    @Override
    public String getDefaultConfigValue() {
        return null;
    }
}
