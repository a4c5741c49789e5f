package mx.gob.imss.icsoe.keycloak.demo;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import jakarta.ws.rs.core.Response;
import mx.gob.imss.icsoe.keycloak.testing.DevRealmFile;
import mx.gob.imss.icsoe.keycloak.testing.FreePorts;
import mx.gob.imss.icsoe.keycloak.testing.KeycloakDistServer;
import mx.gob.imss.icsoe.keycloak.testing.Mailbox;
import mx.gob.imss.icsoe.keycloak.testing.PortalUrls;
import mx.gob.imss.icsoe.keycloak.testing.RealmMail;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * {@code mvn -Pdemo verify}: Keycloak (the pom's {@code keycloak.version}) with the freshly built extension and the icsoe realm,
 * a stand-in for the ICSOE application ({@link DemoPortal}, where the journey starts and ends), a demo
 * capturista with her demo e.firma ({@link DemoEfirma}), and a mail sink with a web viewer, so a person
 * can walk the guide's steps in a browser. Ctrl-C stops everything.
 */
public final class IcsoeDemo {

    static final String DEMO_CURP = "HEGG850315MDFRRD07";
    static final String DEMO_EMAIL = "capturista@icsoe.example";
    static final String DEMO_PASSWORD = "Demo-Icsoe.2026";

    private IcsoeDemo() {
    }

    public static void main(String[] args) throws Exception {
        int httpPort = Integer.getInteger("demo.http.port", 8080);
        int managementPort = Integer.getInteger("demo.management.port", 9000);
        int smtpPort = Integer.getInteger("demo.smtp.port", 3025);
        int mailViewerPort = Integer.getInteger("demo.mail.port", 8025);
        int portalPort = Integer.getInteger("demo.portal.port", 8081);
        checkPorts(Map.of("demo.http.port", httpPort, "demo.management.port", managementPort,
                "demo.smtp.port", smtpPort, "demo.mail.port", mailViewerPort, "demo.portal.port", portalPort));

        String adminPassword = System.getProperty("demo.admin.password", "admin");
        Path work = Paths.get(System.getProperty("icsoe.work.dir")).resolveSibling("demo");
        KeycloakDistServer server = new KeycloakDistServer(new KeycloakDistServer.Settings(
                Paths.get(System.getProperty("keycloak.dist.dir")), work.resolve("keycloak"),
                Paths.get(System.getProperty("icsoe.jar")),
                DevRealmFile.plainHttpCopy(Paths.get(System.getProperty("icsoe.realm")), work.resolve("realm-export.dev.json")),
                httpPort, managementPort, "admin", adminPassword, true, Duration.ofMinutes(6)));

        Mailbox mailbox = new Mailbox(smtpPort);
        MailViewer viewer = new MailViewer(mailbox, mailViewerPort);
        DemoPortal portal = new DemoPortal(server.baseUrl(), "icsoe", portalPort);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            say("Deteniendo Keycloak, el portal y el buzón…");
            portal.close();
            server.close();
            viewer.close();
            mailbox.close();
            stopped.countDown();
        }, "icsoe-demo-stop"));

        say("Iniciando Keycloak " + System.getProperty("keycloak.version", "") + " con la extensión ICSOE (registro: "
                + server.logFile() + ")…");
        long started = System.nanoTime();
        server.start(seconds -> say("  … Keycloak sigue iniciando (" + seconds + " s)"), "icsoe");
        say(String.format("Keycloak listo en %.0f s.", (System.nanoTime() - started) / 1e9));

        DemoEfirma efirma;
        try (Keycloak admin = KeycloakBuilder.builder().serverUrl(server.baseUrl()).realm("master")
                .clientId("admin-cli").username("admin").password(adminPassword).build()) {
            RealmResource realm = admin.realm("icsoe");
            RealmMail.pointAt(realm, "127.0.0.1", smtpPort);
            portal.urls().applyTo(realm);
            PortalUrls.allowFormActionTo(realm, portal.url());
            createDemoCapturista(realm);
            efirma = DemoEfirma.create(work.resolve("efirma"), DEMO_CURP, realm);
        }
        double ready = (System.nanoTime() - started) / 1e9;

        String base = server.baseUrl();
        say("");
        say("================ ICSOE · demo lista ================");
        say("Portal ICSOE (demostración): " + portal.url() + "/");
        say("Buzón de correo (emails):    http://localhost:" + mailViewerPort + "/  (SMTP en el puerto " + smtpPort + ")");
        say("Consola de administración:   " + base + "/admin/  (usuario admin, contraseña " + adminPassword + ")");
        say("Métricas (Prometheus):       http://localhost:" + managementPort + "/metrics");
        say("Capturista de prueba:        CURP " + DEMO_CURP + ", correo " + DEMO_EMAIL + ", contraseña " + DEMO_PASSWORD);
        say("e.firma de prueba:           " + efirma.cer() + " y " + efirma.key() + ", contraseña de la clave " + efirma.password());
        say(String.format("Demo lista en %.0f s.", ready));
        say("Ctrl-C para detener todo.");
        say("====================================================");
        stopped.await();
    }

    private static void checkPorts(Map<String, Integer> ports) {
        List<String> taken = new ArrayList<>();
        ports.forEach((property, port) -> {
            if (!FreePorts.isFree(port)) {
                taken.add("el puerto " + port + " ya está en uso (elige otro con -D" + property + "=<puerto>)");
            }
        });
        if (!taken.isEmpty()) {
            throw new IllegalStateException("No se puede iniciar la demo: " + String.join("; ", taken));
        }
    }


    private static void createDemoCapturista(RealmResource realm) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(DEMO_CURP);
        user.setEmail(DEMO_EMAIL);
        user.setEmailVerified(true);
        user.setEnabled(true);
        user.setFirstName("Guadalupe");
        user.setLastName("Hernández García");
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue(DEMO_PASSWORD);
        password.setTemporary(false);
        user.setCredentials(List.of(password));
        try (Response response = realm.users().create(user)) {
            if (response.getStatus() == 409) {
                say("La capturista de prueba ya existe (base de datos conservada); se deja como está.");
            } else if (response.getStatus() != 201) {
                throw new IllegalStateException("Could not create the demo capturista: HTTP " + response.getStatus()
                        + " " + response.readEntity(String.class));
            }
        }
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

}
