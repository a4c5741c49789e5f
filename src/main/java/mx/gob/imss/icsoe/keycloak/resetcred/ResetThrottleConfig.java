package mx.gob.imss.icsoe.keycloak.resetcred;

import static mx.gob.imss.icsoe.keycloak.ConfigNumber.intOr;

import java.time.Duration;
import java.util.Map;

/**
 * The throttling settings of the reset step, read per request from the execution's
 * {@code AuthenticatorConfig}. Missing, blank, non-numeric or out-of-range values fall back to the
 * defaults, so a half-configured step still protects people.
 *
 * @param emailsPerUser       reset emails one user can be sent per {@code userWindow}
 * @param userWindow          the per-user window
 * @param requestsPerAddress  well-formed submissions one client address can make per {@code addressWindow}
 * @param addressWindow       the per-address window
 */
public record ResetThrottleConfig(int emailsPerUser, Duration userWindow, int requestsPerAddress, Duration addressWindow) {

    public static final String EMAILS_PER_USER = "icsoe.reset.emailsPerUser";
    public static final String USER_WINDOW_MINUTES = "icsoe.reset.userWindowMinutes";
    public static final String REQUESTS_PER_ADDRESS = "icsoe.reset.requestsPerAddress";
    public static final String ADDRESS_WINDOW_MINUTES = "icsoe.reset.addressWindowMinutes";

    static final int DEFAULT_EMAILS_PER_USER = 3;
    static final int DEFAULT_USER_WINDOW_MINUTES = 15;
    static final int DEFAULT_REQUESTS_PER_ADDRESS = 20;
    static final int DEFAULT_ADDRESS_WINDOW_MINUTES = 15;

    /** Upper bound of a count: each unit is one slot probed in the cluster store. */
    static final int MAX_COUNT = 1000;
    /** Upper bound of a window: one day. */
    static final int MAX_WINDOW_MINUTES = 24 * 60;

    public static final ResetThrottleConfig DEFAULTS = new ResetThrottleConfig(DEFAULT_EMAILS_PER_USER,
            Duration.ofMinutes(DEFAULT_USER_WINDOW_MINUTES), DEFAULT_REQUESTS_PER_ADDRESS,
            Duration.ofMinutes(DEFAULT_ADDRESS_WINDOW_MINUTES));

    public ResetThrottleConfig {
        if (emailsPerUser < 1 || requestsPerAddress < 1) {
            throw new IllegalArgumentException("limits must be at least 1");
        }
        if (userWindow.isNegative() || userWindow.isZero() || addressWindow.isNegative() || addressWindow.isZero()) {
            throw new IllegalArgumentException("windows must be positive");
        }
    }

    /** Reads the config map of an {@code AuthenticatorConfigModel} (may be {@code null}). */
    public static ResetThrottleConfig from(Map<String, String> config) {
        if (config == null) {
            return DEFAULTS;
        }
        return new ResetThrottleConfig(
                intOr(config.get(EMAILS_PER_USER), DEFAULT_EMAILS_PER_USER, 1, MAX_COUNT),
                Duration.ofMinutes(intOr(config.get(USER_WINDOW_MINUTES), DEFAULT_USER_WINDOW_MINUTES, 1, MAX_WINDOW_MINUTES)),
                intOr(config.get(REQUESTS_PER_ADDRESS), DEFAULT_REQUESTS_PER_ADDRESS, 1, MAX_COUNT),
                Duration.ofMinutes(intOr(config.get(ADDRESS_WINDOW_MINUTES), DEFAULT_ADDRESS_WINDOW_MINUTES, 1, MAX_WINDOW_MINUTES)));
    }
}
