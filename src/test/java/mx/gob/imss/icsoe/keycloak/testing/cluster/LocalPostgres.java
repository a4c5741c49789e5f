package mx.gob.imss.icsoe.keycloak.testing.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import mx.gob.imss.icsoe.keycloak.testing.KeycloakDistServer;

/**
 * A PostgreSQL 15 of the test run: {@code initdb} under {@code target/}, its own loopback port and
 * socket directory, one database {@code keycloak} owned by the role {@code keycloak}. PostgreSQL
 * refuses to run as root, and CI runs as root: then every server command runs as the unprivileged
 * user {@value #OS_USER}, created when missing, who owns the data and socket directories.
 */
public final class LocalPostgres implements AutoCloseable {

    static final String OS_USER = "icsoe-pg";
    public static final String DATABASE = "keycloak";
    public static final String ROLE = "keycloak";
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(90);

    private final Path bin;
    private final Path base;
    private final int port;
    private final String password;
    private final String user;
    private boolean running;

    public LocalPostgres(Path bin, Path base, int port, String password) {
        this.bin = bin;
        this.base = base.toAbsolutePath();
        this.port = port;
        this.password = password;
        this.user = Commands.isRoot() ? OS_USER : null;
    }

    public int port() {
        return port;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public String password() {
        return password;
    }

    public Path log() {
        return base.resolve("postgres.log");
    }

    /** The server's log plus the harness's own command log, for failure messages. */
    public String tail(int lines) {
        return KeycloakDistServer.tail(log(), lines) + "\n--- commands ---\n"
                + KeycloakDistServer.tail(base.resolve("commands.log"), lines);
    }

    /** initdb, start, create role and database; returns how long initdb and the first start took. */
    public Duration[] initAndStart() {
        if (!Files.isExecutable(bin.resolve("initdb"))) {
            throw new IllegalStateException("No PostgreSQL server binaries at " + bin
                    + " (Debian: apt-get install -y postgresql-15)");
        }
        try {
            KeycloakDistServer.deleteTree(base);
            Files.createDirectories(base.resolve("run"));
            Path pwfile = base.resolve("superuser.pw");
            Files.writeString(pwfile, password + "\n");
            if (user != null) {
                ensureOsUser();
                Commands.run(base, base.resolve("commands.log"), null, Map.of(), COMMAND_TIMEOUT,
                        "chown", "-R", OS_USER, base.toString());
            }
            long t0 = System.nanoTime();
            server("initdb", "-D", base.resolve("data").toString(), "-U", "postgres", "--pwfile=" + pwfile,
                    "--auth=scram-sha-256", "-E", "UTF8", "--no-locale", "--no-sync");
            Duration initdb = Duration.ofNanos(System.nanoTime() - t0);
            Files.delete(pwfile);
            Duration start = start();
            psql("CREATE ROLE " + ROLE + " LOGIN PASSWORD '" + password + "'");
            psql("CREATE DATABASE " + DATABASE + " OWNER " + ROLE);
            return new Duration[] {initdb, start};
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare PostgreSQL under " + base, e);
        }
    }

    /** Starts the server and waits until it accepts connections; returns how long that took. */
    public Duration start() {
        long t0 = System.nanoTime();
        server("pg_ctl", "-D", base.resolve("data").toString(), "-l", log().toString(), "-w", "-t", "60",
                "-o", "-p " + port + " -k " + base.resolve("run") + " -c listen_addresses=127.0.0.1", "start");
        running = true;
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    /** Stops the server ({@code pg_ctl stop -m fast}: open connections are cut, as in a database restart). */
    public void stop() {
        if (running) {
            server("pg_ctl", "-D", base.resolve("data").toString(), "-m", "fast", "-w", "-t", "60", "stop");
            running = false;
        }
    }

    /** Runs {@code sql} in the Keycloak database as its role; its rows, unaligned, one per line. */
    public String query(String sql) {
        try {
            ProcessBuilder builder = new ProcessBuilder("psql", "-v", "ON_ERROR_STOP=1", "-At", "-h", "127.0.0.1", "-p",
                    Integer.toString(port), "-U", ROLE, "-d", DATABASE, "-c", sql).redirectErrorStream(true);
            builder.environment().put("PGPASSWORD", password);
            Process psql = builder.start();
            psql.getOutputStream().close();
            String out = new String(psql.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!psql.waitFor(COMMAND_TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS) || psql.exitValue() != 0) {
                throw new IllegalStateException("psql failed: " + out);
            }
            return out.strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void psql(String sql) {
        Commands.run(base, base.resolve("commands.log"), null, Map.of("PGPASSWORD", password), COMMAND_TIMEOUT,
                "psql", "-v", "ON_ERROR_STOP=1", "-q", "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", "postgres",
                "-d", "postgres", "-c", sql);
    }

    private void server(String program, String... arguments) {
        String[] command = new String[arguments.length + 1];
        command[0] = bin.resolve(program).toString();
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        Commands.run(base, base.resolve("commands.log"), user, Map.of(), COMMAND_TIMEOUT, command);
    }

    private void ensureOsUser() {
        try {
            if (new ProcessBuilder("id", "-u", OS_USER).start().waitFor() == 0) {
                return;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Commands.run(base, base.resolve("commands.log"), null, Map.of(), COMMAND_TIMEOUT,
                Commands.system("useradd"), "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", OS_USER);
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (RuntimeException e) {
            System.err.println("[icsoe-cluster] PostgreSQL did not stop cleanly: " + e.getMessage());
        }
    }
}
