package mx.gob.imss.icsoe.keycloak.mail;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.jboss.logging.Logger;
import org.keycloak.executors.ExecutorsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

import mx.gob.imss.icsoe.keycloak.metrics.IcsoeMetrics;
import mx.gob.imss.icsoe.keycloak.metrics.IcsoeMetrics.Attempt;

/**
 * This node's sender of outbox rows. Rows come to it two ways: the request that wrote a row hands it
 * over once committed ({@link #kick}), so its email leaves at once; and every {@code poll} it claims
 * whatever is due (retries, rows of a node that died, rows a busy node left). Each row is one attempt
 * at a time, on Keycloak's executor {@value #EXECUTOR}, holding one of {@code max-connections} SMTP
 * connection permits and one turn of the per-minute pace. An attempt is three short sessions: prepare
 * and finish ({@link AttemptSteps}: what becomes of the row) around the send (no transaction open
 * against the database). Delivery is at least once: a node that dies between the relay's
 * {@code 250} and the delete leaves a row that is sent again, with the same Message-ID.
 */
final class OutboxWorker {

    private static final Logger LOG = Logger.getLogger(OutboxWorker.class);

    /** Keycloak-managed executor the attempts run on ({@code --spi-executors-default-icsoe-mail-min} sets its threads). */
    static final String EXECUTOR = "icsoe-mail";
    /**
     * A request's own row starts this long after its commit: once its answer is written, since the
     * attempt looks the user up and, on the request's heels, would slow that answer by what it found.
     */
    static final long KICK_DELAY_MILLIS = 50;

    private final KeycloakSessionFactory factory;
    private final OutboxSettings settings;
    private final String node;
    private final Semaphore connections;
    private final SendPace pace;
    private final AttemptSteps steps;
    private final SmtpTransport transport = new SmtpTransport();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean pumping = new AtomicBoolean();
    private final AtomicBoolean pumpAgain = new AtomicBoolean();
    private volatile Executor executor;

    OutboxWorker(KeycloakSessionFactory factory, OutboxSettings settings, Map<String, MailKind> kinds) {
        this.factory = factory;
        this.settings = settings;
        this.node = ManagementFactory.getRuntimeMXBean().getName() + '/' + UUID.randomUUID().toString().substring(0, 8);
        this.connections = new Semaphore(settings.maxConnections());
        this.pace = new SendPace(settings.perMinute(), System::nanoTime);
        this.steps = new AttemptSteps(node, kinds, settings,
                new Backoff(settings.retryBase(), settings.retryMax(), () -> ThreadLocalRandom.current().nextDouble()));
    }

    /** After the commit of the request that wrote row {@code id}: try it here, now, if a connection is free. */
    void kick(KeycloakSession session, String id) {
        inFlight.incrementAndGet();
        try {
            CompletableFuture.delayedExecutor(KICK_DELAY_MILLIS, TimeUnit.MILLISECONDS, executor(session)).execute(() -> {
                try {
                    if (takeTurn()) {
                        boolean claimed = claimed(id);
                        if (claimed) {
                            attempt(id);
                        } else {
                            giveTurnBack(1);
                        }
                    }
                } finally {
                    inFlight.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException e) {
            inFlight.decrementAndGet();
            LOG.debug("Outbox kick refused by the executor; the poll will take the row");
        }
    }

    /** From the timer: look for due rows on a mail thread. */
    void poll() {
        Executor mail = executor;
        if (mail == null) {
            try {
                mail = KeycloakModelUtils.runJobInTransactionWithResult(factory, this::executor);
            } catch (RuntimeException e) {
                LOG.warnf("Outbox poll skipped: %s", e.getClass().getName());
                return;
            }
        }
        try {
            mail.execute(this::pump);
        } catch (RejectedExecutionException e) {
            LOG.debug("Outbox poll refused by the executor");
        }
    }

    /** Claims due rows for every free connection, until none is due or none is free; one pump at a time. */
    private void pump() {
        pumpAgain.set(true);
        while (pumpAgain.get() && pumping.compareAndSet(false, true)) {
            try {
                pumpAgain.set(false);
                claimAndStart();
            } finally {
                pumping.set(false);
            }
        }
    }

    private void claimAndStart() {
        int turns = 0;
        while (turns < settings.maxConnections() && takeTurn()) {
            turns++;
        }
        if (turns == 0) {
            return;
        }
        long now = System.currentTimeMillis();
        int wanted = turns;
        List<String> ids;
        try {
            ids = inTransaction(s -> new OutboxStore(s).claimDue(now, wanted, node, now + settings.lease().toMillis()));
        } catch (RuntimeException e) {
            giveTurnBack(turns);
            LOG.warnf("Outbox rows could not be claimed (%s); next poll in %d s", MailFailureLogFilter.classChain(e), settings.poll().toSeconds());
            return;
        }
        giveTurnBack(turns - ids.size());
        for (String id : ids) {
            inFlight.incrementAndGet();
            try {
                executor.execute(() -> {
                    try {
                        attempt(id);
                    } finally {
                        inFlight.decrementAndGet();
                    }
                });
            } catch (RejectedExecutionException e) {
                inFlight.decrementAndGet();
                giveTurnBack(1);
                // the lease runs out and another poll takes it
            }
        }
    }

    private boolean claimed(String id) {
        long now = System.currentTimeMillis();
        try {
            return inTransaction(s -> new OutboxStore(s).claim(id, now, node, now + settings.lease().toMillis()));
        } catch (RuntimeException e) {
            LOG.debugf("Outbox row not claimed at once (%s); the poll will take it", MailFailureLogFilter.classChain(e));
            return false;
        }
    }

    /** One attempt at a row this node has leased; gives its turn back at the end and looks for more. */
    private void attempt(String id) {
        try {
            AttemptSteps.Prepared prepared = inTransaction(s -> steps.prepare(s, id));
            if (prepared == null) {
                pace.giveBack(1);
            } else {
                SendResult result = inTransaction(s -> transport.send(s, prepared.email(), prepared.messageId()));
                IcsoeMetrics.global().outboxReply(result.replyClass());
                Attempt counted = inTransaction(s -> steps.finish(s, id, result));
                if (counted != null) {
                    IcsoeMetrics.global().outboxAttempt(prepared.kind(), counted);
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("Outbox attempt failed before it ended (%s); the row is tried again", MailFailureLogFilter.classChain(e));
            postpone(id, e);
        } finally {
            connections.release();
        }
        pump();
    }

    private void postpone(String id, RuntimeException cause) {
        try {
            inTransaction(s -> {
                steps.postpone(s, id, cause);
                return null;
            });
        } catch (RuntimeException e) {
            LOG.debugf("Outbox row not postponed (%s); its lease will run out", e.getClass().getName());
        }
    }

    /** Rows this node has in hand: handed over by a request, or claimed, and not yet done. */
    int inFlight() {
        return inFlight.get();
    }

    private boolean takeTurn() {
        if (!connections.tryAcquire()) {
            return false;
        }
        if (!pace.tryTake()) {
            connections.release();
            return false;
        }
        return true;
    }

    private void giveTurnBack(int turns) {
        if (turns > 0) {
            connections.release(turns);
            pace.giveBack(turns);
        }
    }

    private Executor executor(KeycloakSession session) {
        Executor current = executor;
        if (current == null) {
            current = session.getProvider(ExecutorsProvider.class).getExecutor(EXECUTOR);
            executor = current;
        }
        return current;
    }

    private <T> T inTransaction(Function<KeycloakSession, T> work) {
        return KeycloakModelUtils.runJobInTransactionWithResult(factory, work::apply);
    }
}
