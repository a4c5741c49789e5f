package mx.gob.imss.icsoe.keycloak.testing.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import mx.gob.imss.icsoe.keycloak.testing.KeycloakDistServer;

/**
 * HAProxy in front of the two nodes, as a deployer's load balancer: TLS with the run's certificate,
 * {@code X-Forwarded-For}, {@code -Proto}, {@code -Host} and {@code -Port} always overwritten with what
 * the proxy itself saw (never appended to what a client sent), round robin over the nodes whose
 * {@code /health/ready} answers (over those whose {@code /health/live} answers when none is ready),
 * and a failed connection retried on the other node. For the tests only: the
 * request header {@value #PIN_HEADER} ({@code a} or {@code b}) pins a request to one node, and the
 * response header {@value #SERVED_BY_HEADER} names the node that answered. When no node can answer, or a
 * node answers with a 5xx (e.g. while the database is down), the person gets the proxy's own Spanish
 * page {@code deploy/haproxy/servicio-no-disponible.html} (503, {@code Retry-After}), never Keycloak's
 * internal error.
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
    private final Path unavailablePage;
    private Process process;

    public LocalHaproxy(Path binary, Path dir, int port, Path unavailablePage) {
        this.binary = binary;
        this.dir = dir.toAbsolutePath();
        this.port = port;
        this.unavailablePage = unavailablePage.toAbsolutePath();
    }

    public int port() {
        return port;
    }

    public Path log() {
        return dir.resolve("haproxy.log");
    }

    public String tail(int lines) {
        return KeycloakDistServer.tail(log(), lines);
    }

    /** Writes the configuration, checks it, starts HAProxy and waits for its TLS port; returns how long that took. */
    public Duration start(TestCertificate certificate, String publicHost, List<Backend> backends) {
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("No HAProxy at " + binary + " (Debian: apt-get install -y haproxy)");
        }
        try {
            Files.createDirectories(dir);
            Path errorFile = dir.resolve("503.http");
            Files.writeString(errorFile, "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/html; charset=utf-8\r\n"
                    + "Retry-After: 30\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n" + Files.readString(unavailablePage));
            Path config = dir.resolve("haproxy.cfg");
            Files.writeString(config, config(certificate.proxyPem(), publicHost, backends));
            Commands.run(dir, dir.resolve("check.log"), null, Map.of(), Duration.ofSeconds(30),
                    binary.toString(), "-c", "-q", "-f", config.toString());
            long t0 = System.nanoTime();
            process = new ProcessBuilder(binary.toString(), "-db", "-f", config.toString()).directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(log().toFile()).start();
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

    private String config(Path pem, String publicHost, List<Backend> backends) {
        StringBuilder cfg = new StringBuilder();
        cfg.append("""
                global
                  log stdout format raw local0 info
                  maxconn 2000
                  ssl-default-bind-options ssl-min-ver TLSv1.2

                defaults
                  mode http
                  log global
                  timeout connect 2s
                  timeout client 60s
                  timeout server 60s
                  timeout http-request 10s
                  # a refused or dropped connection is tried again, on the other node
                  option redispatch 1
                  retries 3
                  retry-on conn-failure empty-response
                  option http-buffer-request
                  # no node, or a node's 5xx: the proxy's own page, never Keycloak's internals
                  errorfile 502 %6$s
                  errorfile 503 %6$s
                  errorfile 504 %6$s

                frontend https
                  bind 127.0.0.1:%1$d ssl crt %2$s
                  http-request capture req.hdr(Host) len 80
                  log-format "%%ci [%%tr] %%b/%%s %%ST %%Tr ms %%HM %%HP host=%%[capture.req.hdr(0)]"
                  # overwrite, never append: a client's own X-Forwarded-* must not reach Keycloak
                  http-request del-header Forwarded
                  http-request set-header X-Forwarded-For %%[src]
                  http-request set-header X-Forwarded-Proto https
                  http-request set-header X-Forwarded-Host %3$s
                  http-request set-header X-Forwarded-Port %1$d
                  # tests only: pin a request to one node, and say which node answered
                  use_backend node-a if { req.hdr(%4$s) -m str a }
                  use_backend node-b if { req.hdr(%4$s) -m str b }
                  # no node ready (a survivor reports DOWN for up to a minute after the coordinator died):
                  # the nodes that are alive rather than nobody
                  use_backend nodes-alive if { nbsrv(nodes) eq 0 }
                  default_backend nodes
                  http-response set-header %5$s %%s
                  http-response return status 503 content-type "text/html; charset=utf-8" hdr Retry-After 30 file %7$s if { status ge 500 }

                backend nodes
                  balance roundrobin
                  option httpchk GET /health/ready
                  http-check expect status 200
                """.formatted(port, pem, publicHost, PIN_HEADER, SERVED_BY_HEADER, dir.resolve("503.http"), unavailablePage));
        for (Backend backend : backends) {
            cfg.append(server(backend));
        }
        cfg.append("\nbackend nodes-alive\n  balance roundrobin\n  option httpchk GET /health/live\n"
                + "  http-check expect status 200\n");
        for (Backend backend : backends) {
            cfg.append(server(backend));
        }
        // a pin reaches its node whenever it is alive, ready or not
        for (Backend backend : backends) {
            cfg.append("\nbackend ").append(backend.name()).append("\n")
                    .append("  option httpchk GET /health/live\n")
                    .append("  http-check expect status 200\n")
                    .append(server(backend));
        }
        return cfg.toString();
    }

    private static String server(Backend backend) {
        return "  server " + backend.name() + " 127.0.0.1:" + backend.httpPort() + " check port " + backend.managementPort()
                + " inter 1s fastinter 500ms fall 2 rise 2\n";
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
