package mx.gob.imss.icsoe.keycloak.resetcred;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** What the global registry counts while a test class runs, as Keycloak's {@code /metrics} would serve it. */
final class ServedMeters implements BeforeAllCallback, AfterAllCallback {

    private static final SimpleMeterRegistry SERVED = new SimpleMeterRegistry();

    @Override
    public void beforeAll(ExtensionContext context) {
        Metrics.addRegistry(SERVED);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Metrics.removeRegistry(SERVED);
    }

    /** The reset requests of {@code realm} counted with {@code outcome} so far. */
    static double resetRequests(String realm, String outcome) {
        var counter = SERVED.find("icsoe.reset.requests").tags("realm", realm, "outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }
}
