package mx.gob.imss.icsoe.keycloak.mail;

import java.util.Map;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;

import mx.gob.imss.icsoe.keycloak.mail.MailKind.GiveUp;
import mx.gob.imss.icsoe.keycloak.metrics.IcsoeMetrics;
import mx.gob.imss.icsoe.keycloak.metrics.IcsoeMetrics.Attempt;

/**
 * What one attempt does to the row this node leased, each step in the session the worker opens for
 * it: {@link #prepare} (lease still ours? too late? what to send?), {@link #finish} (delete, or
 * reschedule with backoff, or give up) and {@link #postpone} (the attempt broke). The worker decides
 * when and on which thread; this class decides what becomes of the row.
 */
final class AttemptSteps {

    /** The worker's category: operators filter the outbox's lines by it (docs/operations.md). */
    private static final Logger LOG = Logger.getLogger(OutboxWorker.class);

    private final String node;
    private final Map<String, MailKind> kinds;
    private final OutboxSettings settings;
    private final Backoff backoff;

    AttemptSteps(String node, Map<String, MailKind> kinds, OutboxSettings settings, Backoff backoff) {
        this.node = node;
        this.kinds = kinds;
        this.settings = settings;
        this.backoff = backoff;
    }

    /** What the send needs, taken from the row in the first session. */
    record Prepared(String kind, String messageId, RenderedEmail email) {
    }

    /** The attempt's first session; {@code null} when nothing is to be sent (rows needing no email end here). */
    Prepared prepare(KeycloakSession session, String id) {
        long now = System.currentTimeMillis();
        OutboxStore store = new OutboxStore(session);
        OutboxEntry row = store.leased(id, node, now);
        if (row == null) {
            return null;
        }
        MailKind kind = kinds.get(row.getKind());
        if (now > row.getNotAfter()) {
            if (kind == null) {
                LOG.warnf("Outbox row of kind %s expired with no handler on this node; deleted", row.getKind());
            } else {
                kind.gaveUp(session, row, GiveUp.ABANDONED, "expired");
            }
            store.delete(row);
            String kindId = row.getKind();
            Outbox.afterCommit(session, () -> IcsoeMetrics.global().outboxAttempt(kindId, Attempt.ABANDONED));
            return null;
        }
        if (kind == null) {
            // an older jar on this node, say: the lease keeps it off this node's polls until it passes
            LOG.warnf("Outbox row of kind %s has no handler on this node; left for another", row.getKind());
            return null;
        }
        MailKind.Preparation preparation = kind.prepare(session, row);
        if (!preparation.sends()) {
            store.delete(row);
            return null;
        }
        return new Prepared(row.getKind(), row.getMessageId(), preparation.email());
    }

    /** The attempt's last session: the row is done, or waits for its next attempt, or is given up. */
    Attempt finish(KeycloakSession session, String id, SendResult result) {
        long now = System.currentTimeMillis();
        OutboxStore store = new OutboxStore(session);
        OutboxEntry row = store.leased(id, node, now);
        if (row == null) {
            // the lease ran out during the send and another node has the row: it decides
            LOG.warnf("Outbox row's lease ran out during its send (%s); lease-seconds is too short", result.replyClass());
            return null;
        }
        MailKind kind = kinds.get(row.getKind());
        switch (result.outcome()) {
            case SENT -> {
                kind.sent(session, row);
                store.delete(row);
                return Attempt.SENT;
            }
            case PERMANENT -> {
                kind.gaveUp(session, row, GiveUp.PERMANENT_FAILURE, result.detail());
                store.delete(row);
                return Attempt.PERMANENT_FAILURE;
            }
            default -> {
                return retryOrAbandon(session, store, row, kind, result.detail(), now);
            }
        }
    }

    private Attempt retryOrAbandon(KeycloakSession session, OutboxStore store, OutboxEntry row, MailKind kind, String detail,
                                   long now) {
        int attempts = row.getAttempts() + 1;
        long lastChance = row.getNotAfter() - settings.poll().toMillis();
        if (attempts >= settings.maxAttempts() || now >= lastChance) {
            kind.gaveUp(session, row, GiveUp.ABANDONED, detail);
            store.delete(row);
            return Attempt.ABANDONED;
        }
        release(row, attempts, Math.min(now + backoff.delayMillis(attempts), lastChance), detail);
        return Attempt.RETRY;
    }

    /** An attempt that broke (database, rendering): the row waits its backoff instead of the whole lease. */
    void postpone(KeycloakSession session, String id, RuntimeException cause) {
        long now = System.currentTimeMillis();
        OutboxEntry row = new OutboxStore(session).leased(id, node, now);
        if (row != null) {
            int attempts = row.getAttempts() + 1;
            release(row, attempts, now + backoff.delayMillis(attempts), "error " + cause.getClass().getSimpleName());
        }
    }

    /** Gives the lease up: the row waits until {@code dueAt} for its next attempt, on any node. */
    private static void release(OutboxEntry row, int attempts, long dueAt, String lastResult) {
        row.setAttempts(attempts);
        row.setDueAt(dueAt);
        row.setLeaseUntil(0);
        row.setLeaseOwner(null);
        row.setLastResult(lastResult);
    }
}
