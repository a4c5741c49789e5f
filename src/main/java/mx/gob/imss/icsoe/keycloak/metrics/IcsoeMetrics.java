package mx.gob.imss.icsoe.keycloak.metrics;

import java.util.Collection;
import java.util.Locale;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

/**
 * The jar's meters, on Micrometer's global registry as Keycloak's own event metrics are: with
 * {@code --metrics-enabled=true} Keycloak serves them at {@code /metrics} on the management port
 * (Prometheus: dots become underscores, counters end in {@code _total}). Without it the global
 * registry has no registry behind it and every call here is a no-op.
 * <p>
 * Tag values are this class's enumerations and the realm's name, nothing else: never a CURP, email,
 * user id, address or client id, so every meter has a small, fixed number of series. Counters are
 * looked up in the registry per call (Micrometer keeps one instance per name and tags); the rates
 * here are those of people, not of packets.
 */
public final class IcsoeMetrics {

    public static final String RESET_REQUESTS = "icsoe.reset.requests";
    public static final String MAIL_MESSAGES = "icsoe.mail.messages";
    public static final String MAIL_QUEUE_DEPTH = "icsoe.mail.queue.depth";
    public static final String OUTBOX_PENDING = "icsoe.outbox.pending";
    public static final String OUTBOX_OLDEST_AGE = "icsoe.outbox.oldest.age.seconds";
    public static final String OUTBOX_ATTEMPTS = "icsoe.outbox.attempts";
    public static final String OUTBOX_REPLIES = "icsoe.outbox.replies";
    public static final String PASSWORD_CHANGES = "icsoe.password.changes";
    public static final String EFIRMA_SIGNINS = "icsoe.efirma.signins";

    static final String TAG_REALM = "realm";
    static final String TAG_OUTCOME = "outcome";
    static final String TAG_EMAIL = "email";
    static final String TAG_RESULT = "result";
    static final String TAG_VIA = "via";
    static final String TAG_KIND = "kind";
    static final String TAG_CLASS = "class";
    /** The realm tag when a caller knows no realm name (never expected; keeps the tag present). */
    static final String NO_REALM = "unknown";
    static final String EFIRMA_SUCCESS = "success";

    /** Which email. */
    public enum Email {
        RESET_LINK,
        PASSWORD_UPDATED
    }

    /**
     * What became of an email: {@code queued} once it is due (the password-updated email when its
     * row is written; the reset email once its row found a match and the link was signed),
     * {@code sent} once the relay accepted it, {@code failed} once the outbox gave it up.
     */
    public enum MailResult {
        QUEUED,
        SENT,
        FAILED
    }

    /** How one attempt of the outbox ended. */
    public enum Attempt {
        SENT,
        /** A temporary failure: the row waits for its next attempt. */
        RETRY,
        /** Too late, or out of attempts: never sent. */
        ABANDONED,
        /** The relay refused it for good ({@code 5xx}): never sent. */
        PERMANENT_FAILURE
    }

    /** Who changed the password: the person (reset flow, account console) or an administrator. */
    public enum Via {
        USER,
        ADMIN
    }

    private static final IcsoeMetrics GLOBAL = new IcsoeMetrics(Metrics.globalRegistry);

    private final MeterRegistry registry;

    IcsoeMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The meters on Micrometer's global registry, the one Keycloak's {@code /metrics} serves. */
    public static IcsoeMetrics global() {
        return GLOBAL;
    }

    /** @param outcome how one post of the reset form ended; its lower-case name is the tag */
    public void resetRequest(String realm, Enum<?> outcome) {
        counter(RESET_REQUESTS, "Reset requests by outcome", TAG_REALM, realm(realm), TAG_OUTCOME, tag(outcome)).increment();
    }

    public void mail(Email email, MailResult result) {
        mailCounter(email, result).increment();
    }

    public void passwordChange(String realm, Via via) {
        counter(PASSWORD_CHANGES, "Successful password changes", TAG_REALM, realm(realm), TAG_VIA, tag(via)).increment();
    }

    public void efirmaSignedIn(String realm) {
        efirma(realm, EFIRMA_SUCCESS);
    }

    /** @param problem why the sign-in was refused; its lower-case name is the outcome */
    public void efirmaRefused(String realm, Enum<?> problem) {
        efirma(realm, tag(problem));
    }

    /**
     * Publishes {@code depth} (outbox rows this node has in hand: handed over by its requests or
     * claimed, not yet done) as {@value #MAIL_QUEUE_DEPTH}; a second call keeps the first gauge.
     */
    public void mailQueueDepth(Supplier<Number> depth) {
        Gauge.builder(MAIL_QUEUE_DEPTH, depth).description("Outbox rows this node has in hand")
                .strongReference(true).register(registry);
    }

    /** Publishes the outbox's rows of {@code kind}, cluster-wide (read from the table), as {@value #OUTBOX_PENDING}. */
    public void outboxPending(String kind, Supplier<Number> rows) {
        Gauge.builder(OUTBOX_PENDING, rows).description("Outbox rows waiting or being sent, cluster-wide")
                .tags(TAG_KIND, kind).strongReference(true).register(registry);
    }

    /**
     * Publishes the age of the oldest outbox row of {@code kind}, cluster-wide, as {@value #OUTBOX_OLDEST_AGE}:
     * by kind, so that one confirmation retried for hours (a full mailbox) does not hide whether reset
     * links flow.
     */
    public void outboxOldestAge(String kind, Supplier<Number> seconds) {
        Gauge.builder(OUTBOX_OLDEST_AGE, seconds).description("Age of the oldest outbox row in seconds, cluster-wide (0: none)")
                .tags(TAG_KIND, kind).strongReference(true).register(registry);
    }

    /** One attempt of an outbox row of {@code kind} (its stored id, e.g. {@code RESET_LINK}). */
    public void outboxAttempt(String kind, Attempt result) {
        attempts(kind, result).increment();
    }

    /** The class of the relay's reply to one attempt: {@code 2xx}, {@code 4xx}, {@code 5xx} or {@code none}. */
    public void outboxReply(String replyClass) {
        replies(replyClass).increment();
    }

    /**
     * Creates at zero the mail counters and the relay-reply counters of {@code replyClasses}. A counter
     * Micrometer creates at its first increment reaches Prometheus with that increment already in it,
     * which {@code rate()} and {@code increase()} cannot see: the first email given up after a start
     * would never fire {@code IcsoeResetEmailsAbandoned} (deploy/monitoring).
     */
    public void mailAtZero(Collection<String> replyClasses) {
        for (Email email : Email.values()) {
            for (MailResult result : MailResult.values()) {
                mailCounter(email, result);
            }
        }
        replyClasses.forEach(this::replies);
    }

    /** Creates at zero every attempt counter of {@code kind}, for the reason {@link #mailAtZero} gives. */
    public void outboxAttemptsAtZero(String kind) {
        for (Attempt result : Attempt.values()) {
            attempts(kind, result);
        }
    }

    private Counter mailCounter(Email email, MailResult result) {
        return counter(MAIL_MESSAGES, "Emails of the ICSOE mail outbox by result", TAG_EMAIL, tag(email), TAG_RESULT, tag(result));
    }

    private Counter attempts(String kind, Attempt result) {
        return counter(OUTBOX_ATTEMPTS, "Outbox attempts by result", TAG_KIND, kind.toLowerCase(Locale.ROOT), TAG_RESULT, tag(result));
    }

    private Counter replies(String replyClass) {
        return counter(OUTBOX_REPLIES, "Relay replies to outbox attempts by class", TAG_CLASS, replyClass);
    }

    private void efirma(String realm, String outcome) {
        counter(EFIRMA_SIGNINS, "e.firma sign-ins by outcome", TAG_REALM, realm(realm), TAG_OUTCOME, outcome).increment();
    }

    private Counter counter(String name, String description, String... tags) {
        return Counter.builder(name).description(description).tags(tags).register(registry);
    }

    private static String realm(String name) {
        return name == null || name.isBlank() ? NO_REALM : name;
    }

    /** Prometheus-style label value of an enumeration: {@code THROTTLED_USER} → {@code throttled_user}. */
    static String tag(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
