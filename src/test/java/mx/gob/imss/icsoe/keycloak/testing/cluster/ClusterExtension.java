package mx.gob.imss.icsoe.keycloak.testing.cluster;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests an {@link IcsoeCluster}: started once per test run on first use (root store, closed by
 * JUnit after the last test; a shutdown hook covers an interrupt). A failed start is remembered, so
 * the remaining tests fail at once with the same cause.
 */
public final class ClusterExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ClusterExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == IcsoeCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Started started = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Started.class, key -> Started.attempt(), Started.class);
        if (started.failure() != null) {
            throw new ParameterResolutionException("The cluster did not start: " + started.failure().getMessage(),
                    started.failure());
        }
        return started.cluster();
    }

    /** The outcome of the one start attempt of this run. */
    record Started(IcsoeCluster cluster, RuntimeException failure) implements AutoCloseable {

        static Started attempt() {
            try {
                return new Started(IcsoeCluster.startFromSystemProperties(), null);
            } catch (RuntimeException e) {
                return new Started(null, e);
            }
        }

        @Override
        public void close() {
            if (cluster != null) {
                cluster.close();
            }
        }
    }
}
