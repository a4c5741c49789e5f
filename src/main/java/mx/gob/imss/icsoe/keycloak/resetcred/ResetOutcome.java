package mx.gob.imss.icsoe.keycloak.resetcred;

import java.util.Locale;
import java.util.function.Consumer;

import org.keycloak.events.EventBuilder;

import mx.gob.imss.icsoe.keycloak.IcsoeEventDetails;
import mx.gob.imss.icsoe.keycloak.metrics.IcsoeMetrics;

/**
 * How one post of the reset form ended: exactly one per post. Each outcome is spelled here once for
 * the three places that name it: the {@code SEND_RESET_PASSWORD} event's error, its
 * {@value IcsoeEventDetails#OUTCOME} detail word, and the {@code outcome} tag of
 * {@link IcsoeMetrics#RESET_REQUESTS} (the lower-case name). The Prometheus rules, the dashboard and
 * the runbook read these words: they do not change.
 */
public enum ResetOutcome {
    /** The link was signed and is due to be sent; its event comes with the email (sent, or given up). */
    QUEUED(null, null),
    /** CURP unknown, email not the registered one, or the account disabled; the error says which ({@link ResetMatch}). */
    NO_MATCH(null, "no_match"),
    /** The person's emails-per-window limit was reached. */
    THROTTLED_USER("icsoe_throttled_user", "throttled"),
    /** The client address's requests-per-window limit was reached (a well-formed request). */
    THROTTLED_ADDRESS("icsoe_throttled_address", "throttled"),
    /** Malformed CURP or email: the form came back with field errors; the detail is their message keys. */
    INVALID("icsoe_invalid_input", null),
    /** Never looked at before half the link's lifespan had passed: the outbox gave it up. */
    STALE("icsoe_reset_abandoned", "abandoned"),
    /** The step could not run (no realm HS512 key), or the realm was gone when its row was sent: no event. */
    FAILED(null, null);

    private final String eventError;
    private final String detail;

    ResetOutcome(String eventError, String detail) {
        this.eventError = eventError;
        this.detail = detail;
    }

    /** The event's error, or {@code null} where it is not fixed (see the value). */
    public String eventError() {
        return eventError;
    }

    /** The {@value IcsoeEventDetails#OUTCOME} detail word, or {@code null} where it is not fixed (see the value). */
    public String detail() {
        return detail;
    }

    /** The meter's {@code outcome} tag. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Records this outcome of one request in {@code realm}: ends {@code event}, when there is one to
     * send, as this outcome's error with its detail word ({@code error} standing in where the value
     * fixes none, as for {@link #NO_MATCH}), and counts it through {@code counting}: {@code Runnable::run}
     * on the request thread, after the commit on a mail thread.
     */
    void record(String realm, EventBuilder event, String error, Consumer<Runnable> counting) {
        if (event != null) {
            if (detail != null) {
                event.detail(IcsoeEventDetails.OUTCOME, detail);
            }
            event.error(eventError != null ? eventError : error);
        }
        counting.accept(() -> IcsoeMetrics.global().resetRequest(realm, this));
    }
}
