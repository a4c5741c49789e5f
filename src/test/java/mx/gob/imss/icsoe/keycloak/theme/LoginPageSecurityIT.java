package mx.gob.imss.icsoe.keycloak.theme;

import static org.assertj.core.api.Assertions.assertThat;

import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import mx.gob.imss.icsoe.keycloak.testing.Browsers;
import mx.gob.imss.icsoe.keycloak.testing.IcsoeKeycloak;
import mx.gob.imss.icsoe.keycloak.testing.KeycloakExtension;
import mx.gob.imss.icsoe.keycloak.testing.RealmAttributes;
import mx.gob.imss.icsoe.keycloak.testing.pages.LoginPage;

/** What the login page sends and links to, whatever a realm attribute says. */
@ExtendWith(KeycloakExtension.class)
class LoginPageSecurityIT {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self';"
            + " object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'; frame-src 'self'";

    @Test
    void givenTheRealmFile_whenTheLoginPageIsServed_thenItCarriesTheStrictContentSecurityPolicy(IcsoeKeycloak kc) {
        try (WebClient web = Browsers.htmlUnitFromOwnAddress()) {
            HtmlPage page = LoginPage.open(web, kc.portalLoginUrl()).page();
            assertThat(page.getWebResponse().getResponseHeaderValue("Content-Security-Policy")).isEqualTo(CSP);
            assertThat(page.getWebResponse().getResponseHeaderValue("X-Content-Type-Options")).isEqualTo("nosniff");
        }
    }

    /** A backslash is a slash to browsers: {@code /\evil.example} would be another site. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/\\evil.example", "/\\/evil.example", "https:\\\\evil.example", "//evil.example",
            "javascript:alert(1)", "data:text/html,x", " https://evil.example"})
    void givenAHostileFirmaUrl_whenTheLoginPageOpens_thenNoFirmaLinkIsShown(String url, IcsoeKeycloak kc) {
        RealmAttributes.set(kc.realm(), ThemeScreensIT.FIRMA_ATTRIBUTE, url);
        try (WebClient web = Browsers.htmlUnitFromOwnAddress()) {
            HtmlPage page = LoginPage.open(web, kc.portalLoginUrl()).page();
            assertThat(page.getElementById("kc-form-login")).isNotNull();
            // the realm's own e.firma step may still be offered; the hostile address never is
            java.util.List<String> hrefs = page.getAnchors().stream().map(org.htmlunit.html.HtmlAnchor::getHrefAttribute).toList();
            assertThat(hrefs).doesNotContain(url);
            assertThat(page.getAnchors()).noneMatch(a -> "icsoe-firma-electronica".equals(a.getId()));
        } finally {
            RealmAttributes.set(kc.realm(), ThemeScreensIT.FIRMA_ATTRIBUTE, "");
        }
    }

    /** The guide's two ways in, and no third: Keycloak's "try another way" is off on this page. */
    @Test
    void givenTheRealmFlow_whenTheLoginPageOpens_thenFirmaElectronicaIsOfferedAndNoOtherWayLink(IcsoeKeycloak kc) {
        try (WebClient web = Browsers.htmlUnitFromOwnAddress()) {
            HtmlPage page = LoginPage.open(web, kc.portalLoginUrl()).page();
            assertThat(page.getElementById("icsoe-firma-electronica").asNormalizedText()).isEqualTo("Ingresa con firma electrónica");
            assertThat(page.getElementById("try-another-way")).isNull();
        }
    }

    @Test
    void givenAPathOnTheSameSite_whenTheLoginPageOpens_thenTheFirmaLinkIsShown(IcsoeKeycloak kc) {
        RealmAttributes.set(kc.realm(), ThemeScreensIT.FIRMA_ATTRIBUTE, "/firma/entrar");
        try (WebClient web = Browsers.htmlUnitFromOwnAddress()) {
            HtmlPage page = LoginPage.open(web, kc.portalLoginUrl()).page();
            assertThat(page.getElementById("icsoe-firma-electronica").getAttribute("href")).isEqualTo("/firma/entrar");
        } finally {
            RealmAttributes.set(kc.realm(), ThemeScreensIT.FIRMA_ATTRIBUTE, "");
        }
    }
}
