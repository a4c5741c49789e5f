package mx.gob.imss.icsoe.keycloak.policy;

import java.util.Map;

import mx.gob.imss.icsoe.keycloak.ExtensionVersion;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.policy.PasswordPolicyProvider;
import org.keycloak.policy.PasswordPolicyProviderFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

/**
 * Registers one {@link IcsoeRule} as a Keycloak password policy. ServiceLoader needs one class per
 * registration, hence the six one-line subclasses below, listed in {@code META-INF/services}.
 */
public abstract class IcsoePasswordPolicyProviderFactory implements PasswordPolicyProviderFactory,
        ServerInfoAwareProviderFactory {

    public static final class SpecialChars extends IcsoePasswordPolicyProviderFactory {
        public SpecialChars() { super(IcsoeRule.SPECIAL_CHARS); }
    }

    public static final class NoWhitespace extends IcsoePasswordPolicyProviderFactory {
        public NoWhitespace() { super(IcsoeRule.NO_WHITESPACE); }
    }

    public static final class NoKeyboardPattern extends IcsoePasswordPolicyProviderFactory {
        public NoKeyboardPattern() { super(IcsoeRule.NO_KEYBOARD_PATTERN); }
    }

    public static final class NoSequence extends IcsoePasswordPolicyProviderFactory {
        public NoSequence() { super(IcsoeRule.NO_SEQUENCE); }
    }

    public static final class NoRepeatedChars extends IcsoePasswordPolicyProviderFactory {
        public NoRepeatedChars() { super(IcsoeRule.NO_REPEATED_CHARS); }
    }

    public static final class NotCommon extends IcsoePasswordPolicyProviderFactory {
        public NotCommon() { super(IcsoeRule.NOT_COMMON); }
    }

    private final IcsoeRule rule;

    IcsoePasswordPolicyProviderFactory(IcsoeRule rule) {
        this.rule = rule;
    }

    @Override
    public PasswordPolicyProvider create(KeycloakSession session) {
        return new IcsoePasswordPolicyProvider(rule, session.getContext());
    }

    @Override
    public String getId() {
        return rule.id;
    }

    @Override
    public String getDisplayName() {
        return rule.label;
    }

    @Override
    public String getConfigType() {
        return rule.configType;
    }

    @Override
    public String getDefaultConfigValue() {
        return rule.defaultConfig;
    }

    @Override
    public boolean isMultiplSupported() {
        return false;
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return Map.of("version", ExtensionVersion.get(), "rule", rule.label);
    }

    @Override
    public void init(Config.Scope config) { }

    @Override
    public void postInit(KeycloakSessionFactory factory) { }

    @Override
    public void close() { }
}
