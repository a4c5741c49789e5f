package mx.gob.imss.icsoe.keycloak.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import mx.gob.imss.icsoe.keycloak.OwnErrorPage;
import mx.gob.imss.icsoe.keycloak.testing.FreePorts;
import mx.gob.imss.icsoe.keycloak.testing.cluster.IcsoeCluster;
import mx.gob.imss.icsoe.keycloak.testing.cluster.LocalHaproxy;
import mx.gob.imss.icsoe.keycloak.testing.cluster.TestCertificate;

/**
 * The shipped proxy's rule for a node's 5xx, on its own: HAProxy from {@code deploy/haproxy/haproxy.cfg}
 * in front of two small HTTP servers that answer as a node does, a 503 page marked with the extension's
 * {@link OwnErrorPage#HEADER} (as the reset step's "Intenta más tarde") and an unmarked 500 (as a
 * Keycloak internal error). The extension's page must reach the person; the other becomes the proxy's
 * page. (A real node cannot be made to answer the extension's 503 on demand: Keycloak creates a
 * fallback HS512 key when a realm has none active.) Starts no Keycloak; tagged with the cluster tests,
 * which need HAProxy.
 */
@Tag("cluster")
class ClusterProxyPagesIT {

    private static final String OWN_PAGE = "<!DOCTYPE html><html lang=\"es-MX\"><body><p>Por el momento no es posible "
            + "restablecer tu contraseña. Intenta más tarde.</p></body></html>";
    private static final List<HttpServer> SERVERS = new ArrayList<>();
    private static final java.util.concurrent.atomic.AtomicInteger INTERNAL_ERRORS = new java.util.concurrent.atomic.AtomicInteger();
    private static LocalHaproxy proxy;
    private static TestCertificate certificate;

    @BeforeAll
    static void start() throws IOException {
        Path dir = Paths.get(System.getProperty("icsoe.work.dir")).resolve("proxy-pages");
        certificate = TestCertificate.generate(dir.resolve("tls"));
        List<LocalHaproxy.Backend> backends = new ArrayList<>();
        for (String name : List.of("node-a", "node-b")) {
            HttpServer http = server();
            http.createContext("/realms/icsoe/own", exchange -> answer(exchange, 503, true));
            http.createContext("/realms/icsoe/internal", exchange -> {
                INTERNAL_ERRORS.incrementAndGet();
                answer(exchange, 500, false);
            });
            HttpServer management = server();
            management.createContext("/health/", exchange -> answer(exchange, 200, false));
            backends.add(new LocalHaproxy.Backend(name, http.getAddress().getPort(), management.getAddress().getPort()));
        }
        proxy = new LocalHaproxy(Paths.get(System.getProperty("icsoe.haproxy", "/usr/sbin/haproxy")), dir.resolve("haproxy"),
                FreePorts.any(), FreePorts.any(), IcsoeCluster.deployDir().resolve("haproxy"));
        proxy.start(certificate, "localhost:" + 443, backends);
        // the first second answers "no node" until the health checks pass
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (get("/realms/icsoe/own").headers().firstValue(LocalHaproxy.SERVED_BY_HEADER).isEmpty()) {
            assertThat(System.nanoTime()).as("HAProxy sees a node within 20 s").isLessThan(deadline);
            pause();
        }
    }

    @AfterAll
    static void stop() {
        if (proxy != null) {
            proxy.close();
        }
        SERVERS.forEach(server -> server.stop(0));
    }

    @Test
    void givenANodesOwnMarked503_whenItPassesTheProxy_thenThePersonGetsItAsItIs() throws Exception {
        HttpResponse<String> own = get("/realms/icsoe/own");
        assertThat(own.statusCode()).isEqualTo(503);
        assertThat(own.body()).contains("Intenta más tarde").doesNotContain("icsoe-unavailable");
    }

    @Test
    void givenAnUnmarked5xx_whenItPassesTheProxy_thenThePersonGetsTheProxysPage() throws Exception {
        int before = INTERNAL_ERRORS.get();
        HttpResponse<String> internal = get("/realms/icsoe/internal");
        assertThat(INTERNAL_ERRORS.get()).as("the node answered the request").isGreaterThan(before);
        assertThat(internal.statusCode()).isEqualTo(503);
        assertThat(internal.headers().firstValue("Retry-After")).hasValue("30");
        assertThat(internal.body()).contains("id=\"icsoe-unavailable\"").doesNotContain("internal");
    }

    private static HttpResponse<String> get(String path) throws IOException {
        HttpClient client = HttpClient.newBuilder().sslContext(certificate.sslContext()).build();
        try {
            return client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + proxy.port() + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpServer server() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.start();
        SERVERS.add(server);
        return server;
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, boolean marked) throws IOException {
        byte[] body = (status == 200 ? "{\"status\": \"UP\"}" : status == 503 ? OWN_PAGE : "internal error")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        if (marked) {
            exchange.getResponseHeaders().set(OwnErrorPage.HEADER, "own");
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
