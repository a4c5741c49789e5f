package mx.gob.imss.icsoe.keycloak.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;

/**
 * The outbox table through the session's entity manager, inside the session's transaction. Claims
 * lock the rows they take ({@code SELECT … FOR UPDATE SKIP LOCKED} where the database has it), so two
 * nodes never claim one row, and set a lease, so a row whose node died comes back once it has passed.
 */
final class OutboxStore {

    /** JPA's lock-timeout hint; Hibernate reads -2 as "skip locked rows". */
    static final String LOCK_TIMEOUT = "jakarta.persistence.lock.timeout";
    static final int SKIP_LOCKED = -2;

    /** Rows per kind, and the creation time (epoch millis) of each kind's oldest row. */
    record Stats(Map<String, Long> pendingByKind, Map<String, Long> oldestCreatedAtByKind) {
    }

    private final EntityManager em;

    OutboxStore(KeycloakSession session) {
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    void add(OutboxEntry row) {
        em.persist(row);
    }

    /** Leases up to {@code limit} rows that are due and free to {@code node}; their ids, oldest due first. */
    List<String> claimDue(long now, int limit, String node, long leaseUntil) {
        List<OutboxEntry> rows = em.createQuery("select e from OutboxEntry e where e.dueAt <= :now and e.leaseUntil < :now"
                        + " order by e.dueAt", OutboxEntry.class)
                .setParameter("now", now)
                .setMaxResults(limit)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .setHint(LOCK_TIMEOUT, SKIP_LOCKED)
                .getResultList();
        List<String> ids = new ArrayList<>(rows.size());
        for (OutboxEntry row : rows) {
            lease(row, node, leaseUntil);
            ids.add(row.getId());
        }
        return ids;
    }

    /** Leases row {@code id} to {@code node} if it is still there, due and free (the node that took the request). */
    boolean claim(String id, long now, String node, long leaseUntil) {
        OutboxEntry row = em.find(OutboxEntry.class, id, LockModeType.PESSIMISTIC_WRITE, Map.of(LOCK_TIMEOUT, SKIP_LOCKED));
        if (row == null || row.getDueAt() > now || row.getLeaseUntil() >= now) {
            return false;
        }
        lease(row, node, leaseUntil);
        return true;
    }

    /** Row {@code id} if {@code node} still holds its lease at {@code now}; {@code null} otherwise. */
    OutboxEntry leased(String id, String node, long now) {
        OutboxEntry row = em.find(OutboxEntry.class, id);
        return row != null && node.equals(row.getLeaseOwner()) && row.getLeaseUntil() >= now ? row : null;
    }

    void delete(OutboxEntry row) {
        em.remove(row);
    }

    Stats stats() {
        Map<String, Long> byKind = new java.util.HashMap<>();
        Map<String, Long> oldest = new java.util.HashMap<>();
        for (Object[] line : em.createQuery("select e.kind, count(e), min(e.createdAt) from OutboxEntry e group by e.kind",
                Object[].class).getResultList()) {
            byKind.put((String) line[0], ((Number) line[1]).longValue());
            oldest.put((String) line[0], ((Number) line[2]).longValue());
        }
        return new Stats(byKind, oldest);
    }

    private static void lease(OutboxEntry row, String node, long leaseUntil) {
        row.setLeaseOwner(node);
        row.setLeaseUntil(leaseUntil);
    }
}
