package mx.gob.imss.icsoe.keycloak.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.stream.Stream;

/**
 * A real Keycloak from the unpacked dist zip, run as a child process in an instance directory of its
 * own, so two servers (a test run and the demo, or two cluster nodes) never share build output or
 * data. The extension jar goes to {@code providers/} and the realm file to {@code data/import/}. By
 * default it runs {@code kc.sh start-dev}; a production node passes its own {@code start --optimized}
 * arguments and starts from a dist that {@link #build} prepared.
 */
public final class KeycloakDistServer implements AutoCloseable {

    /**
     * What to start; all paths absolute.
     *
     * @param providerJar    copied into {@code providers/}; null when {@code distDir} already has it (a built dist)
     * @param startArguments the arguments of {@code kc.sh}; null for {@code start-dev} on {@code 127.0.0.1}
     * @param environment    extra environment of the process (e.g. {@code JAVA_HOME})
     */
    public record Settings(Path distDir, Path instanceDir, Path providerJar, Path realmFile,
                           int httpPort, int managementPort, String adminUser, String adminPassword,
                           boolean inheritDatabaseEnv, Duration startTimeout, List<String> startArguments,
                           Map<String, String> environment) {

        /** A dev-mode server ({@code kc.sh start-dev}), as the single-node tests and the demo run it. */
        public Settings(Path distDir, Path instanceDir, Path providerJar, Path realmFile,
                        int httpPort, int managementPort, String adminUser, String adminPassword,
                        boolean inheritDatabaseEnv, Duration startTimeout) {
            this(distDir, instanceDir, providerJar, realmFile, httpPort, managementPort, adminUser, adminPassword,
                    inheritDatabaseEnv, startTimeout, null, Map.of());
        }
    }

    /** System property: the dev server caches themes and templates as production does (the load runs set it). */
    public static final String CACHE_THEMES_PROPERTY = "icsoe.it.cache-themes";

    /**
     * The mail outbox at test pace: a relay that comes back is tried again within seconds, not the
     * production half minute, and a row a dead node held returns after 20 s.
     */
    public static final List<String> OUTBOX_TEST_SETTINGS = List.of(
            "--spi-jpa-entity-provider--icsoe-mail-outbox--poll-seconds=1",
            "--spi-jpa-entity-provider--icsoe-mail-outbox--retry-base-seconds=2",
            "--spi-jpa-entity-provider--icsoe-mail-outbox--retry-max-seconds=8",
            "--spi-jpa-entity-provider--icsoe-mail-outbox--lease-seconds=20",
            // at this pace a minute's outage takes a dozen attempts: the lifespan, not the count, ends a row here
            "--spi-jpa-entity-provider--icsoe-mail-outbox--max-attempts=100");

    private final Settings settings;
    private Process process;
    private Thread shutdownHook;

    public KeycloakDistServer(Settings settings) {
        this.settings = settings;
    }

    public Path logFile() {
        return settings.instanceDir().resolve("keycloak.log");
    }

    public String baseUrl() {
        return "http://localhost:" + settings.httpPort();
    }

    public Settings settings() {
        return settings;
    }

    /**
     * Starts Keycloak and waits until it is ready and the realm answers.
     *
     * @param progress called about every 5 s with the seconds waited so far (may be a no-op)
     * @param realm    the realm whose OIDC discovery must answer before the server counts as ready
     */
    public void start(IntConsumer progress, String realm) {
        try {
            prepareInstance();
            ProcessBuilder builder = new ProcessBuilder(command())
                    .directory(settings.instanceDir().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(logFile().toFile());
            Map<String, String> env = builder.environment();
            if (!settings.inheritDatabaseEnv()) {
                env.keySet().removeIf(name -> name.startsWith("KC_"));
            }
            env.put("KC_BOOTSTRAP_ADMIN_USERNAME", settings.adminUser());
            env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", settings.adminPassword());
            env.put("JAVA_OPTS_KC_HEAP", "-Xms256m -Xmx1g");
            env.putAll(settings.environment());
            process = builder.start();
            shutdownHook = new Thread(this::stopProcess, "keycloak-dist-stop");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
            awaitReady(progress, realm);
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("Could not start Keycloak from " + settings.distDir(), e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Copies the dist to {@code builtDir}, puts the jar in {@code providers/} and {@code keycloakConf} in
     * {@code conf/keycloak.conf}, and runs {@code kc.sh build} with no options of its own, as the
     * Dockerfile does; nodes then start from {@code builtDir} with {@code start --optimized}.
     */
    public static void build(Path distDir, Path builtDir, Path providerJar, Path keycloakConf,
                             Map<String, String> environment, Duration timeout) {
        try {
            checkDist(distDir);
            deleteTree(builtDir);
            copyTree(distDir, builtDir);
            Files.copy(providerJar, builtDir.resolve("providers").resolve(providerJar.getFileName()),
                    StandardCopyOption.REPLACE_EXISTING);
            Files.copy(keycloakConf, builtDir.resolve("conf/keycloak.conf"), StandardCopyOption.REPLACE_EXISTING);
            List<String> command = List.of("bash", builtDir.resolve("bin/kc.sh").toString(), "build");
            Path log = builtDir.resolve("build.log");
            ProcessBuilder builder = new ProcessBuilder(command).directory(builtDir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().keySet().removeIf(name -> name.startsWith("KC_"));
            builder.environment().putAll(environment);
            Process build = builder.start();
            if (!build.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                build.destroyForcibly();
                throw new IllegalStateException("kc.sh build took more than " + timeout.toSeconds() + " s:\n"
                        + tail(log, 60));
            }
            if (build.exitValue() != 0) {
                throw new IllegalStateException("kc.sh build failed with code " + build.exitValue() + ":\n" + tail(log, 60));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not build Keycloak in " + builtDir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while building Keycloak", e);
        }
    }

    private List<String> command() {
        List<String> command = new ArrayList<>();
        command.add("bash");
        command.add(settings.instanceDir().resolve("bin/kc.sh").toString());
        if (settings.startArguments() != null) {
            command.addAll(settings.startArguments());
            return command;
        }
        command.add("start-dev");
        command.add("--http-host=127.0.0.1");
        command.add("--http-port=" + settings.httpPort());
        command.add("--http-management-port=" + settings.managementPort());
        command.add("--health-enabled=true");
        command.add("--metrics-enabled=true");
        // as behind a balancer: only 127.0.0.1 may say who the client is, so tests can send an
        // X-Forwarded-For (an IPv6 client, say) from there while other loopback addresses cannot
        command.add("--proxy-headers=xforwarded");
        command.add("--proxy-trusted-addresses=127.0.0.1");
        command.addAll(OUTBOX_TEST_SETTINGS);
        if (Boolean.getBoolean(CACHE_THEMES_PROPERTY)) {
            // start-dev reads and compiles every template on every page; production caches them
            command.add("--spi-theme--cache-themes=true");
            command.add("--spi-theme--cache-templates=true");
        }
        command.add("--import-realm");
        return command;
    }

    private static void checkDist(Path distDir) {
        if (!Files.isRegularFile(distDir.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("No Keycloak dist at " + distDir
                    + ": run through Maven (the dist zip is unpacked in the pre-integration-test phase)");
        }
    }

    private void prepareInstance() throws IOException {
        Path distDir = settings.distDir();
        checkDist(distDir);
        Path instance = settings.instanceDir();
        deleteTree(instance);
        copyTree(distDir, instance);
        if (settings.providerJar() != null) {
            Files.copy(settings.providerJar(), instance.resolve("providers").resolve(settings.providerJar().getFileName()),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        Path importDir = Files.createDirectories(instance.resolve("data/import"));
        Files.copy(settings.realmFile(), importDir.resolve("realm-export.json"), StandardCopyOption.REPLACE_EXISTING);
    }

    private void awaitReady(IntConsumer progress, String realm) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI health = URI.create("http://127.0.0.1:" + settings.managementPort() + "/health/ready");
        URI discovery = URI.create("http://127.0.0.1:" + settings.httpPort() + "/realms/" + realm
                + "/.well-known/openid-configuration");
        long started = System.nanoTime();
        long deadline = started + settings.startTimeout().toNanos();
        long nextProgress = started + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with code " + process.exitValue()
                        + " while starting. Last lines of " + logFile() + ":\n" + tail(120));
            }
            if (answers(http, health) && answers(http, discovery)) {
                return;
            }
            if (System.nanoTime() >= nextProgress) {
                progress.accept((int) TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
                nextProgress += TimeUnit.SECONDS.toNanos(5);
            }
            sleep(500);
        }
        throw new IllegalStateException("Keycloak was not ready within " + settings.startTimeout().toSeconds()
                + " s. Last lines of " + logFile() + ":\n" + tail(120));
    }

    private static boolean answers(HttpClient http, URI uri) {
        try {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Keycloak", e);
        }
    }

    /** The last lines of the server log, for failure messages. */
    public String tail(int lines) {
        return tail(logFile(), lines);
    }

    /** The last lines of a log file, for failure messages. */
    public static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | java.io.UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /**
     * CPU time (user + system) the server has used so far, as the OS counts it: {@code kc.sh} and the
     * JVM it runs. Keycloak 26.7's {@code kc.sh} starts Java as its child and replaces itself with it
     * only when it has to re-augment (as {@code start-dev} does), so both are summed.
     */
    public Duration cpuTime() {
        Process running = process;
        if (running == null) {
            throw new IllegalStateException("Keycloak is not running");
        }
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(running.toHandle()), running.descendants())
                .map(handle -> handle.info().totalCpuDuration().orElse(Duration.ZERO))
                .reduce(Duration.ZERO, Duration::plus);
    }

    /** {@code http://127.0.0.1:<management port>}: health and metrics. */
    public String managementUrl() {
        return "http://127.0.0.1:" + settings.managementPort();
    }

    /** True while the server process runs. */
    public boolean isRunning() {
        Process running = process;
        return running != null && running.isAlive();
    }

    /**
     * Kills the server at once (SIGKILL, as a crash or the OOM killer would): no shutdown, no leaving
     * the cluster, nothing flushed. Returns the nanoTime just after the kill was sent.
     */
    public long kill() {
        Process running = process;
        if (running == null) {
            throw new IllegalStateException("Keycloak is not running");
        }
        running.descendants().forEach(ProcessHandle::destroyForcibly);
        running.destroyForcibly();
        long killed = System.nanoTime();
        try {
            running.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return killed;
    }

    @Override
    public void close() {
        stopProcess();
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running or has run; nothing to undo
            }
            shutdownHook = null;
        }
    }

    private synchronized void stopProcess() {
        Process running = process;
        if (running == null) {
            return;
        }
        process = null;
        List<ProcessHandle> children = running.descendants().toList();
        running.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!running.waitFor(30, TimeUnit.SECONDS)) {
                running.destroyForcibly();
            }
        } catch (InterruptedException e) {
            running.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Keycloak", e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
