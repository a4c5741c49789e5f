package mx.gob.imss.icsoe.keycloak.theme;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;

import mx.gob.imss.icsoe.keycloak.demo.DemoEfirma;
import mx.gob.imss.icsoe.keycloak.demo.DemoPortal;
import mx.gob.imss.icsoe.keycloak.testing.Browsers;
import mx.gob.imss.icsoe.keycloak.testing.Capturista;
import mx.gob.imss.icsoe.keycloak.testing.IcsoeKeycloak;
import mx.gob.imss.icsoe.keycloak.testing.KeycloakExtension;
import mx.gob.imss.icsoe.keycloak.testing.PortalUrls;
import mx.gob.imss.icsoe.keycloak.testing.ReceivedEmail;

/**
 * A capturista's whole journey on a phone (Chromium at 412×915, es-MX), from the demo portal back to
 * it: Ingresar, "¿Olvidaste tu contraseña?", a CURP typed in groups, the email's link, the errors of
 * the new-password form in sight, "Contraseña actualizada", Back to the ICSOE page of a finished
 * change, its "Inicio de sesión" (Aceptar's target), sign-in into the portal with her CURP shown; then the same
 * portal with her demo e.firma through the Spanish file pickers. axe-core at 360 and 1280 px on every
 * page touched; screenshots of the portal, the error in sight and the page after Back.
 */
@ExtendWith(KeycloakExtension.class)
class CapturistaJourneyIT {

    static final int WIDTH = 412;
    static final int HEIGHT = 915;

    private WebDriver browser;
    private DemoPortal portal;
    private PortalUrls testUrls;
    private Map<String, String> securityHeaders;

    @BeforeEach
    void portalOnTheRealm(IcsoeKeycloak kc) {
        browser = Browsers.chromium(WIDTH, HEIGHT);
        portal = new DemoPortal(kc.baseUrl(), "icsoe", 0);
        securityHeaders = kc.realm().toRepresentation().getBrowserSecurityHeaders();
        testUrls = portal.urls().applyTo(kc.realm());
        PortalUrls.allowFormActionTo(kc.realm(), portal.url());
    }

    @AfterEach
    void back(IcsoeKeycloak kc) {
        if (browser != null) {
            browser.quit();
        }
        portal.close();
        testUrls.applyTo(kc.realm());
        org.keycloak.representations.idm.RealmRepresentation headers = new org.keycloak.representations.idm.RealmRepresentation();
        headers.setBrowserSecurityHeaders(securityHeaders);
        kc.realm().update(headers);
    }

    @Test
    void givenTheDemoPortal_whenACapturistaRecoversHerPasswordOnAPhone_thenSheEndsSignedInThere(IcsoeKeycloak kc) {
        Capturista capturista = kc.users().create();
        IcsoeScreen screen = new IcsoeScreen(browser);

        // the portal
        browser.get(portal.url() + "/");
        assertThat(browser.getTitle()).isEqualTo("ICSOE (demostración)");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("ICSOE (demostración)");
        checked("demo-portal", true);
        screen.submit("portal-login");

        // Inicio de sesión → ¿Olvidaste tu contraseña?
        assertThat(screen.title()).isEqualTo("Inicio de sesión");
        screen.submit("kc-forgot-password");
        assertThat(screen.title()).isEqualTo("Restablecer contraseña");

        // a refused request keeps the typed email, and its error is focused and in sight
        screen.type("username", "HEGG85");
        screen.type("email", capturista.email());
        screen.submit("kc-reset-submit");
        assertThat(screen.attribute("email", "value")).isEqualTo(capturista.email());
        assertThat(screen.attribute("username", "value")).as("never a CURP given back").isEmpty();
        assertThat(screen.focusedId()).isEqualTo("username");
        assertInViewport("username-error");

        // the CURP as people copy it, in groups and in lower case
        String curp = capturista.curp();
        String grouped = " " + curp.substring(0, 4).toLowerCase(Locale.ROOT) + " " + curp.substring(4, 10) + " "
                + curp.substring(10).toLowerCase(Locale.ROOT) + " ";
        screen.type("username", grouped);
        screen.submit("kc-reset-submit");
        screen.await("icsoe-reset-sent");
        assertThat(screen.text("icsoe-reset-sent")).contains("fue enviada");

        // the email, read from the SMTP sink: its expiry is the realm's 15 minutes
        ReceivedEmail email = kc.mailbox().awaitOneTo(capturista.email());
        assertThat(email.text()).contains("La liga vence en 15 minutos");
        browser.get(email.linkContaining("action-token"));
        screen.await("kc-passwd-update-form");
        assertThat(screen.title()).isEqualTo("Recuperar contraseña");

        // a broken rule: the server's message in sight, gone once the checklist is all green
        screen.type("password-new", "Qwer7!xZab#");
        screen.type("password-confirm", "Qwer7!xZab#");
        screen.submit("kc-submit");
        assertThat(screen.focusedId()).isEqualTo("password-new");
        assertInViewport("password-new-error");
        String newPassword = kc.users().password();
        screen.type("password-new", newPassword);
        assertThat(screen.tickedRules()).containsExactly("mix", "special", "length", "repeat");
        assertThat(screen.has("password-new-error")).as("the stale server error is gone").isFalse();
        assertThat(screen.attribute("password-new", "aria-invalid")).isEqualTo("false");

        // a mismatched confirmation: the message is focused and in sight on the phone
        screen.type("password-confirm", newPassword + "x");
        screen.submit("kc-submit");
        assertThat(screen.focusedId()).isEqualTo("password-confirm");
        assertThat(screen.text("password-confirm-error")).contains("no coinciden");
        assertInViewport("password-confirm-error");
        viewportShot("update-password-error-in-view");
        checked("update-password-mismatch", false);

        screen.type("password-new", newPassword);
        screen.type("password-confirm", newPassword);
        screen.submit("kc-submit");
        screen.await("icsoe-password-updated");
        assertThat(screen.text("icsoe-password-updated")).contains("Contraseña actualizada");
        checked("password-updated-journey", false);

        // Aceptar leads to the portal's sign-in start, which opens Inicio de sesión (followed below)
        assertThat(screen.attribute("kc-accept", "href")).isEqualTo(portal.url() + "/ingresar");

        // Back from the end page (and a reload there): the ICSOE page, never the cookie message
        browser.navigate().back();
        screen.await("icsoe-after-update");
        assertAfterUpdatePage(screen);
        checked("after-password-updated", true);
        browser.navigate().refresh();
        screen.await("icsoe-after-update");
        assertAfterUpdatePage(screen);

        // its Inicio de sesión (Aceptar's target), then sign-in with the CURP and the new password lands in the portal
        screen.submit("icsoe-after-update-login");
        screen.await("kc-form-login");
        assertThat(screen.title()).isEqualTo("Inicio de sesión");
        screen.type("username", curp.toLowerCase(Locale.ROOT));
        screen.type("password", newPassword);
        screen.submit("kc-login");
        screen.await("portal-curp");
        assertThat(browser.getCurrentUrl()).startsWith(portal.url());
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Sesión iniciada");
        assertThat(screen.text("portal-curp")).isEqualTo(curp);
        checked("demo-portal-signed-in", false);

        // Cerrar sesión: Keycloak's logout, back in the portal signed out
        screen.submit("portal-logout");
        screen.await("portal-status");
        assertThat(screen.text("portal-status")).isEqualTo("Cerraste tu sesión.");
    }

    @Test
    void givenAFinishedReset_whenAceptarThenBack_thenTheLoginPageSaysThePasswordWasUpdated(IcsoeKeycloak kc) {
        Capturista capturista = kc.users().create();
        IcsoeScreen screen = new IcsoeScreen(browser);
        browser.get(portal.url() + "/");
        screen.submit("portal-login");
        screen.submit("kc-forgot-password");
        screen.type("username", capturista.curp());
        screen.type("email", capturista.email());
        screen.submit("kc-reset-submit");
        screen.await("icsoe-reset-sent");
        browser.get(kc.mailbox().awaitOneTo(capturista.email()).linkContaining("action-token"));
        screen.await("kc-passwd-update-form");
        String newPassword = kc.users().password();
        screen.type("password-new", newPassword);
        screen.type("password-confirm", newPassword);
        screen.submit("kc-submit");
        screen.await("icsoe-password-updated");

        // Aceptar, clicked: the portal's sign-in start opens Inicio de sesión
        screen.submit("kc-accept");
        screen.await("kc-form-login");
        assertThat(screen.title()).isEqualTo("Inicio de sesión");

        // Back: Keycloak restarts the sign-in ("Tardaste demasiado"); this tab says what happened instead
        browser.navigate().back();
        screen.await("kc-form-login");
        assertThat(screen.text("icsoe-alert")).isEqualTo("Tu contraseña ya fue actualizada. Ingresa con tu CURP y tu contraseña nueva.");
        assertThat(screen.attribute("icsoe-alert", "role")).isEqualTo("status");
        checked("login-after-update", false);
        screen.type("username", capturista.curp());
        screen.type("password", newPassword);
        screen.submit("kc-login");
        screen.await("portal-curp");
        assertThat(screen.text("portal-curp")).isEqualTo(capturista.curp());
    }

    @Test
    void givenTheDemoEfirma_whenACapturistaSignsInWithItsFiles_thenSheIsSignedInToThePortal(IcsoeKeycloak kc, @TempDir Path dir) {
        Capturista capturista = kc.users().create();
        IcsoeScreen screen = new IcsoeScreen(browser);
        try (DemoEfirma efirma = DemoEfirma.create(dir, capturista.curp(), kc.realm())) {
            assertThat(Files.isRegularFile(efirma.cer())).isTrue();
            browser.get(portal.url() + "/");
            screen.submit("portal-login");
            screen.submit("icsoe-firma-electronica");
            screen.await("icsoe-efirma-form");

            // the pickers speak Spanish whatever the browser's language; the native inputs stay the controls
            assertThat(browser.findElement(By.cssSelector("label.icsoe-file__button[for='efirma-cer']")).getText())
                    .isEqualTo("Elegir certificado (.cer)");
            assertThat(browser.findElement(By.cssSelector("label.icsoe-file__button[for='efirma-key']")).getText())
                    .isEqualTo("Elegir clave privada (.key)");
            assertThat(screen.text("efirma-cer-name")).isEqualTo("Ningún archivo seleccionado");
            assertThat(screen.attribute("efirma-cer", "aria-describedby")).contains("efirma-cer-name");
            checked("efirma-journey", false);

            screen.element("efirma-cer").sendKeys(efirma.cer().toAbsolutePath().toString());
            screen.element("efirma-key").sendKeys(efirma.key().toAbsolutePath().toString());
            assertThat(screen.text("efirma-cer-name")).isEqualTo("capturista-demo.cer");
            assertThat(screen.text("efirma-key-name")).isEqualTo("capturista-demo.key");
            screen.type("efirma-password", efirma.password());
            screen.submit("icsoe-efirma-submit");

            screen.await("portal-curp");
            assertThat(browser.getCurrentUrl()).startsWith(portal.url());
            assertThat(screen.text("portal-curp")).isEqualTo(capturista.curp());
        }
    }

    private void assertAfterUpdatePage(IcsoeScreen screen) {
        assertThat(screen.title()).isEqualTo("Tu contraseña ya fue actualizada");
        assertThat(screen.element("kc-error-message").isDisplayed()).as("Keycloak's message hidden").isFalse();
        assertThat(screen.body()).doesNotContain("cookie");
        assertThat(screen.text("icsoe-after-update-login")).isEqualTo("Inicio de sesión");
        assertThat(screen.attribute("icsoe-after-update-login", "href")).isEqualTo(portal.url() + "/ingresar");
    }

    /** The element lies wholly inside the visual viewport (as a person on the phone sees the page now). */
    private void assertInViewport(String id) {
        @SuppressWarnings("unchecked")
        Map<String, Object> box = (Map<String, Object>) ((JavascriptExecutor) browser).executeScript(
                "var r = document.getElementById(arguments[0]).getBoundingClientRect();"
                        + "return {top: r.top, bottom: r.bottom, height: window.innerHeight};", id);
        double top = ((Number) box.get("top")).doubleValue();
        double bottom = ((Number) box.get("bottom")).doubleValue();
        double height = ((Number) box.get("height")).doubleValue();
        assertThat(top).as("#%s top (viewport %s px high)", id, height).isGreaterThanOrEqualTo(0);
        assertThat(bottom).as("#%s bottom (viewport %s px high)", id, height).isLessThanOrEqualTo(height);
    }

    /** axe-core at 360 and 1280 px, then the phone's own layout again; full-page screenshots when asked. */
    private void checked(String name, boolean screenshots) {
        try {
            for (int width : new int[] {ScreenProbe.PHONE, ScreenProbe.DESKTOP}) {
                ScreenProbe.viewport(browser, width, 800);
                ScreenProbe.assertAccessible(browser, name + " @" + width);
            }
        } finally {
            ScreenProbe.resetViewport(browser);
        }
        if (screenshots) {
            ScreenProbe.screenshot(browser, name, ScreenProbe.PHONE);
            ScreenProbe.screenshot(browser, name, ScreenProbe.DESKTOP);
        }
    }

    /** What the phone shows right now, not the full page: {@code <name>-412.png}. */
    private void viewportShot(String name) {
        try {
            Map<String, Object> shot = ((ChromeDriver) browser).executeCdpCommand("Page.captureScreenshot", Map.of("format", "png"));
            Files.createDirectories(ScreenProbe.SCREENSHOTS);
            Files.write(ScreenProbe.SCREENSHOTS.resolve(name + "-" + WIDTH + ".png"),
                    java.util.Base64.getDecoder().decode(String.valueOf(shot.get("data"))));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
