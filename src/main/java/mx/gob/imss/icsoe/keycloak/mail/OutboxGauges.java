package mx.gob.imss.icsoe.keycloak.mail;

import java.util.Map;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * The outbox's cluster-wide gauges, read from the table at the scrape: rows waiting or being sent,
 * and the age of the oldest, by kind. One reading serves every gauge of one scrape, and no later one.
 */
final class OutboxGauges {

    private static final Logger LOG = Logger.getLogger(OutboxGauges.class);

    private static final long STATS_TTL_MILLIS = 100;

    private final KeycloakSessionFactory factory;
    private volatile OutboxStore.Stats stats = new OutboxStore.Stats(Map.of(), Map.of());
    private volatile long statsReadAt;

    OutboxGauges(KeycloakSessionFactory factory) {
        this.factory = factory;
    }

    /** Rows waiting or being sent, cluster-wide, by kind. */
    long pending(String kind) {
        return freshStats().pendingByKind().getOrDefault(kind, 0L);
    }

    /** Seconds since the oldest row of {@code kind} was written; 0 when there is none. */
    double oldestAgeSeconds(String kind) {
        Long oldest = freshStats().oldestCreatedAtByKind().get(kind);
        return oldest == null ? 0 : Math.max(0, System.currentTimeMillis() - oldest) / 1000.0;
    }

    private OutboxStore.Stats freshStats() {
        long now = System.currentTimeMillis();
        if (now - statsReadAt > STATS_TTL_MILLIS) {
            try {
                stats = KeycloakModelUtils.runJobInTransactionWithResult(factory, s -> new OutboxStore(s).stats());
                statsReadAt = now;
            } catch (RuntimeException e) {
                LOG.debugf("Outbox gauges not read (%s)", e.getClass().getName());
            }
        }
        return stats;
    }
}
