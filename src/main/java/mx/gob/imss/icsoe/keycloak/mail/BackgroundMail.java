package mx.gob.imss.icsoe.keycloak.mail;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;
import org.keycloak.executors.ExecutorsProvider;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.KeycloakSessionTask;
import org.keycloak.models.utils.KeycloakModelUtils;

import mx.gob.imss.icsoe.keycloak.metrics.IcsoeMetrics;

/**
 * The one way this jar sends mail: after the request's transaction has committed, a {@link MailJob}
 * runs on Keycloak's executor {@value #EXECUTOR}, in a session and transaction of its own, so no HTTP
 * answer ever waits for SMTP. A request that rolls back queues nothing. A job starts
 * {@link #START_DELAY_MILLIS} ms after the commit, once its own request's answer is written: the
 * commit comes before the answer goes out, and a job that looked a user up at the same moment would
 * slow that answer down by what it found, telling a registered CURP from an unknown one. At most
 * {@link #capacity()} jobs wait or run per node (system property {@value #CAPACITY_PROPERTY},
 * default {@value #DEFAULT_CAPACITY}); a job past that is refused and records so. A request that must
 * not confirm an email it cannot queue takes its place before it answers ({@link #afterCommitIfRoom}).
 * Their number is the gauge {@value IcsoeMetrics#MAIL_QUEUE_DEPTH} ({@link #publishDepth}).
 */
public final class BackgroundMail {

    private static final Logger LOG = Logger.getLogger(BackgroundMail.class);

    /** Name of the Keycloak-managed executor the jobs run on ({@code spi-executors} settings apply). */
    public static final String EXECUTOR = "icsoe-mail";
    public static final String CAPACITY_PROPERTY = "icsoe.mail.queue-capacity";
    static final int DEFAULT_CAPACITY = 1000;
    /** Long past the writing of a confirmation page (under a millisecond), short for a person. */
    static final long START_DELAY_MILLIS = 50;

    private static final MailQueue QUEUE = new MailQueue(Integer.getInteger(CAPACITY_PROPERTY, DEFAULT_CAPACITY));

    private BackgroundMail() {
    }

    /**
     * Takes a place in the queue now and runs {@code job} in it once {@code session}'s transaction
     * commits; a rollback gives the place back. {@code false}, with nothing queued, when the queue is
     * full: the caller can still tell its person to try later, instead of confirming an email that
     * would never be sent.
     */
    public static boolean afterCommitIfRoom(KeycloakSession session, MailJob job) {
        if (!QUEUE.reserve()) {
            return false;
        }
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                start(session, job);
            }

            @Override
            protected void rollbackImpl() {
                QUEUE.release();
                LOG.debug("Mail job dropped: the request rolled back");
            }
        });
        return true;
    }

    /**
     * Queues {@code job} now: for callers that already run after the request's commit (an
     * after-completion hook). A full queue records the refusal before this returns.
     *
     * @return whether the job was accepted; {@code false} after {@link MailJob#refused} has run
     */
    public static boolean queue(KeycloakSession session, MailJob job) {
        if (QUEUE.reserve()) {
            return start(session, job);
        }
        record(session.getKeycloakSessionFactory(), "refusal", job::refused);
        return false;
    }

    /** Runs {@code job} in its reserved place; if the executor refuses it, records the refusal. */
    private static boolean start(KeycloakSession session, MailJob job) {
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        if (QUEUE.run(later(session), () -> runGuarded(factory, job))) {
            return true;
        }
        record(factory, "refusal", job::refused);
        return false;
    }

    /** Publishes {@link #depth()} as the gauge {@value IcsoeMetrics#MAIL_QUEUE_DEPTH}; once, at server start. */
    public static void publishDepth() {
        IcsoeMetrics.global().mailQueueDepth(QUEUE::depth);
    }

    /** Keycloak's executor, {@value #START_DELAY_MILLIS} ms later. */
    private static Executor later(KeycloakSession session) {
        return CompletableFuture.delayedExecutor(START_DELAY_MILLIS, TimeUnit.MILLISECONDS,
                session.getProvider(ExecutorsProvider.class).getExecutor(EXECUTOR));
    }

    /** Jobs waiting or running on this node. */
    public static int depth() {
        return QUEUE.depth();
    }

    public static int capacity() {
        return QUEUE.capacity();
    }

    private static void runGuarded(KeycloakSessionFactory factory, MailJob job) {
        try {
            KeycloakModelUtils.runJobInTransaction(factory, job::run);
        } catch (RuntimeException e) {
            record(factory, "failure", s -> job.failed(s, e));
        }
    }

    /** Records in a fresh session; if even that fails (database down), one line with class names only. */
    private static void record(KeycloakSessionFactory factory, String what, KeycloakSessionTask recorder) {
        try {
            KeycloakModelUtils.runJobInTransaction(factory, recorder);
        } catch (RuntimeException e) {
            LOG.warnf("Mail job %s could not be recorded as an event (%s)", what, e.getClass().getName());
        }
    }
}
