package mx.gob.imss.icsoe.keycloak.mail;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * The wait before the next attempt after {@code attempts} failed ones: {@code base · 2^(attempts-1)},
 * at most {@code max}, then "equal jitter" (a random point in its upper half), so the rows a relay
 * outage failed together do not all come back in the same second.
 */
final class Backoff {

    private final Duration base;
    private final Duration max;
    private final DoubleSupplier random;

    Backoff(Duration base, Duration max, DoubleSupplier random) {
        this.base = base;
        this.max = max;
        this.random = random;
    }

    /** @param attempts failed attempts so far, at least 1 */
    long delayMillis(int attempts) {
        int doublings = Math.max(0, Math.min(attempts - 1, 30));
        long full = Math.min(max.toMillis(), base.toMillis() << doublings);
        double jitter = Math.min(1.0, Math.max(0.0, random.getAsDouble()));
        return full / 2 + (long) (full / 2.0 * jitter);
    }
}
