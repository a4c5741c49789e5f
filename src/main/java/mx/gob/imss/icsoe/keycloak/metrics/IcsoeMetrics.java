package mx.gob.imss.icsoe.keycloak.metrics;

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
    public static final String PASSWORD_CHANGES = "icsoe.password.changes";
    public static final String EFIRMA_SIGNINS = "icsoe.efirma.signins";

    static final String TAG_REALM = "realm";
    static final String TAG_OUTCOME = "outcome";
    static final String TAG_EMAIL = "email";
    static final String TAG_RESULT = "result";
    static final String TAG_VIA = "via";
    /** The realm tag when a caller knows no realm name (never expected; keeps the tag present). */
    static final String NO_REALM = "unknown";
    static final String EFIRMA_SUCCESS = "success";

    /** How a reset request ended: exactly one per request that reached the reset step's form post. */
    public enum ResetOutcome {
        /** The link was signed and handed to sending (the SMTP result is {@link #MAIL_MESSAGES}). */
        QUEUED,
        /** CURP unknown, email not the registered one, or the account disabled. */
        NO_MATCH,
        /** The person's emails-per-window limit was reached. */
        THROTTLED_USER,
        /** The client address's requests-per-window limit was reached (a well-formed request). */
        THROTTLED_ADDRESS,
        /** Malformed CURP or email: the form came back with field errors. */
        INVALID,
        /** The job started too late: less than half the link's lifespan was left. */
        STALE,
        /** The background job failed (database, signing), or the step could not run (no realm key). */
        FAILED,
        /** The node's mail queue was full: the job never ran. */
        QUEUE_FULL
    }

    /** Which email. */
    public enum Email {
        RESET_LINK,
        PASSWORD_UPDATED
    }

    /**
     * What became of an email: {@code queued} once it is due (the password-updated email when its
     * job enters the queue; the reset email once its job found a match and signed the link),
     * {@code refused} when the queue was full, {@code sent} / {@code failed} after the SMTP attempt.
     */
    public enum MailResult {
        QUEUED,
        SENT,
        FAILED,
        REFUSED
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

    public void resetRequest(String realm, ResetOutcome outcome) {
        counter(RESET_REQUESTS, "Reset requests by outcome", TAG_REALM, realm(realm), TAG_OUTCOME, tag(outcome)).increment();
    }

    public void mail(Email email, MailResult result) {
        counter(MAIL_MESSAGES, "Emails of the ICSOE background mailer by result", TAG_EMAIL, tag(email), TAG_RESULT, tag(result))
                .increment();
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
     * Publishes {@code depth} (jobs waiting or running on this node) as {@value #MAIL_QUEUE_DEPTH};
     * a second call keeps the first gauge.
     */
    public void mailQueueDepth(Supplier<Number> depth) {
        Gauge.builder(MAIL_QUEUE_DEPTH, depth).description("Mail jobs waiting or running on this node")
                .strongReference(true).register(registry);
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
