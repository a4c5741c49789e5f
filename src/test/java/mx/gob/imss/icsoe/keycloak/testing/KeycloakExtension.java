package mx.gob.imss.icsoe.keycloak.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests an {@link IcsoeKeycloak}: one real Keycloak per test run, shared by every IT class (it
 * lives in the root store, which JUnit closes after the last test, and a JVM shutdown hook stops the
 * process on an interrupt). A failed start is remembered, so the remaining tests fail at once with
 * the same cause instead of starting Keycloak again.
 */
public final class KeycloakExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KeycloakExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == IcsoeKeycloak.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return keycloak(context);
    }

    /** The run's Keycloak, started on first use; for other extensions that need it in their callbacks. */
    public static IcsoeKeycloak keycloak(ExtensionContext context) {
        Started started = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Started.class, key -> Started.attempt(), Started.class);
        if (started.failure() != null) {
            throw new ParameterResolutionException("Keycloak did not start: " + started.failure().getMessage(),
                    started.failure());
        }
        return started.keycloak();
    }

    /** The outcome of the one start attempt of this run. */
    record Started(IcsoeKeycloak keycloak, RuntimeException failure) implements AutoCloseable {

        static Started attempt() {
            try {
                return new Started(IcsoeKeycloak.startFromSystemProperties(), null);
            } catch (RuntimeException e) {
                System.err.println("[icsoe-it] Keycloak did not start: " + e.getMessage());
                return new Started(null, e);
            }
        }

        @Override
        public void close() {
            if (keycloak != null) {
                keycloak.close();
            }
        }
    }
}
