package mx.gob.imss.icsoe.keycloak.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.util.JsonSerialization;

/**
 * The hash-bound limit of a recovery: how many password hashes per second this machine computes with
 * the realm's algorithm and the parameters Keycloak stored with a real credential (its
 * {@code credentialData}), on as many threads as there are cores. Each recovery must hash the new
 * password once and verify it once at sign-in, so no server can do more recoveries per second than
 * half this rate.
 */
record HashRate(String algorithm, String parameters, int threads, long hashes, Duration elapsed) {

    double perSecond() {
        return hashes / (elapsed.toNanos() / 1e9);
    }

    /** Hashes for {@code duration} on {@code threads} threads, with the algorithm {@code credentialData} names. */
    static HashRate measure(String credentialData, int threads, Duration duration) {
        JsonNode data;
        try {
            data = JsonSerialization.mapper.readTree(credentialData);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Hasher hasher = hasher(data);
        return count(data.path("algorithm").asText(), hasher.toString(), Collections.nCopies(threads, hasher), duration);
    }

    /**
     * The same limit seen from the server: {@code threads} admin "reset password" calls at a time for
     * {@code duration}, each of which makes Keycloak check the realm's policy and hash once with the
     * realm's algorithm, in its own JVM. The call's own work (token check, user read, credential
     * write) is counted too, so this rate is at most the pure hashing rate. The users should have no
     * email: an admin password change also fires ICSOE's password-updated email, and rendering and
     * sending it would be counted as hashing. As in {@link #measure}, the calls run unmeasured first,
     * so that the server's JIT has compiled the hashing too.
     */
    static HashRate onServer(HttpClient http, String realmAdminUrl, Supplier<String> accessToken, List<String> userIds,
                             Supplier<String> passwords, Duration duration) {
        // one worker per user: each call checks the realm's policy and hashes the new password once
        List<Hasher> workers = userIds.stream().<Hasher>map(id -> () -> {
            CredentialRepresentation password = new CredentialRepresentation();
            password.setType(CredentialRepresentation.PASSWORD);
            password.setTemporary(false);
            password.setValue(passwords.get());
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                            URI.create(realmAdminUrl + "/users/" + id + "/reset-password"))
                    .header("Authorization", "Bearer " + accessToken.get())
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(JsonSerialization.writeValueAsString(password))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 204) {
                throw new AssertionError("reset-password answered " + answer.statusCode() + ": " + answer.body());
            }
        }).toList();
        return count("server", "Keycloak's admin reset-password, users without email (policy check + one hash)", workers, duration);
    }

    /**
     * Runs each worker on a thread of its own, unmeasured first (until the JIT has compiled the hashing,
     * a cold JVM hashes at a third of the rate), then counts the runs for {@code duration}.
     */
    private static HashRate count(String algorithm, String parameters, List<Hasher> workers, Duration duration) {
        ExecutorService pool = Executors.newFixedThreadPool(workers.size());
        try {
            loop(pool, workers, duration.compareTo(WARM_UP) < 0 ? duration : WARM_UP);
            long started = System.nanoTime();
            long total = loop(pool, workers, duration);
            return new HashRate(algorithm, parameters, workers.size(), total, Duration.ofNanos(System.nanoTime() - started));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** One hash (or one call that hashes once). */
    interface Hasher {
        void hash() throws Exception;
    }

    private static final Duration WARM_UP = Duration.ofSeconds(10);

    /** Runs each worker on a thread of its own, over and over, for {@code duration}; returns how many runs. */
    private static long loop(ExecutorService pool, List<Hasher> workers, Duration duration)
            throws InterruptedException, ExecutionException {
        long deadline = System.nanoTime() + duration.toNanos();
        List<Future<Long>> counts = new ArrayList<>();
        for (Hasher hasher : workers) {
            counts.add(pool.submit(() -> {
                long n = 0;
                while (System.nanoTime() < deadline) {
                    hasher.hash();
                    n++;
                }
                return n;
            }));
        }
        long total = 0;
        for (Future<Long> count : counts) {
            total += count.get();
        }
        return total;
    }

    private static Hasher hasher(JsonNode data) {
        String algorithm = data.path("algorithm").asText();
        int iterations = data.path("hashIterations").asInt();
        JsonNode extra = data.path("additionalParameters");
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        char[] password = "Rb7!kLm#Q2zt".toCharArray();
        if (algorithm.equals("argon2")) {
            int memory = Integer.parseInt(first(extra, "memory"));
            int parallelism = Integer.parseInt(first(extra, "parallelism"));
            int length = Integer.parseInt(first(extra, "hashLength"));
            String type = first(extra, "type");
            Argon2Parameters parameters = new Argon2Parameters.Builder(switch (type) {
                case "d" -> Argon2Parameters.ARGON2_d;
                case "i" -> Argon2Parameters.ARGON2_i;
                default -> Argon2Parameters.ARGON2_id;
            }).withVersion("1.0".equals(first(extra, "version")) ? Argon2Parameters.ARGON2_VERSION_10
                    : Argon2Parameters.ARGON2_VERSION_13)
                    .withIterations(iterations).withMemoryAsKB(memory).withParallelism(parallelism).withSalt(salt).build();
            byte[] bytes = new String(password).getBytes(StandardCharsets.UTF_8);
            return new Hasher() {
                @Override
                public void hash() {
                    Argon2BytesGenerator generator = new Argon2BytesGenerator();
                    generator.init(parameters);
                    generator.generateBytes(bytes, new byte[length]);
                }

                @Override
                public String toString() {
                    return "argon2" + type + " v" + first(extra, "version") + ", m=" + memory + " KiB, t=" + iterations
                            + ", p=" + parallelism + ", " + length + " bytes";
                }
            };
        }
        if (algorithm.startsWith("pbkdf2")) {
            String jca = switch (algorithm) {
                case "pbkdf2-sha512" -> "PBKDF2WithHmacSHA512";
                case "pbkdf2-sha256" -> "PBKDF2WithHmacSHA256";
                default -> "PBKDF2WithHmacSHA1";
            };
            return new Hasher() {
                @Override
                public void hash() throws GeneralSecurityException {
                    SecretKeyFactory.getInstance(jca).generateSecret(new PBEKeySpec(password, salt, iterations, 512)).getEncoded();
                }

                @Override
                public String toString() {
                    return jca + ", " + iterations + " iterations";
                }
            };
        }
        throw new IllegalArgumentException("No hasher for the realm's algorithm " + algorithm);
    }

    private static String first(JsonNode extra, String name) {
        JsonNode value = extra.path(name);
        return value.isArray() ? value.path(0).asText() : value.asText();
    }
}
