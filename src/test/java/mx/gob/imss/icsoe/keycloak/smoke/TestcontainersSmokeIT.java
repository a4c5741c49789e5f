package mx.gob.imss.icsoe.keycloak.smoke;

import java.io.File;
import java.util.List;

import dasniko.testcontainers.keycloak.KeycloakContainer;
import mx.gob.imss.icsoe.keycloak.testing.Capturista;
import mx.gob.imss.icsoe.keycloak.testing.DevRealmFile;
import mx.gob.imss.icsoe.keycloak.testing.PortalClient;
import mx.gob.imss.icsoe.keycloak.testing.TestUsers;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.MountableFile;

/**
 * The same smoke scenarios against Keycloak's official container image (tag = keycloak.version), for
 * people who have Docker. Skipped, not failed, where no Docker engine runs.
 */
@Testcontainers(disabledWithoutDocker = true)
class TestcontainersSmokeIT {

    @Container
    static final KeycloakContainer KEYCLOAK = new KeycloakContainer(
            "quay.io/keycloak/keycloak:" + System.getProperty("keycloak.version"))
            .withProviderLibsFrom(List.of(new File(System.getProperty("icsoe.jar"))))
            // the container serves plain HTTP: its own dev copy of the realm file, never the shipped one
            .withCopyFileToContainer(MountableFile.forHostPath(DevRealmFile.plainHttpCopy(
                            java.nio.file.Paths.get(System.getProperty("icsoe.realm")),
                            java.nio.file.Paths.get(System.getProperty("icsoe.work.dir"), "realm-export.container.json"))),
                    "/opt/keycloak/data/import/realm-export.json")
            .withCustomCommand("--import-realm");

    @Test
    void givenTheImage_whenTheLoginPageOpens_thenTheIcsoeThemeRendersIt() {
        PortalClient portal = new PortalClient(baseUrl(), "icsoe");
        SmokeScenarios.loginPageIsRenderedByTheIcsoeTheme(portal.authorizationUrl(PortalClient.Pkce.create()));
    }

    @Test
    void givenACapturista_whenSheLogsIn_thenThePortalGetsTokens() {
        Capturista capturista = new TestUsers(KEYCLOAK.getKeycloakAdminClient().realm("icsoe")).create();
        SmokeScenarios.capturistaLogsInThroughThePortal(new PortalClient(baseUrl(), "icsoe"), capturista, capturista.curp());
    }

    private static String baseUrl() {
        return KEYCLOAK.getAuthServerUrl().replace("127.0.0.1", "localhost").replaceAll("/$", "");
    }
}
