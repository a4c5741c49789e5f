package mx.gob.imss.icsoe.keycloak.resetcred;

import java.time.Duration;

import org.keycloak.models.SingleUseObjectProvider;

/**
 * "At most {@code limit} per {@code window}" without a counter: {@code limit} slot keys, each taken
 * with Keycloak's cluster-wide {@code SingleUseObjectProvider.putIfAbsent}
 * (atomic across Infinispan nodes), each entry living for the window. A request is allowed when it takes a
 * free slot; a slot frees itself when its entry expires, so the window slides per slot. No read-modify-write,
 * hence no race between cluster nodes, and nothing in JVM memory.
 */
public final class SlotThrottle {

    private final SingleUseObjectProvider store;

    public SlotThrottle(SingleUseObjectProvider store) {
        this.store = store;
    }

    /** Takes a slot for {@code subjectKey} (already hashed); {@code false} when all are taken. */
    public boolean tryAcquire(String subjectKey, int limit, Duration window) {
        long lifespan = Math.max(1, window.toSeconds());
        for (int slot = 0; slot < limit; slot++) {
            if (store.putIfAbsent(slotKey(subjectKey, slot), lifespan)) {
                return true;
            }
        }
        return false;
    }

    static String slotKey(String subjectKey, int slot) {
        return subjectKey + ':' + slot;
    }
}
