package mx.gob.imss.icsoe.keycloak.policy;

import java.util.Map;

import mx.gob.imss.icsoe.keycloak.ExtensionVersion;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.policy.PasswordPolicyConfigException;
import org.keycloak.policy.PasswordPolicyProviderFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

/** What the five ICSOE policy factories share: no server config, one per realm, version info. */
abstract class IcsoePasswordPolicyProviderFactory implements PasswordPolicyProviderFactory,
        ServerInfoAwareProviderFactory {

    /** Longest configurable run: beyond this a "run" rule means nothing. */
    static final int MAX_RUN = 64;

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public boolean isMultiplSupported() {
        return false;
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return Map.of("version", ExtensionVersion.get(), "rule", getDisplayName());
    }

    /**
     * Parses a run length written in the admin console: blank means the default; anything that is
     * not a whole number from {@code min} to {@link #MAX_RUN} is refused with a message naming the
     * policy (Keycloak prefixes "Invalid config for <id>: "), so the admin sees what to fix.
     */
    static int parseRun(String value, int min, int defaultValue) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        int run;
        try {
            run = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new PasswordPolicyConfigException("must be a whole number from " + min + " to " + MAX_RUN);
        }
        if (run < min || run > MAX_RUN) {
            throw new PasswordPolicyConfigException("must be a whole number from " + min + " to " + MAX_RUN + ", not " + run);
        }
        return run;
    }
}
