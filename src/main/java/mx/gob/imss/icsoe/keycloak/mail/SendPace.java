package mx.gob.imss.icsoe.keycloak.mail;

import java.util.function.LongSupplier;

/**
 * "At most {@code perMinute} messages a minute" from this node, as a relay's sending limit asks: a
 * token bucket holding five seconds' worth, refilled continuously. A local resource limit of this
 * JVM, like the connection limit, not state another node needs. {@code perMinute = 0}: no limit.
 */
final class SendPace {

    private final int perMinute;
    private final double capacity;
    private final LongSupplier nanoTime;
    private double tokens;
    private long refilledAt;

    SendPace(int perMinute, LongSupplier nanoTime) {
        this.perMinute = perMinute;
        this.capacity = Math.max(1.0, Math.ceil(perMinute / 12.0));
        this.nanoTime = nanoTime;
        this.tokens = capacity;
        this.refilledAt = nanoTime.getAsLong();
    }

    /** Takes one message's turn now; {@code false} when this minute's share is spent. */
    synchronized boolean tryTake() {
        if (perMinute == 0) {
            return true;
        }
        long now = nanoTime.getAsLong();
        tokens = Math.min(capacity, tokens + (now - refilledAt) * perMinute / 60e9);
        refilledAt = now;
        if (tokens >= 1.0) {
            tokens -= 1.0;
            return true;
        }
        return false;
    }

    /** Gives back turns taken for messages that were not sent after all (no row was due). */
    synchronized void giveBack(int turns) {
        if (perMinute != 0) {
            tokens = Math.min(capacity, tokens + turns);
        }
    }
}
