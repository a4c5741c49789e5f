package mx.gob.imss.icsoe.keycloak.theme;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.WebDriver;

import mx.gob.imss.icsoe.keycloak.efirma.EfirmaPage;
import mx.gob.imss.icsoe.keycloak.efirma.EfirmaRealm;
import mx.gob.imss.icsoe.keycloak.efirma.SatFixtures;
import mx.gob.imss.icsoe.keycloak.testing.IcsoeKeycloak;
import mx.gob.imss.icsoe.keycloak.testing.KeycloakExtension;

/**
 * The "Ingresa con firma electrónica" page as the theme ITs see every screen: weight (its own budget
 * of 400 KB, node-forge included; every other page keeps 150 KB), axe-core at 1280 and 360 px, and
 * screenshots of the page and of one error.
 */
@ExtendWith(KeycloakExtension.class)
class EfirmaScreensIT {

    static final long EFIRMA_BUDGET_BYTES = 400 * 1024;
    private static WebDriver browser;
    private static EfirmaRealm realm;

    @BeforeAll
    static void setUp(IcsoeKeycloak kc) {
        realm = EfirmaRealm.trusting(kc, SatFixtures.ca("AC de pruebas del SAT"), Map.of());
        browser = ScreenProbe.browser();
    }

    @AfterAll
    static void tearDown() {
        try {
            if (browser != null) {
                browser.quit();
            }
        } finally {
            if (realm != null) {
                realm.close();
            }
        }
    }

    @Test
    void givenTheEfirmaPage_thenItFitsItsBudget_isAccessible_andIsPhotographedWithAndWithoutAnError(IcsoeKeycloak kc) throws Exception {
        ScreenProbe.clearCookies(browser);
        EfirmaPage page = EfirmaPage.fromLogin(browser, kc.portalLoginUrl());
        ScreenProbe.Weight weight = photograph(kc, "efirma");
        assertThat(weight.parts()).containsKeys("forge.min.js", "icsoe-efirma.js");
        System.out.println("[icsoe-it] e.firma page weight: " + weight.bytes() + " B " + weight.parts());

        SatFixtures.Efirma efirma = SatFixtures.issue(SatFixtures.ca("AC de pruebas del SAT"), SatFixtures.Profile.fiel("HEGG850315MDFRRD07"));
        Path dir = Files.createDirectories(Path.of(System.getProperty("icsoe.work.dir", "target/it-work"), "efirma-screens"));
        Path cer = Files.write(dir.resolve("pantalla.cer"), efirma.cer());
        Path key = Files.write(dir.resolve("pantalla.key"), efirma.key("Clave.Privada-2026"));
        page.choose(cer, key, "no-es-la-contraseña");
        page.ingresar();
        assertThat(page.alert()).contains("La contraseña de la clave privada no es correcta");
        photograph(kc, "efirma-error");
    }

    @Test
    void givenTheRecoveryPath_thenTheResetPagesLinkAndTheRecoveryPageAreAccessible_andPhotographed(IcsoeKeycloak kc) throws Exception {
        ScreenProbe.clearCookies(browser);
        EfirmaPage page = EfirmaPage.fromResetPage(browser, kc.portalLoginUrl());
        assertThat(page.text("kc-page-title")).isEqualTo("Restablece tu contraseña con tu e.firma");
        photograph(kc, "efirma-recovery");
        page.choose(null, null, null);
        page.ingresar();
        assertThat(page.alert()).contains("Elige tu certificado (.cer) y tu clave privada (.key)");
        photograph(kc, "efirma-recovery-error");

        ScreenProbe.clearCookies(browser);
        browser.get(kc.portalLoginUrl());
        new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(30))
                .until(d -> !d.findElements(org.openqa.selenium.By.id("kc-forgot-password")).isEmpty());
        org.openqa.selenium.WebElement root = browser.findElement(org.openqa.selenium.By.tagName("html"));
        browser.findElement(org.openqa.selenium.By.id("kc-forgot-password")).click();
        mx.gob.imss.icsoe.keycloak.testing.Browsers.awaitNewPage(browser, root, java.time.Duration.ofSeconds(30));
        assertThat(browser.findElement(org.openqa.selenium.By.id("icsoe-efirma-recovery-form")).getText())
                .isEqualTo("¿Ya no tienes acceso a tu correo? Restablece tu contraseña con tu e.firma");
        assertThat(browser.findElement(org.openqa.selenium.By.cssSelector("#icsoe-efirma-recovery strong")).getText())
                .isEqualTo("Restablece tu contraseña con tu e.firma");
        assertThat(browser.findElement(org.openqa.selenium.By.tagName("body")).getText())
                .as("Keycloak's own 'try another way' link stays off: the e.firma has its link").doesNotContain("Ingresar de otra forma");
        photograph(kc, "reset-credentials-efirma");
    }

    /** ScreenProbe.record with this page's own budget: weight, the console under the CSP, axe-core, screenshots. */
    private static ScreenProbe.Weight photograph(IcsoeKeycloak kc, String screen) {
        ScreenProbe.Weight weight = ScreenProbe.weigh(browser, screen, kc.baseUrl());
        ScreenProbe.assertNoPolicyViolation(browser, screen);
        assertThat(weight.bytes()).as("weight of %s: %s", screen, weight.parts()).isLessThanOrEqualTo(EFIRMA_BUDGET_BYTES);
        ScreenProbe.assertAccessible(browser, screen + " @" + ScreenProbe.DESKTOP);
        ScreenProbe.screenshot(browser, screen, ScreenProbe.DESKTOP);
        ScreenProbe.viewport(browser, ScreenProbe.PHONE, 740);
        try {
            ScreenProbe.assertAccessible(browser, screen + " @" + ScreenProbe.PHONE);
        } finally {
            ScreenProbe.resetViewport(browser);
        }
        ScreenProbe.screenshot(browser, screen, ScreenProbe.PHONE);
        return weight;
    }
}
