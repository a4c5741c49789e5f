package mx.gob.imss.icsoe.keycloak.policy;

import org.keycloak.models.KeycloakSession;
import org.keycloak.policy.PasswordPolicyProvider;

/** Policy {@value #PROVIDER_ID}: no N (default 4) consecutive ascending or descending digits or letters. */
public final class IcsoeNoSequencePasswordPolicyProviderFactory extends IcsoePasswordPolicyProviderFactory {

    public static final String PROVIDER_ID = "icsoeNoSequence";

    @Override
    public PasswordPolicyProvider create(KeycloakSession session) {
        return new IcsoeNoSequencePasswordPolicyProvider(session.getContext());
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayName() {
        return "ICSOE: No Sequence (run length)";
    }

    @Override
    public String getConfigType() {
        return PasswordPolicyProvider.INT_CONFIG_TYPE;
    }

    @Override
    public String getDefaultConfigValue() {
        return String.valueOf(PasswordRules.DEFAULT_SEQUENCE_RUN);
    }
}
