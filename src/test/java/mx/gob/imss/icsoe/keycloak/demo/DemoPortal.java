package mx.gob.imss.icsoe.keycloak.demo;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import mx.gob.imss.icsoe.keycloak.testing.PortalClient;
import mx.gob.imss.icsoe.keycloak.testing.PortalUrls;

/**
 * A stand-in for the ICSOE application, for the demo and the journey test: "ICSOE (demostración)"
 * with "Ingresar", which runs the OIDC authorization code flow with PKCE against the realm as the
 * public client {@code icsoe-portal}; back with a code it exchanges it, verifies the ID token
 * ({@link IdTokenCheck}: the realm's keys, issuer, audience, expiry, nonce) and shows "Sesión
 * iniciada" with the CURP it names; "Cerrar sesión" is Keycloak's RP-initiated logout.
 * <p>
 * Its start page for sign-in is {@value #START}: the client's base URL, where "Aceptar" and
 * "Regresar a ICSOE" lead, so that they open the login page. A demo, not a product: sessions live
 * in this JVM's memory and the cookie is not {@code Secure} (plain HTTP on localhost).
 */
public final class DemoPortal implements AutoCloseable {

    static final String START = "/ingresar";
    static final String CALLBACK = "/callback";
    static final String LOGOUT = "/salir";
    private static final String COOKIE = "icsoe_demo";
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Pending(PortalClient.Pkce pkce, String nonce) {
    }

    private record SignedIn(String curp, String name, String idToken) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(2);
    private final String origin;
    private final PortalClient client;
    private final IdTokenCheck check;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Map<String, SignedIn> sessions = new ConcurrentHashMap<>();

    /** Serves on {@code 127.0.0.1:port} (0: any free port) for the realm {@code realm} of the Keycloak at {@code keycloakBaseUrl}. */
    public DemoPortal(String keycloakBaseUrl, String realm, int port) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("demo portal: port " + port, e);
        }
        origin = "http://localhost:" + server.getAddress().getPort();
        client = new PortalClient(keycloakBaseUrl, realm).withRedirectUri(origin + CALLBACK);
        check = new IdTokenCheck(client.realmUrl(), PortalClient.CLIENT_ID, client::jwks);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    /** {@code http://localhost:<port>}: the page a capturista starts from. */
    public String url() {
        return origin;
    }

    /** The portal client's addresses for this portal, to set on the realm at start-up. */
    public PortalUrls urls() {
        return PortalUrls.ofApplication(origin, START, CALLBACK);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Map<String, String> query = query(exchange.getRequestURI());
            switch (path) {
                case "/" -> home(exchange, query.containsKey("salida"));
                case START -> signIn(exchange);
                case CALLBACK -> callback(exchange, query);
                case LOGOUT -> logout(exchange);
                default -> page(exchange, 404, "No encontrado", "<h1>Página no encontrada</h1>"
                        + "<p><a href=\"/\">Ir al inicio de ICSOE (demostración)</a></p>");
            }
        } catch (RuntimeException e) {
            System.err.println("[demo portal] " + e);
        }
    }

    private void home(HttpExchange exchange, boolean signedOut) throws IOException {
        SignedIn session = sessions.get(cookie(exchange));
        if (session == null) {
            page(exchange, 200, "ICSOE (demostración)", "<h1>ICSOE (demostración)</h1>"
                    + (signedOut ? "<p id=\"portal-status\" role=\"status\">Cerraste tu sesión.</p>" : "")
                    + "<p>Informativa de Contratos de Servicios u Obras Especializadas. Esta página hace las veces de"
                    + " la aplicación ICSOE: con «Ingresar» vas al inicio de sesión del IMSS.</p>"
                    + "<p><a id=\"portal-login\" class=\"btn\" href=\"" + START + "\">Ingresar</a></p>");
            return;
        }
        page(exchange, 200, "Sesión iniciada · ICSOE (demostración)", "<h1>Sesión iniciada</h1>"
                + "<p id=\"portal-user\">" + MailViewer.escape(session.name()) + "</p>"
                + "<p>CURP: <strong id=\"portal-curp\">" + MailViewer.escape(session.curp()) + "</strong></p>"
                + "<form method=\"post\" action=\"" + LOGOUT + "\"><button id=\"portal-logout\" class=\"btn\" type=\"submit\">"
                + "Cerrar sesión</button></form>");
    }

    private void signIn(HttpExchange exchange) throws IOException {
        String state = random();
        Pending attempt = new Pending(PortalClient.Pkce.create(), random());
        pending.put(state, attempt);
        redirect(exchange, client.authorizationUrl(attempt.pkce(), state, attempt.nonce()), null);
    }

    private void callback(HttpExchange exchange, Map<String, String> query) throws IOException {
        Pending attempt = query.get("state") == null ? null : pending.remove(query.get("state"));
        String code = query.get("code");
        if (attempt == null || code == null) {
            refused(exchange);
            return;
        }
        Map<String, Object> tokens = client.exchange(code, attempt.pkce());
        Object idToken = tokens.get("id_token");
        if (!Integer.valueOf(200).equals(tokens.get("http_status")) || !(idToken instanceof String)) {
            refused(exchange);
            return;
        }
        IdTokenCheck.Claims claims;
        try {
            claims = check.verify((String) idToken, attempt.nonce());
        } catch (IdTokenCheck.Refused e) {
            System.err.println("[demo portal] ID token refused: " + e.getMessage());
            refused(exchange);
            return;
        }
        String session = random();
        sessions.put(session, new SignedIn(claims.username().toUpperCase(Locale.ROOT), claims.name(), (String) idToken));
        redirect(exchange, "/", COOKIE + "=" + session + "; Path=/; HttpOnly; SameSite=Lax");
    }

    private void logout(HttpExchange exchange) throws IOException {
        SignedIn session = sessions.remove(cookie(exchange));
        String clear = COOKIE + "=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0";
        if (session == null) {
            redirect(exchange, "/", clear);
            return;
        }
        redirect(exchange, client.logoutUrl(session.idToken(), origin + "/?salida=1"), clear);
    }

    private void refused(HttpExchange exchange) throws IOException {
        page(exchange, 400, "No se pudo iniciar sesión · ICSOE (demostración)", "<h1>No se pudo iniciar sesión</h1>"
                + "<p>La respuesta del inicio de sesión no es válida o ya se usó.</p>"
                + "<p><a id=\"portal-login\" class=\"btn\" href=\"" + START + "\">Ingresar</a></p>");
    }

    private static void redirect(HttpExchange exchange, String location, String cookie) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        if (cookie != null) {
            exchange.getResponseHeaders().add("Set-Cookie", cookie);
        }
        exchange.sendResponseHeaders(302, -1);
    }

    private static void page(HttpExchange exchange, int status, String title, String body) throws IOException {
        byte[] html = ("<!DOCTYPE html><html lang=\"es-MX\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + MailViewer.escape(title) + "</title>"
                + "<style>body{margin:0;font-family:system-ui,sans-serif;color:#212121;background:#f5f5f5}"
                + "header{background:#611232;color:#fff;padding:12px 16px;font-weight:700}"
                + "main{max-width:40rem;margin:24px auto;padding:24px 16px;background:#fff}"
                + "h1{margin-top:0;font-size:1.5rem}"
                + ".btn{display:inline-flex;align-items:center;min-height:44px;padding:10px 20px;border:0;border-radius:4px;font:inherit;"
                + "font-weight:700;color:#fff;background:#9d2449;text-decoration:none;cursor:pointer}"
                + ".btn:focus-visible{outline:3px solid #611232;outline-offset:2px}</style></head>"
                + "<body><header>Gobierno de México · IMSS</header><main>" + body + "</main></body></html>")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        // no form-action: "Cerrar sesión" posts here and is redirected to Keycloak's logout
        exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
        exchange.sendResponseHeaders(status, html.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(html);
        }
    }

    private static String cookie(HttpExchange exchange) {
        for (String header : exchange.getRequestHeaders().getOrDefault("Cookie", java.util.List.of())) {
            for (String pair : header.split(";")) {
                String[] parts = pair.strip().split("=", 2);
                if (parts.length == 2 && parts[0].equals(COOKIE)) {
                    return parts[1];
                }
            }
        }
        return "";
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> values = new java.util.HashMap<>();
        String raw = uri.getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] parts = pair.split("=", 2);
                values.put(java.net.URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                        parts.length == 2 ? java.net.URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
            }
        }
        return values;
    }

    private static String random() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
