package mx.gob.imss.icsoe.keycloak.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;

import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.RealmResource;

/**
 * The system under test: a real Keycloak (dist zip) with the built extension and the imported
 * {@code icsoe} realm, whose mail goes to a GreenMail SMTP server in this JVM. Started once per test
 * run by {@link KeycloakExtension}; closing it stops both.
 */
public final class IcsoeKeycloak implements AutoCloseable {

    public static final String REALM = "icsoe";
    public static final String ADMIN_USER = "admin";

    private final KeycloakDistServer server;
    private final Mailbox mailbox;
    private final Keycloak admin;
    private final TestUsers users;
    private final PortalClient portal;
    private final Duration startTime;

    private IcsoeKeycloak(KeycloakDistServer server, Mailbox mailbox, Keycloak admin, Duration startTime) {
        this.server = server;
        this.mailbox = mailbox;
        this.admin = admin;
        this.startTime = startTime;
        this.users = new TestUsers(realm());
        this.portal = new PortalClient(server.baseUrl(), REALM);
    }

    /** Starts GreenMail and Keycloak from the locations Maven passes as system properties. */
    static IcsoeKeycloak startFromSystemProperties() {
        Path workDir = Paths.get(property("icsoe.work.dir"));
        Mailbox mailbox = new Mailbox(FreePorts.any());
        String adminPassword = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
        KeycloakDistServer server = new KeycloakDistServer(new KeycloakDistServer.Settings(
                Paths.get(property("keycloak.dist.dir")), workDir.resolve("keycloak"),
                Paths.get(property("icsoe.jar")),
                DevRealmFile.plainHttpCopy(Paths.get(property("icsoe.realm")), workDir.resolve("realm-export.dev.json")),
                FreePorts.any(), FreePorts.any(), ADMIN_USER, adminPassword, false, Duration.ofMinutes(6)));
        long started = System.nanoTime();
        try {
            System.out.println("[icsoe-it] Starting Keycloak " + System.getProperty("keycloak.version", "")
                    + " from the dist zip at " + server.baseUrl() + " (log: " + server.logFile() + ")");
            server.start(seconds -> System.out.println("[icsoe-it] … waiting for Keycloak, " + seconds + " s"), REALM);
        } catch (RuntimeException e) {
            mailbox.close();
            throw e;
        }
        Duration startTime = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf("[icsoe-it] Keycloak ready in %.1f s%n", startTime.toMillis() / 1000.0);
        Keycloak admin = KeycloakBuilder.builder().serverUrl(server.baseUrl()).realm("master")
                .clientId("admin-cli").username(ADMIN_USER).password(adminPassword).build();
        IcsoeKeycloak keycloak = new IcsoeKeycloak(server, mailbox, admin, startTime);
        keycloak.restoreSmtp();
        PortalUrls.ofTests(REALM).applyTo(keycloak.realm());
        recordStartTime(workDir, startTime);
        return keycloak;
    }

    private static void recordStartTime(Path workDir, Duration startTime) {
        try {
            Files.writeString(workDir.resolve("keycloak-start-seconds.txt"),
                    String.format("%.1f%n", startTime.toMillis() / 1000.0));
        } catch (java.io.IOException e) {
            System.out.println("[icsoe-it] could not record the start time: " + e.getMessage());
        }
    }

    /** A system property Maven passes to the ITs; fails clearly when the test runs outside Maven. */
    public static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + name + " is not set: run the ITs through Maven (mvn verify)");
        }
        return value;
    }

    /** {@code http://localhost:<port>}: browse here (HtmlUnit keeps Secure cookies on localhost only). */
    public String baseUrl() {
        return server.baseUrl();
    }

    /** {@code http://127.0.0.1:<management port>}: {@code /health/ready}, {@code /metrics} (Prometheus text). */
    public String managementUrl() {
        return server.managementUrl();
    }

    public String realmUrl() {
        return baseUrl() + "/realms/" + REALM;
    }

    public Keycloak admin() {
        return admin;
    }

    public RealmResource realm() {
        return admin.realm(REALM);
    }

    public Mailbox mailbox() {
        return mailbox;
    }

    public TestUsers users() {
        return users;
    }

    public PortalClient portal() {
        return portal;
    }

    /** An authorization URL of the portal client (PKCE): opening it shows the login page. */
    public String portalLoginUrl() {
        return portal.authorizationUrl(PortalClient.Pkce.create());
    }

    public int smtpPort() {
        return mailbox.port();
    }

    public Duration startTime() {
        return startTime;
    }

    /** The server process, for what the tests measure of it (CPU time, management port). */
    public KeycloakDistServer server() {
        return server;
    }

    public Path serverLog() {
        return server.logFile();
    }

    public String serverLogTail(int lines) {
        return server.tail(lines);
    }

    /** Points the realm's mail at another SMTP server (e.g. a slow or a dead one). */
    public void setSmtp(String host, int port) {
        RealmMail.pointAt(realm(), host, port);
    }

    /** Points the realm's mail back at this run's GreenMail. */
    public void restoreSmtp() {
        setSmtp("127.0.0.1", mailbox.port());
    }

    @Override
    public void close() {
        try {
            admin.close();
        } finally {
            try {
                server.close();
            } finally {
                mailbox.close();
            }
        }
    }
}
