package mx.gob.imss.icsoe.keycloak;

import java.util.Map;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

/**
 * What this jar's factories share, written once: they show the jar's version in the admin console's
 * server info, and hold nothing that {@link #close} must let go of (what they start, such as a timer
 * task or a CRL fetch, ends with Keycloak's own timer and executors). A factory that reports more
 * overrides {@link #getOperationalInfo}.
 */
public interface IcsoeProviderFactory<T extends Provider> extends ProviderFactory<T>, ServerInfoAwareProviderFactory {

    @Override
    default Map<String, String> getOperationalInfo() {
        return ExtensionVersion.operationalInfo();
    }

    @Override
    default void close() {
        // nothing held
    }
}
