package mx.gob.imss.icsoe.keycloak.resetcred;

/**
 * The atomic operation the throttle needs from a cluster-wide store. In Keycloak this is
 * {@code SingleUseObjectProvider} (Infinispan {@code putIfAbsent} is atomic across nodes); tests use a map.
 */
@FunctionalInterface
interface SlotStore {

    /** Stores {@code key} for {@code lifespanSeconds} unless present; {@code true} when this call stored it. */
    boolean putIfAbsent(String key, long lifespanSeconds);
}
