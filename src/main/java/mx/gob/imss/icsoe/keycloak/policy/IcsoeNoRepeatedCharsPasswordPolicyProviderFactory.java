package mx.gob.imss.icsoe.keycloak.policy;

import org.keycloak.models.KeycloakSession;
import org.keycloak.policy.PasswordPolicyProvider;

/** Policy {@value #PROVIDER_ID}: no N (default 3) identical characters in a row, case-insensitive. */
public final class IcsoeNoRepeatedCharsPasswordPolicyProviderFactory extends IcsoePasswordPolicyProviderFactory {

    public static final String PROVIDER_ID = "icsoeNoRepeatedChars";

    @Override
    public PasswordPolicyProvider create(KeycloakSession session) {
        return new IcsoeNoRepeatedCharsPasswordPolicyProvider(session.getContext());
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayName() {
        return "ICSOE: No Repeated Characters (run length)";
    }

    @Override
    public String getConfigType() {
        return PasswordPolicyProvider.INT_CONFIG_TYPE;
    }

    @Override
    public String getDefaultConfigValue() {
        return String.valueOf(PasswordRules.DEFAULT_REPEAT_RUN);
    }
}
