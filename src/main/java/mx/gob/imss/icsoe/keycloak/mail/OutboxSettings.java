package mx.gob.imss.icsoe.keycloak.mail;

import static mx.gob.imss.icsoe.keycloak.ConfigNumber.intOr;

import java.time.Duration;
import java.util.function.Function;

/**
 * The outbox's server settings, read once at start from
 * {@code --spi-jpa-entity-provider--icsoe-mail-outbox--<name>=<value>}. Missing, non-numeric or
 * out-of-range values fall back to the defaults, so a typo never stops the mail.
 *
 * @param maxConnections  SMTP connections open at once from this node (a relay's connection limit)
 * @param perMinute       messages this node hands the relay per minute; 0 = no limit
 * @param poll            how often this node looks for due rows (its own and a dead node's)
 * @param lease           how long a claimed row stays this node's; longer than one attempt can take
 * @param retryBase       the wait after the first temporary failure; it doubles per attempt
 * @param retryMax        the longest wait between two attempts
 * @param maxAttempts     attempts before a row is abandoned
 */
public record OutboxSettings(int maxConnections, int perMinute, Duration poll, Duration lease, Duration retryBase,
                             Duration retryMax, int maxAttempts) {

    public static final String MAX_CONNECTIONS = "max-connections";
    public static final String PER_MINUTE = "messages-per-minute";
    public static final String POLL_SECONDS = "poll-seconds";
    public static final String LEASE_SECONDS = "lease-seconds";
    public static final String RETRY_BASE_SECONDS = "retry-base-seconds";
    public static final String RETRY_MAX_SECONDS = "retry-max-seconds";
    public static final String MAX_ATTEMPTS = "max-attempts";

    public static final OutboxSettings DEFAULTS = new OutboxSettings(4, 0, Duration.ofSeconds(2), Duration.ofSeconds(120),
            Duration.ofSeconds(30), Duration.ofSeconds(600), 40);

    public OutboxSettings {
        if (maxConnections < 1 || perMinute < 0 || maxAttempts < 1) {
            throw new IllegalArgumentException("connections and attempts must be at least 1, the rate not negative");
        }
        for (Duration each : new Duration[] {poll, lease, retryBase, retryMax}) {
            if (each.isNegative() || each.isZero()) {
                throw new IllegalArgumentException("durations must be positive");
            }
        }
    }

    /** Reads the settings by name through {@code value} (Keycloak's {@code Config.Scope::get}). */
    public static OutboxSettings from(Function<String, String> value) {
        OutboxSettings d = DEFAULTS;
        return new OutboxSettings(
                intOr(value.apply(MAX_CONNECTIONS), d.maxConnections(), 1, 1000),
                intOr(value.apply(PER_MINUTE), d.perMinute(), 0, 1_000_000),
                Duration.ofSeconds(intOr(value.apply(POLL_SECONDS), (int) d.poll().toSeconds(), 1, 3600)),
                Duration.ofSeconds(intOr(value.apply(LEASE_SECONDS), (int) d.lease().toSeconds(), 5, 86_400)),
                Duration.ofSeconds(intOr(value.apply(RETRY_BASE_SECONDS), (int) d.retryBase().toSeconds(), 1, 86_400)),
                Duration.ofSeconds(intOr(value.apply(RETRY_MAX_SECONDS), (int) d.retryMax().toSeconds(), 1, 86_400)),
                intOr(value.apply(MAX_ATTEMPTS), d.maxAttempts(), 1, 1000));
    }
}
