package mx.gob.imss.icsoe.keycloak.testing.cluster;

import static mx.gob.imss.icsoe.keycloak.testing.IcsoeKeycloak.property;

import java.io.IOException;
import java.net.InetAddress;
import java.net.MalformedURLException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.htmlunit.WebClient;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.RealmEventsConfigRepresentation;

import mx.gob.imss.icsoe.keycloak.testing.Browsers;
import mx.gob.imss.icsoe.keycloak.testing.FreePorts;
import mx.gob.imss.icsoe.keycloak.testing.KeycloakDistServer;
import mx.gob.imss.icsoe.keycloak.testing.Mailbox;
import mx.gob.imss.icsoe.keycloak.testing.MonitoringPack;
import mx.gob.imss.icsoe.keycloak.testing.PortalClient;
import mx.gob.imss.icsoe.keycloak.testing.PortalUrls;
import mx.gob.imss.icsoe.keycloak.testing.RealmMail;
import mx.gob.imss.icsoe.keycloak.testing.TestUsers;

/**
 * The production shape, started by the test run: PostgreSQL 15, two Keycloak nodes in production mode
 * ({@code kc.sh build} once, then {@code start --optimized} per node, on a Java 21+ JDK) clustered
 * with Infinispan over JDBC_PING on 127.0.0.1, HAProxy terminating TLS in front of them, and Prometheus
 * scraping both nodes with the shipped alert rules. The
 * shipped {@code realm-export.json} is imported unchanged; the run's GreenMail becomes the realm's SMTP
 * server through the admin API. Started once per run by {@link ClusterExtension}; closing stops all.
 */
public final class IcsoeCluster implements AutoCloseable {

    public static final String REALM = "icsoe";
    public static final String ADMIN_USER = "admin";
    /** JGroups' FD_SOCK2 listens at the cluster bind port + this offset. */
    public static final int FAILURE_DETECTION_OFFSET = 50_000;
    private static final Pattern VIEW_OF_TWO = Pattern.compile("ISPN000094: Received new cluster view[^\\n]*\\(2\\)");

    /** The two nodes; {@link #pin()} is the proxy's pin header value. */
    public enum Node {
        A, B;

        public String id() {
            return "node-" + pin();
        }

        public String pin() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Path workDir;
    private final Mailbox mailbox;
    private final LocalPostgres postgres;
    private final TestCertificate certificate;
    private final LocalHaproxy proxy;
    private final LocalPrometheus prometheus;
    private final Map<Node, KeycloakDistServer> nodes = new EnumMap<>(Node.class);
    private final Map<String, Duration> startTimes = new LinkedHashMap<>();
    private final String adminPassword = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
    private final Thread shutdownHook = new Thread(this::close, "icsoe-cluster-stop");
    private final Map<Node, Integer> clusterPorts = new EnumMap<>(Node.class);
    private Keycloak admin;
    private TestUsers users;

    private IcsoeCluster(Path workDir) {
        this.workDir = workDir;
        this.mailbox = new Mailbox(FreePorts.any());
        this.postgres = new LocalPostgres(Paths.get(System.getProperty("icsoe.postgres.bin", "/usr/lib/postgresql/15/bin")),
                workDir.resolve("postgres"), FreePorts.any(), HexFormat.of().formatHex(new SecureRandom().generateSeed(12)));
        this.certificate = TestCertificate.generate(workDir.resolve("tls"));
        this.proxy = new LocalHaproxy(Paths.get(System.getProperty("icsoe.haproxy", "/usr/sbin/haproxy")),
                workDir.resolve("haproxy"), FreePorts.any(), FreePorts.any(), deployDir().resolve("haproxy"));
        this.prometheus = new LocalPrometheus(Paths.get(System.getProperty("icsoe.prometheus", "/usr/bin/prometheus")),
                workDir.resolve("prometheus"), FreePorts.any());
    }

    /** Starts everything from the locations Maven passes as system properties; on failure prints every part's log tail. */
    static IcsoeCluster startFromSystemProperties() {
        IcsoeCluster cluster = new IcsoeCluster(Paths.get(property("icsoe.work.dir")).resolve("cluster"));
        Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
        try {
            cluster.start();
            return cluster;
        } catch (RuntimeException e) {
            System.err.println("[icsoe-cluster] start-up failed: " + e.getMessage());
            System.err.println(cluster.logTails(60));
            cluster.close();
            throw e;
        }
    }

    private void start() {
        long all = System.nanoTime();
        try {
            Files.createDirectories(workDir);
            Files.deleteIfExists(workDir.resolve("outage-figures.txt"));
            Files.deleteIfExists(workDir.resolve("prometheus-figures.txt"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Duration[] pg = postgres.initAndStart();
        startTimes.put("PostgreSQL initdb", pg[0]);
        startTimes.put("PostgreSQL start", pg[1]);
        say("PostgreSQL 15 on 127.0.0.1:" + postgres.port() + " (initdb " + seconds(pg[0]) + ", start " + seconds(pg[1]) + ")");

        Path jdk = Paths.get(System.getProperty("icsoe.cluster.java.home", "/usr/lib/jvm/temurin-25-jdk-amd64"));
        if (!Files.isExecutable(jdk.resolve("bin/java"))) {
            throw new IllegalStateException("No JDK at " + jdk + " for the cluster nodes (set -Dicsoe.cluster.java.home)");
        }
        Map<String, String> javaHome = Map.of("JAVA_HOME", jdk.toString());
        long t0 = System.nanoTime();
        Path built = workDir.resolve("built");
        KeycloakDistServer.build(Paths.get(property("keycloak.dist.dir")), built, Paths.get(property("icsoe.jar")),
                keycloakConf(), javaHome, Duration.ofMinutes(5));
        startTimes.put("kc.sh build", Duration.ofNanos(System.nanoTime() - t0));
        say("kc.sh build with " + keycloakConf() + ": " + seconds(startTimes.get("kc.sh build")));

        List<LocalHaproxy.Backend> backends = new ArrayList<>();
        for (Node node : Node.values()) {
            int httpPort = FreePorts.any();
            int managementPort = FreePorts.any();
            int clusterPort = clusterPort();
            clusterPorts.put(node, clusterPort);
            backends.add(new LocalHaproxy.Backend(node.id(), httpPort, managementPort));
            Map<String, String> env = new LinkedHashMap<>(javaHome);
            env.put("KC_DB_PASSWORD", postgres.password());
            nodes.put(node, new KeycloakDistServer(new KeycloakDistServer.Settings(built, workDir.resolve(node.id()), null,
                    Paths.get(property("icsoe.realm")), httpPort, managementPort, ADMIN_USER, adminPassword, false,
                    Duration.ofMinutes(5), startArguments(node.id(), postgres.jdbcUrl(), baseUrl(), adminUrl(), httpPort,
                    managementPort, clusterPort), env)));
        }
        Duration proxyStart = proxy.start(certificate, publicHost(), backends);
        startTimes.put("HAProxy", proxyStart);
        say("HAProxy on " + baseUrl() + " (" + seconds(proxyStart) + ")");
        Duration prometheusStart = prometheus.start(MonitoringPack.ofCheckout(),
                backends.stream().map(LocalHaproxy.Backend::managementPort).toList());
        startTimes.put("Prometheus", prometheusStart);
        say("Prometheus on " + prometheus.url() + ", scraping both nodes every second (" + seconds(prometheusStart) + ")");

        for (Node node : Node.values()) {
            long started = System.nanoTime();
            nodes.get(node).start(s -> say("… waiting for " + node.id() + ", " + s + " s"), REALM);
            startTimes.put(node.id(), Duration.ofNanos(System.nanoTime() - started));
            say(node.id() + " ready in " + seconds(startTimes.get(node.id())) + " (log: " + nodes.get(node).logFile() + ")");
        }
        long viewWait = System.nanoTime();
        awaitViewOfTwo(Duration.ofSeconds(90));
        startTimes.put("cluster view of 2 after node-b ready", Duration.ofNanos(System.nanoTime() - viewWait));
        awaitProxySeesBoth(Duration.ofSeconds(30));
        startTimes.put("whole cluster", Duration.ofNanos(System.nanoTime() - all));
        say("cluster view (2) [node-a, node-b] " + seconds(startTimes.get("cluster view of 2 after node-b ready"))
                + " after node-b was ready; whole set-up " + seconds(startTimes.get("whole cluster")));

        admin = Keycloak.getInstance(adminUrl(), "master", ADMIN_USER, adminPassword, "admin-cli", certificate.sslContext());
        users = new TestUsers(realm());
        RealmMail.pointAt(realm(), "127.0.0.1", mailbox.port());
        PortalUrls.ofTests(REALM).applyTo(realm());
        RealmEventsConfigRepresentation events = realm().getRealmEventsConfig();
        events.setEventsEnabled(true);
        realm().updateRealmEventsConfig(events);
        recordStartTimes();
    }

    /**
     * A node's {@code kc.sh start} options besides {@code deploy/keycloak/keycloak.conf}: the recipe's
     * per-node and per-site ones ({@code docs/production.md}, step 5, names the same options), with the
     * run's addresses, plus the outbox's test settings. HAProxy connects from 127.0.0.1, the only
     * trusted proxy address.
     */
    static List<String> startArguments(String nodeId, String jdbcUrl, String publicUrl, String adminUrl, int httpPort,
                                       int managementPort, int clusterPort) {
        List<String> arguments = new ArrayList<>(List.of("start", "--optimized",
                "--db-url=" + jdbcUrl, "--db-username=" + LocalPostgres.ROLE,
                "--http-host=127.0.0.1", "--http-port=" + httpPort,
                "--http-management-port=" + managementPort,
                "--hostname=" + publicUrl, "--hostname-admin=" + adminUrl,
                "--proxy-trusted-addresses=127.0.0.1",
                "--cache-embedded-network-bind-address=127.0.0.1",
                "--cache-embedded-network-bind-port=" + clusterPort,
                "--spi-cache-embedded--default--node-name=" + nodeId,
                "--import-realm"));
        arguments.addAll(KeycloakDistServer.OUTBOX_TEST_SETTINGS);
        return arguments;
    }

    /**
     * A free port whose JGroups failure-detection port (FD_SOCK2: the bind port + 50000) is free too,
     * so the nodes use the ports the recipe's firewall step opens.
     */
    private static int clusterPort() {
        for (int i = 0; i < 200; i++) {
            int port = 7800 + java.util.concurrent.ThreadLocalRandom.current().nextInt(7000);
            if (FreePorts.isFree(port) && FreePorts.isFree(port + FAILURE_DETECTION_OFFSET)) {
                return port;
            }
        }
        throw new IllegalStateException("No free port pair for the cluster transport");
    }

    private void awaitViewOfTwo(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (nodes.values().stream().allMatch(n -> VIEW_OF_TWO.matcher(n.tail(100_000)).find())) {
                return;
            }
            pause(250);
        }
        throw new IllegalStateException("The nodes did not form a cluster view of 2 within " + timeout.toSeconds() + " s");
    }

    private void awaitProxySeesBoth(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpClient http = http();
        for (Node node : Node.values()) {
            while (!ProxyProbe.answers(http, baseUrl() + "/realms/" + REALM + "/.well-known/openid-configuration", node)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("HAProxy did not reach " + node.id() + " within " + timeout.toSeconds() + " s");
                }
                pause(250);
            }
        }
    }

    private void recordStartTimes() {
        StringBuilder text = new StringBuilder();
        startTimes.forEach((part, time) -> text.append(part).append(": ").append(seconds(time)).append('\n'));
        try {
            Files.writeString(workDir.resolve("start-times.txt"), text);
        } catch (IOException e) {
            say("could not record the start times: " + e.getMessage());
        }
    }

    // --- what the tests use ---

    /** {@code localhost:<proxy port>}: the host part of the nodes' fixed {@code --hostname}. */
    public String publicHost() {
        return "localhost:" + proxy.port();
    }

    /** The nodes' {@code --hostname}: the proxy's https URL, the only base of every link Keycloak builds. */
    public String baseUrl() {
        return "https://" + publicHost();
    }

    /**
     * The nodes' {@code --hostname-admin}: HAProxy's internal listener for {@code /admin/} and the master
     * realm, which the public listener refuses. The admin client of the tests goes here.
     */
    public String adminUrl() {
        return "https://localhost:" + proxy.adminPort();
    }

    /** {@code deploy/} of the checkout: the shipped HAProxy and Keycloak files. */
    public static Path deployDir() {
        return Paths.get(property("icsoe.deploy.dir"));
    }

    /** The shipped {@code deploy/keycloak/keycloak.conf}, copied into the built server before {@code kc.sh build}. */
    public static Path keycloakConf() {
        return deployDir().resolve("keycloak/keycloak.conf");
    }

    /**
     * Runs the built server's {@code bin/kcadm.sh} (as an administrator would, step 6 of the recipe)
     * against the internal admin listener, with its own configuration file {@code config} and the run's
     * trust store; fails with the command's output when it fails.
     */
    public void kcadm(Path config, String... arguments) {
        boolean login = "config".equals(arguments[0]) && "credentials".equals(arguments[1]);
        if (login) {
            // the run's certificate is self-signed: trust it, as a private CA's is trusted
            runKcadm(config, "config", "truststore", "--trustpass", certificate.trustStorePassword(),
                    certificate.trustStore().toString());
        }
        List<String> command = new ArrayList<>(List.of(arguments));
        if (login) {
            command.addAll(List.of("--server", adminUrl()));
        }
        runKcadm(config, command.toArray(String[]::new));
    }

    private void runKcadm(Path config, String... arguments) {
        List<String> command = new ArrayList<>(List.of("bash", workDir.resolve("built/bin/kcadm.sh").toString()));
        command.addAll(List.of(arguments));
        command.addAll(List.of("--config", config.toString()));
        Commands.run(workDir, workDir.resolve("kcadm.log"), null,
                Map.of("JAVA_HOME", System.getProperty("icsoe.cluster.java.home", "/usr/lib/jvm/temurin-25-jdk-amd64")),
                Duration.ofSeconds(60), command.toArray(String[]::new));
    }

    /** The JGroups bind port of {@code node}. */
    public int clusterPort(Node node) {
        return clusterPorts.get(node);
    }

    public String realmUrl() {
        return baseUrl() + "/realms/" + REALM;
    }

    /** The temporary (bootstrap) administrator's password, made up for this run. */
    public String adminPassword() {
        return adminPassword;
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

    public LocalPostgres postgres() {
        return postgres;
    }

    public LocalHaproxy proxy() {
        return proxy;
    }

    /** Prometheus scraping both nodes with the shipped rules ({@code deploy/monitoring}) at test scale. */
    public LocalPrometheus prometheus() {
        return prometheus;
    }

    /** {@code http://127.0.0.1:<management port>} of one node: its own {@code /metrics}, as Prometheus scrapes each node. */
    public String managementUrl(Node node) {
        return node(node).managementUrl();
    }

    public KeycloakDistServer node(Node node) {
        return nodes.get(node);
    }

    public Map<String, Duration> startTimes() {
        return Map.copyOf(startTimes);
    }

    /** A Java HTTP client that trusts the proxy's certificate and nothing else. */
    public HttpClient http() {
        return HttpClient.newBuilder().sslContext(certificate.sslContext()).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** The portal client over the proxy; {@code pin} null for the balancer's choice. */
    public PortalClient portal(Node pin) {
        return new PortalClient(baseUrl(), REALM, http(), pin == null ? Map.of() : Map.of(LocalHaproxy.PIN_HEADER, pin.pin()));
    }

    public String portalLoginUrl() {
        return portal(null).authorizationUrl(PortalClient.Pkce.create());
    }

    /** A TLS socket to the proxy's {@code port} on 127.0.0.1 that trusts the proxy's certificate, for raw requests. */
    public javax.net.ssl.SSLSocket sslSocket(int port) throws java.io.IOException {
        return (javax.net.ssl.SSLSocket) certificate.sslContext().getSocketFactory().createSocket("127.0.0.1", port);
    }

    /** An HtmlUnit browser over the proxy, from its own loopback address, pinned to {@code pin} (null: the balancer's choice). */
    public WebClient browser(Node pin) {
        return browser(pin, Browsers.randomLoopback());
    }

    /** An HtmlUnit browser over the proxy whose connections come from {@code from}. */
    public WebClient browser(Node pin, InetAddress from) {
        WebClient web = Browsers.htmlUnitFrom(from);
        try {
            web.getOptions().setSSLTrustStore(certificate.trustStore().toUri().toURL(), certificate.trustStorePassword(), "PKCS12");
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
        if (pin != null) {
            web.addRequestHeader(LocalHaproxy.PIN_HEADER, pin.pin());
        }
        return web;
    }

    /**
     * Starts {@code node} again, on the same database, ports and settings, after a kill or a stop (a
     * running node is stopped first, gracefully); returns how long the start took.
     */
    public Duration restart(Node node) {
        KeycloakDistServer server = nodes.get(node);
        if (server.isRunning()) {
            server.close();
        }
        long started = System.nanoTime();
        server.start(s -> say("… waiting for " + node.id() + " again, " + s + " s"), REALM);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        if (nodes.values().stream().allMatch(KeycloakDistServer::isRunning)) {
            awaitProxySeesBoth(Duration.ofSeconds(30));
        }
        say(node.id() + " started again in " + seconds(took));
        return took;
    }

    /** Stops {@code node} gracefully (SIGTERM, as a rolling deploy does). */
    public void stop(Node node) {
        nodes.get(node).close();
    }

    /** Every part's log tail (PostgreSQL, HAProxy, the build, each node), for failure messages. */
    public String logTails(int lines) {
        StringBuilder out = new StringBuilder();
        out.append("=== PostgreSQL (").append(postgres.log()).append(") ===\n").append(postgres.tail(lines)).append('\n');
        out.append("=== HAProxy (").append(proxy.log()).append(") ===\n").append(proxy.tail(lines)).append('\n');
        out.append("=== Prometheus (").append(prometheus.log()).append(") ===\n").append(prometheus.tail(lines)).append('\n');
        out.append("=== kc.sh build ===\n").append(KeycloakDistServer.tail(workDir.resolve("built/build.log"), lines)).append('\n');
        nodes.forEach((node, server) -> out.append("=== ").append(node.id()).append(" (").append(server.logFile())
                .append(") ===\n").append(server.tail(lines)).append('\n'));
        return out.toString();
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    static void say(String line) {
        System.out.println("[icsoe-cluster] " + line);
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close();
            admin = null;
        }
        prometheus.close();
        nodes.values().forEach(KeycloakDistServer::close);
        proxy.close();
        postgres.close();
        mailbox.close();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is this call
        }
    }
}
