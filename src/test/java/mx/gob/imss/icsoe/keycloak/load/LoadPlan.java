package mx.gob.imss.icsoe.keycloak.load;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * What the next Gatling run does: the site it targets, the attempts its virtual people make, one
 * client address each, and how they arrive. Gatling builds a simulation by reflection in this JVM, so
 * the runner puts the plan here first ({@link #use}) and the simulation reads it in its constructor.
 * The simulation notes which attempts the server confirmed ({@code confirmed}, by feeder index) and
 * how many it told to try later because its mail queue was full ({@code toldToRetry}).
 */
record LoadPlan(Site site, List<Attempt> attempts, List<String> localAddresses, Injection injection,
                Function<String, String> resetLink, java.util.Set<Integer> confirmed,
                java.util.concurrent.atomic.AtomicInteger toldToRetry) {

    LoadPlan(Site site, List<Attempt> attempts, List<String> localAddresses, Injection injection,
             Function<String, String> resetLink) {
        this(site, attempts, localAddresses, injection, resetLink, java.util.concurrent.ConcurrentHashMap.newKeySet(),
                new java.util.concurrent.atomic.AtomicInteger());
    }

    private static volatile LoadPlan current;

    /** Where the virtual people go: a realm of a server (or of the proxy in front of the cluster). */
    record Site(String label, String baseUrl, String realm, String clientId, boolean icsoe) {

        String redirectUri() {
            return baseUrl + "/realms/" + realm + "/account/";
        }

        /** The portal's authorization URL with a fixed PKCE pair: the load never redeems the code. */
        String authorizationPath() {
            return "/realms/" + realm + "/protocol/openid-connect/auth?client_id=" + clientId
                    + "&redirect_uri=" + java.net.URLEncoder.encode(redirectUri(), java.nio.charset.StandardCharsets.UTF_8)
                    + "&response_type=code&scope=openid&code_challenge=" + PKCE_CHALLENGE + "&code_challenge_method=S256";
        }
    }

    /** S256 of "icsoe-load-verifier-0123456789-abcdefghijklmnopqrstuvwxyz" (any fixed pair works here). */
    static final String PKCE_CHALLENGE = "pRDBrm02y7TWuimGbmT5pl8HtGtEQ3MR-UTHg9Sy4VU";

    enum Kind {
        /** CURP and email of the same enabled user: exactly one email is due to {@code recipient}. */
        MATCH,
        /** A registered CURP with another email: nothing is sent. */
        WRONG_EMAIL,
        /** A well-formed CURP nobody has: nothing is sent. */
        UNKNOWN_CURP,
        /** Not a CURP at all (or, on the stock step, an empty field): the form comes back with an error. */
        MALFORMED
    }

    /**
     * One virtual person's request; {@code recipient} is the address due one email, or null;
     * {@code password} is the new password of a whole recovery, or null.
     */
    record Attempt(Kind kind, String username, String email, String recipient, String password) {
    }

    /** Open model (people per second) or closed model (people at once), for {@code duration}. */
    record Injection(boolean open, double perSecond, int atOnce, Duration duration) {

        static Injection perSecond(double rate, Duration duration) {
            return new Injection(true, rate, 0, duration);
        }

        static Injection atOnce(int people, Duration duration) {
            return new Injection(false, 0, people, duration);
        }

        @Override
        public String toString() {
            return open ? String.format("%.0f new people/s for %d s", perSecond, duration.toSeconds())
                    : atOnce + " people at once for " + duration.toSeconds() + " s";
        }
    }

    static void use(LoadPlan plan) {
        current = plan;
    }

    static LoadPlan current() {
        LoadPlan plan = current;
        if (plan == null) {
            throw new IllegalStateException("No load plan: simulations run through LoadRunner");
        }
        return plan;
    }

    /** Gatling's feeder: each virtual person takes the next attempt, once. */
    Iterator<Map<String, Object>> feeder() {
        AtomicInteger next = new AtomicInteger();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return next.get() < attempts.size();
            }

            @Override
            public Map<String, Object> next() {
                int index = next.getAndIncrement();
                if (index >= attempts.size()) {
                    throw new NoSuchElementException("The load plan has " + attempts.size() + " attempts");
                }
                Attempt attempt = attempts.get(index);
                return Map.of("index", index, "kind", attempt.kind().name(), "username", attempt.username(),
                        "email", attempt.email(), "recipient", attempt.recipient() == null ? "" : attempt.recipient(),
                        "password", attempt.password() == null ? "" : attempt.password());
            }
        };
    }
}
