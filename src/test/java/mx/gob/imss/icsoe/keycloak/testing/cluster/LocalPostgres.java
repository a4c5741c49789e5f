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
 * socket directory, one database {@code keycloak} owned by the role {@code keycloak}. TLS only, as the
 * recipe sets it up: a CA and a server certificate ({@code 127.0.0.1}, {@code localhost}) made at run
 * time with {@code openssl}, {@code ssl=on}, and {@code pg_hba.conf} admitting {@code hostssl} lines
 * alone, so a plain-text connection is refused; Keycloak connects with {@code sslmode=verify-full}. PostgreSQL
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

    /** Verifies the server's certificate and name against the run's CA, as the recipe's {@code --db-url} does. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE + "?sslmode=verify-full&sslrootcert="
                + base.resolve("tls/ca.crt");
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
            enableTls();
            Duration start = start();
            psql("CREATE ROLE " + ROLE + " LOGIN PASSWORD '" + password + "'");
            psql("CREATE DATABASE " + DATABASE + " OWNER " + ROLE);
            return new Duration[] {initdb, start};
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare PostgreSQL under " + base, e);
        }
    }

    /** The recipe's step 2: a certificate for the server, {@code ssl=on}, and TLS connections alone. */
    private void enableTls() throws IOException {
        Path tls = Files.createDirectories(base.resolve("tls"));
        Path log = base.resolve("commands.log");
        Files.writeString(tls.resolve("server.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
        Commands.run(tls, log, null, Map.of(), COMMAND_TIMEOUT, "openssl", "req", "-x509", "-newkey", "rsa:2048",
                "-nodes", "-days", "2", "-subj", "/CN=ICSOE test database CA", "-keyout", "ca.key", "-out", "ca.crt");
        Commands.run(tls, log, null, Map.of(), COMMAND_TIMEOUT, "openssl", "req", "-newkey", "rsa:2048", "-nodes",
                "-subj", "/CN=127.0.0.1", "-keyout", "server.key", "-out", "server.csr");
        Commands.run(tls, log, null, Map.of(), COMMAND_TIMEOUT, "openssl", "x509", "-req", "-in", "server.csr",
                "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-days", "2", "-extfile", "server.ext",
                "-out", "server.crt");
        Files.delete(tls.resolve("ca.key"));
        Files.setPosixFilePermissions(tls.resolve("server.key"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        if (user != null) {
            Commands.run(base, log, null, Map.of(), COMMAND_TIMEOUT, "chown", "-R", OS_USER, tls.toString());
        }
        Path data = base.resolve("data");
        Files.writeString(data.resolve("postgresql.conf"), "\nssl = on\nssl_min_protocol_version = 'TLSv1.2'\n"
                + "ssl_cert_file = '" + tls.resolve("server.crt") + "'\nssl_key_file = '" + tls.resolve("server.key") + "'\n",
                java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(data.resolve("pg_hba.conf"), "# TLS only: no host or hostnossl line\n"
                + "local all postgres scram-sha-256\nhostssl all all 127.0.0.1/32 scram-sha-256\n");
    }

    /** The connections of Keycloak's JDBC pools (PostgreSQL's JDBC driver) and whether each is encrypted: "t" or "f" per line. */
    public String jdbcConnectionsEncrypted() {
        return query("SELECT s.ssl FROM pg_stat_ssl s JOIN pg_stat_activity a ON a.pid = s.pid"
                + " WHERE a.application_name = 'PostgreSQL JDBC Driver'");
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
