package mx.gob.imss.icsoe.keycloak.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.representations.idm.EventRepresentation;

import mx.gob.imss.icsoe.keycloak.testing.Capturista;

import mx.gob.imss.icsoe.keycloak.testing.cluster.ClusterExtension;
import mx.gob.imss.icsoe.keycloak.testing.cluster.IcsoeCluster;
import mx.gob.imss.icsoe.keycloak.testing.cluster.IcsoeCluster.Node;

/**
 * The recipe's safety promises ({@code docs/production.md}) on the cluster the tests start from the
 * shipped {@code deploy/haproxy/haproxy.cfg} and {@code deploy/keycloak/keycloak.conf}: only the realm's
 * pages are public, the admin console and the master realm answer on the internal listener alone, a
 * node reached directly from an address that is not the proxy's ignores its forwarded headers, the
 * nodes talk to PostgreSQL over TLS, JGroups' failure detection uses the port the firewall step opens,
 * and the file log is where the logging step says. Runs first of the cluster classes (name order),
 * with both nodes up.
 */
@Tag("cluster")
@ExtendWith(ClusterExtension.class)
class ClusterDeploymentIT {

    /** Paths that must never be served by the public listener, some dressed up to slip past a prefix rule. */
    private static final List<String> NOT_PUBLIC = List.of("/admin/", "/admin/master/console/", "/admin/realms/icsoe",
            "/realms/master/", "/realms/master/.well-known/openid-configuration", "/realms/MASTER/account",
            "/realms/icsoe/../master/.well-known/openid-configuration",
            "/realms/icsoe/%2e%2e/master/.well-known/openid-configuration", "/realms//master/",
            "/realms/master;x/.well-known/openid-configuration", "/", "/metrics", "/health/ready");

    private static final Pattern SET_COOKIE = Pattern.compile("(?im)^Set-Cookie: ([^;\\r\\n]+)");
    private static final Pattern FORM_ACTION = Pattern.compile("id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");

    @Test
    void givenThePublicListener_whenAdminOrMasterRealmPathsAreAsked_thenRefusedWhileTheInternalListenerServesThem(
            IcsoeCluster cluster) throws Exception {
        HttpClient http = cluster.http();
        for (String path : NOT_PUBLIC) {
            assertThat(rawGetStatus(cluster, cluster.proxy().port(), path)).as("public %s", path).isIn(403, 404);
        }
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(
                        URI.create(cluster.baseUrl() + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=admin-cli&username=admin&password=x"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).as("a master token through the public listener").isIn(403, 404);
        assertThat(get(http, cluster.realmUrl() + "/.well-known/openid-configuration").statusCode()).isEqualTo(200);

        HttpResponse<String> console = get(http, cluster.adminUrl() + "/admin/master/console/");
        assertThat(console.statusCode()).as("the admin console on the internal listener").isEqualTo(200);
        assertThat(cluster.admin().serverInfo().getInfo().getSystemInfo().getVersion()).startsWith("26.");
        assertThat(cluster.realm().toRepresentation().getRealm()).isEqualTo(IcsoeCluster.REALM);
    }

    @Test
    void givenTheTemporaryAdministrator_whenTheRecipesKcadmStepsCreateAPermanentOne_thenItAdministersTheRealm(
            IcsoeCluster cluster) throws IOException {
        Path dir = Files.createTempDirectory("icsoe-kcadm");
        String name = "icsoe-admin-" + Long.toHexString(System.nanoTime());
        String password = cluster.users().password();
        Path asTemporary = dir.resolve("temporary.config");
        cluster.kcadm(asTemporary, "config", "credentials", "--realm", "master", "--user", IcsoeCluster.ADMIN_USER,
                "--password", cluster.adminPassword());
        cluster.kcadm(asTemporary, "create", "users", "-r", "master", "-s", "username=" + name, "-s", "enabled=true");
        cluster.kcadm(asTemporary, "set-password", "-r", "master", "--username", name, "--new-password", password);
        cluster.kcadm(asTemporary, "add-roles", "-r", "master", "--uusername", name, "--rolename", "admin");

        Path asPermanent = dir.resolve("permanent.config");
        cluster.kcadm(asPermanent, "config", "credentials", "--realm", "master", "--user", name, "--password", password);
        cluster.kcadm(asPermanent, "update", "realms/icsoe", "-s", "attributes.icsoeKcadmCheck=" + name);
        assertThat(cluster.realm().toRepresentation().getAttributes()).containsEntry("icsoeKcadmCheck", name);
        // deleting the temporary administrator, the recipe's last command, is left out: the other
        // cluster tests sign in as it
    }

    @Test
    void givenANodeReachedDirectlyFromAnUntrustedAddress_whenItSendsItsOwnForwardedHeaders_thenTheNodeIgnoresThem(
            IcsoeCluster cluster) throws Exception {
        Capturista capturista = cluster.users().create();
        int nodePort = cluster.node(Node.A).settings().httpPort();
        // the proxy's own address (--proxy-trusted-addresses): its X-Forwarded-For names the client
        failedLogin(cluster, InetAddress.getByName("127.0.0.1"), nodePort, "203.0.113.8", capturista.curp());
        // any other address: its X-Forwarded-For and X-Forwarded-Proto count for nothing
        failedLogin(cluster, InetAddress.getByName("127.0.0.2"), nodePort, "203.0.113.7", capturista.curp());

        assertThat(loginErrorsFrom(cluster, "203.0.113.8")).as("the trusted proxy address is believed").isNotEmpty();
        assertThat(loginErrorsFrom(cluster, "127.0.0.2")).as("the untrusted client is recorded as itself").isNotEmpty();
        assertThat(loginErrorsFrom(cluster, "203.0.113.7")).as("the untrusted client's own X-Forwarded-For").isEmpty();
    }

    /** The login page straight from the node, then a wrong password posted to it, both with forged forwarding headers. */
    private static void failedLogin(IcsoeCluster cluster, InetAddress from, int nodePort, String forgedClient, String curp)
            throws IOException {
        String forged = "X-Forwarded-Proto: https\r\nX-Forwarded-Port: 443\r\nX-Forwarded-For: " + forgedClient + "\r\n";
        String page = rawRequest(from, nodePort, "GET", cluster.portalLoginUrl().substring(cluster.baseUrl().length()),
                forged, null);
        assertThat(status(page)).as("the login page straight from the node").isEqualTo(200);
        StringBuilder cookies = new StringBuilder();
        Matcher cookie = SET_COOKIE.matcher(page);
        while (cookie.find()) {
            cookies.append(cookies.length() == 0 ? "" : "; ").append(cookie.group(1));
        }
        Matcher action = FORM_ACTION.matcher(page);
        assertThat(action.find()).as("the login form").isTrue();
        String target = action.group(1).replace("&amp;", "&").substring(cluster.baseUrl().length());
        String body = "username=" + URLEncoder.encode(curp, StandardCharsets.UTF_8) + "&password=no-es-la-contrasena";
        String answer = rawRequest(from, nodePort, "POST", target, forged + "Cookie: " + cookies
                + "\r\nContent-Type: application/x-www-form-urlencoded\r\n", body);
        assertThat(status(answer)).as("the wrong password's answer").isLessThan(500);
    }

    private static List<EventRepresentation> loginErrorsFrom(IcsoeCluster cluster, String address) {
        return cluster.realm().getEvents(List.of("LOGIN_ERROR"), null, null, null, null, address, 0, 10);
    }

    @Test
    void givenTheNodesRunning_whenPostgresListsTheirConnections_thenEveryOneIsEncrypted(IcsoeCluster cluster) {
        List<String> encrypted = cluster.postgres().jdbcConnectionsEncrypted().lines().toList();
        assertThat(encrypted).as("pg_stat_ssl of Keycloak's JDBC connections").isNotEmpty().allMatch("t"::equals);
        for (Node node : Node.values()) {
            assertThat(cluster.node(node).tail(100_000)).as("%s's --db-url", node)
                    .doesNotContain("sslmode=disable");
        }
    }

    @Test
    void givenTheNodesRunning_whenTheirLogsAreRead_thenFailureDetectionUsesTheBindPortPlus50000AndTheFileLogIsWritten(
            IcsoeCluster cluster) throws IOException {
        for (Node node : Node.values()) {
            int failureDetection = cluster.clusterPort(node) + IcsoeCluster.FAILURE_DETECTION_OFFSET;
            assertThat(cluster.node(node).tail(100_000)).as("%s's FD_SOCK2 port", node)
                    .containsPattern("FD_SOCK2\\] \\([^)]*\\) server listening on \\S*:" + failureDetection + "\\b");
            Path fileLog = cluster.node(node).settings().instanceDir().resolve("data/log/keycloak.log");
            assertThat(fileLog).as("the file log of keycloak.conf").exists();
            assertThat(Files.readString(fileLog, StandardCharsets.UTF_8)).contains("started in");
        }
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A GET through the proxy's TLS listener with the path exactly as given (no client normalisation). */
    private static int rawGetStatus(IcsoeCluster cluster, int port, String path) throws IOException {
        try (Socket socket = cluster.sslSocket(port)) {
            return status(exchange(socket, "GET", "localhost:" + port, path, "", null));
        }
    }

    /** A plain-HTTP request to a node from {@code from}, with {@code headers} (CRLF-terminated lines). */
    private static String rawRequest(InetAddress from, int port, String method, String path, String headers, String body)
            throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            return exchange(socket, method, "localhost:" + port, path, headers, body);
        }
    }

    private static String exchange(Socket socket, String method, String host, String path, String headers, String body)
            throws IOException {
        socket.setSoTimeout(15_000);
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        OutputStream out = socket.getOutputStream();
        out.write((method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\nAccept-Language: es-MX\r\n" + headers
                + (body == null ? "" : "Content-Length: " + content.length + "\r\n")
                + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(content);
        out.flush();
        try (InputStream in = socket.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static int status(String response) {
        assertThat(response).startsWith("HTTP/1.");
        return Integer.parseInt(response.substring(9, 12));
    }
}
