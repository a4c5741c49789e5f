package mx.gob.imss.icsoe.keycloak.policy;

import org.keycloak.models.KeycloakSession;
import org.keycloak.policy.PasswordPolicyConfigException;
import org.keycloak.policy.PasswordPolicyProvider;

/** Policy {@value #PROVIDER_ID}: at least one character from a configurable set (default the guide's {@code - * ? ! @ # $ / ( ) = . , : ;}). */
public final class IcsoeSpecialCharsPasswordPolicyProviderFactory extends IcsoePasswordPolicyProviderFactory {

    public static final String PROVIDER_ID = "icsoeSpecialChars";

    /** Blank means the ICSOE set; otherwise the characters given (blanks ignored). */
    static SpecialCharSet parseSet(String value) {
        if (value == null || value.isBlank()) {
            return SpecialCharSet.parse(SpecialCharSet.ICSOE_DEFAULT);
        }
        try {
            return SpecialCharSet.parse(value);
        } catch (IllegalArgumentException e) {
            throw new PasswordPolicyConfigException("give the special characters, e.g. " + SpecialCharSet.ICSOE_DEFAULT);
        }
    }

    @Override
    public PasswordPolicyProvider create(KeycloakSession session) {
        return new IcsoeSpecialCharsPasswordPolicyProvider(session.getContext());
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayName() {
        return "ICSOE: Special Character From Set";
    }

    @Override
    public String getConfigType() {
        return PasswordPolicyProvider.STRING_CONFIG_TYPE;
    }

    @Override
    public String getDefaultConfigValue() {
        return SpecialCharSet.ICSOE_DEFAULT;
    }
}
