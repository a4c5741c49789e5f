package mx.gob.imss.icsoe.keycloak.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import mx.gob.imss.icsoe.keycloak.testing.Browsers;
import mx.gob.imss.icsoe.keycloak.testing.Capturista;
import mx.gob.imss.icsoe.keycloak.testing.IcsoeKeycloak;
import mx.gob.imss.icsoe.keycloak.testing.KeycloakExtension;
import mx.gob.imss.icsoe.keycloak.testing.ReceivedEmail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/** The whole chain is real: Keycloak from the dist zip, the built jar, the realm file, GreenMail, Chromium. */
@ExtendWith(KeycloakExtension.class)
class SmokeIT {

    @Test
    void givenTheRealm_whenHtmlUnitOpensThePortalLogin_thenTheIcsoeThemeRendersIt(IcsoeKeycloak kc) {
        SmokeScenarios.loginPageIsRenderedByTheIcsoeTheme(kc.portalLoginUrl());
    }

    @Test
    void givenTheRealm_whenChromiumOpensThePortalLogin_thenTheIcsoeThemeRendersIt(IcsoeKeycloak kc) {
        WebDriver chromium = Browsers.chromium();
        try {
            chromium.get(kc.portalLoginUrl());
            JavascriptExecutor js = (JavascriptExecutor) chromium;
            assertThat(js.executeScript("return document.documentElement.lang")).isEqualTo("es");
            assertThat((String) js.executeScript("return document.body.innerText")).contains("Inicio de sesión");
            @SuppressWarnings("unchecked")
            List<String> loaded = (List<String>) js.executeScript(
                    "return performance.getEntriesByType('resource').map(e => e.name)");
            assertThat(loaded).as("resources Chromium loaded from the icsoe theme")
                    .anyMatch(name -> name.contains("/login/icsoe/"));
        } finally {
            chromium.quit();
        }
    }

    @Test
    void givenACapturistaCreatedThroughTheAdminApi_whenShelogsInWithHerCurp_thenThePortalGetsTokens(IcsoeKeycloak kc) {
        Capturista capturista = kc.users().create();
        SmokeScenarios.capturistaLogsInThroughThePortal(kc.portal(), capturista, capturista.curp());
    }

    @Test
    void givenACapturista_whenSheTypesAWrongPassword_thenNoCodeIsIssued(IcsoeKeycloak kc) {
        SmokeScenarios.wrongPasswordDoesNotLogIn(kc.portal(), kc.users().create());
    }

    @Test
    void givenTheRealmSmtpSettings_whenTheAdminSendsAnActionsEmail_thenItArrivesFromIcsoe(IcsoeKeycloak kc) {
        Capturista capturista = kc.users().create();
        kc.realm().users().get(capturista.id()).executeActionsEmail(List.of("UPDATE_PASSWORD"));

        List<ReceivedEmail> received = kc.mailbox().awaitMessagesTo(capturista.email(), 1, Duration.ofSeconds(30));

        ReceivedEmail email = received.get(0);
        assertThat(email.from()).isEqualTo("icsoe@imss.gob.mx");
        assertThat(email.linkContaining("/realms/icsoe/login-actions/action-token")).startsWith(kc.baseUrl());
    }
}
