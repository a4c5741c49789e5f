package mx.gob.imss.icsoe.keycloak.testing.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import mx.gob.imss.icsoe.keycloak.testing.KeycloakDistServer;

/**
 * HAProxy in front of the two nodes, run from the shipped {@code deploy/haproxy/haproxy.cfg} itself: the
 * harness only sets the environment variables the file documents (listeners, the nodes' addresses and
 * ports, the address it connects from, the directory of the certificate and of {@code 503.http}) and
 * {@code ICSOE_TEST_PIN}, which turns on the test-only parts of the file: the request header
 * {@value #PIN_HEADER} ({@code a} or {@code b}) pins a request to one node, and the response header
 * {@value #SERVED_BY_HEADER} names the node that answered. Everything else (TLS, the overwritten
 * {@code X-Forwarded-*}, the public paths, the internal admin listener, retries, health checks, the
 * proxy's own 503 page) is the deployer's file as it is.
 */
public final class LocalHaproxy implements AutoCloseable {

    public static final String PIN_HEADER = "X-Icsoe-Node";
    public static final String SERVED_BY_HEADER = "X-Icsoe-Served-By";

    /** A backend node: its HTTP and management ports. */
    public record Backend(String name, int httpPort, int managementPort) {
    }

    private final Path binary;
    private final Path dir;
    private final int port;
    private final int adminPort;
    private final Path shipped;
    private Process process;

    /** {@code shipped}: the directory {@code deploy/haproxy} of the checkout. */
    public LocalHaproxy(Path binary, Path dir, int port, int adminPort, Path shipped) {
        this.binary = binary;
        this.dir = dir.toAbsolutePath();
        this.port = port;
        this.adminPort = adminPort;
        this.shipped = shipped.toAbsolutePath();
    }

    public int port() {
        return port;
    }

    /** The internal TLS listener for {@code /admin/} and the master realm. */
    public int adminPort() {
        return adminPort;
    }

    public Path log() {
        return dir.resolve("haproxy.log");
    }

    public String tail(int lines) {
        return KeycloakDistServer.tail(log(), lines);
    }

    /** The shipped configuration file the proxy runs. */
    public Path configFile() {
        return shipped.resolve("haproxy.cfg");
    }

    /**
     * Puts the certificate PEM and the shipped {@code 503.http} in place, checks the shipped file with the
     * run's variables, starts HAProxy and waits for its TLS port; returns how long that took.
     */
    public Duration start(TestCertificate certificate, String publicHost, List<Backend> backends) {
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("No HAProxy at " + binary + " (Debian: apt-get install -y haproxy)");
        }
        if (backends.size() != 2) {
            throw new IllegalArgumentException("The shipped file names two nodes, node-a and node-b");
        }
        try {
            Files.createDirectories(dir);
            Files.copy(shipped.resolve("503.http"), dir.resolve("503.http"), StandardCopyOption.REPLACE_EXISTING);
            Files.copy(certificate.proxyPem(), dir.resolve("icsoe.pem"), StandardCopyOption.REPLACE_EXISTING);
            Map<String, String> env = environment(publicHost, backends);
            Files.writeString(dir.resolve("environment"), env.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue() + "\n").reduce("", String::concat));
            Commands.run(dir, dir.resolve("check.log"), null, env, Duration.ofSeconds(30),
                    binary.toString(), "-c", "-q", "-f", configFile().toString());
            long t0 = System.nanoTime();
            ProcessBuilder builder = new ProcessBuilder(binary.toString(), "-db", "-f", configFile().toString())
                    .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log().toFile());
            builder.environment().putAll(env);
            process = builder.start();
            awaitPort(t0);
            return Duration.ofNanos(System.nanoTime() - t0);
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("Could not start HAProxy", e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The variables {@code haproxy.cfg} documents, for this run; HAProxy connects to the nodes from 127.0.0.1. */
    private Map<String, String> environment(String publicHost, List<Backend> backends) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ICSOE_PUBLIC_BIND", "127.0.0.1:" + port);
        env.put("ICSOE_PUBLIC_HOST", publicHost.substring(0, publicHost.indexOf(':')));
        env.put("ICSOE_ADMIN_BIND", "127.0.0.1:" + adminPort);
        env.put("ICSOE_PROXY_SOURCE", "127.0.0.1");
        env.put("ICSOE_ETC", dir.toString());
        for (int i = 0; i < 2; i++) {
            String node = i == 0 ? "ICSOE_NODE_A" : "ICSOE_NODE_B";
            env.put(node, "127.0.0.1:" + backends.get(i).httpPort());
            env.put(node + "_MANAGEMENT", Integer.toString(backends.get(i).managementPort()));
        }
        env.put("ICSOE_TEST_PIN", "1");
        return env;
    }

    private void awaitPort(long started) {
        long deadline = started + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("HAProxy exited with code " + process.exitValue() + ":\n" + tail(40));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalStateException("HAProxy did not listen on " + port + " within 20 s:\n" + tail(40));
    }

    @Override
    public void close() {
        Process running = process;
        process = null;
        if (running != null) {
            running.destroy();
            try {
                if (!running.waitFor(10, TimeUnit.SECONDS)) {
                    running.destroyForcibly();
                }
            } catch (InterruptedException e) {
                running.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
