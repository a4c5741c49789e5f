package mx.gob.imss.icsoe.keycloak.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import mx.gob.imss.icsoe.keycloak.testing.Browsers;
import mx.gob.imss.icsoe.keycloak.testing.Capturista;
import mx.gob.imss.icsoe.keycloak.testing.PortalClient;
import mx.gob.imss.icsoe.keycloak.testing.pages.LoginPage;
import org.htmlunit.WebClient;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlPage;

/**
 * The smoke scenarios, written once and run against every way of starting Keycloak (the dist zip
 * here, a container where Docker exists).
 */
final class SmokeScenarios {

    private SmokeScenarios() {
    }

    /** The login page is the icsoe theme's, in Spanish: its resources are served from the icsoe theme. */
    static void loginPageIsRenderedByTheIcsoeTheme(String loginUrl) {
        try (WebClient browser = Browsers.htmlUnit()) {
            HtmlPage page = LoginPage.open(browser, loginUrl).page();
            assertThat(page.getWebResponse().getStatusCode()).isEqualTo(200);
            assertThat(page.getDocumentElement().getAttribute("lang")).isEqualTo("es");
            assertThat(page.asNormalizedText()).contains("Inicio de sesión");
            assertThat(page.getElementsByTagName("link").stream()
                    .map(link -> link.getAttribute("href"))
                    .filter(href -> href.contains("/login/icsoe/")))
                    .as("stylesheets or icons served from the icsoe login theme")
                    .isNotEmpty();
            DomElement username = page.getElementById("username");
            assertThat(username).as("the Usuario (CURP) field").isNotNull();
        }
    }

    /** A capturista logs in with CURP and password and the portal gets tokens for that CURP. */
    static void capturistaLogsInThroughThePortal(PortalClient portal, Capturista capturista, String typedCurp) {
        PortalClient.Pkce pkce = PortalClient.Pkce.create();
        try (WebClient browser = Browsers.htmlUnit()) {
            HtmlPage landed = LoginPage.open(browser, portal.authorizationUrl(pkce)).logIn(typedCurp, capturista.password());
            String url = landed.getUrl().toString();
            assertThat(url).startsWith(portal.redirectUri());
            String code = PortalClient.codeFrom(url);
            assertThat(code).as("authorization code in " + url).isNotBlank();
            Map<String, Object> tokens = portal.exchange(code, pkce);
            assertThat(tokens).containsEntry("http_status", 200).containsKey("access_token").containsKey("refresh_token");
        }
    }

    /** A wrong password keeps the person on the login page, with an error, and issues no code. */
    static void wrongPasswordDoesNotLogIn(PortalClient portal, Capturista capturista) {
        try (WebClient browser = Browsers.htmlUnit()) {
            HtmlPage landed = LoginPage.open(browser, portal.authorizationUrl(PortalClient.Pkce.create()))
                    .logIn(capturista.curp(), capturista.password() + "x");
            assertThat(PortalClient.codeFrom(landed.getUrl().toString())).isNull();
            assertThat(landed.getUrl().toString()).doesNotStartWith(portal.redirectUri());
            assertThat(landed.getElementById("password")).isNotNull();
        }
    }
}
