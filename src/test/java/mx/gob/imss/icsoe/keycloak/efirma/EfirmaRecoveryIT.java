package mx.gob.imss.icsoe.keycloak.efirma;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import mx.gob.imss.icsoe.keycloak.testing.Browsers;
import mx.gob.imss.icsoe.keycloak.testing.Capturista;
import mx.gob.imss.icsoe.keycloak.testing.IcsoeKeycloak;
import mx.gob.imss.icsoe.keycloak.testing.KeycloakExtension;
import mx.gob.imss.icsoe.keycloak.testing.PortalClient;
import mx.gob.imss.icsoe.keycloak.testing.ReceivedEmail;
import mx.gob.imss.icsoe.keycloak.testing.pages.LoginPage;

/**
 * "¿Ya no tienes acceso a tu correo? Restablece tu contraseña con tu e.firma", end to end in a real
 * Chromium with real files in the file inputs: the reset page, the e.firma page inside the
 * reset-credentials flow, "Recuperar contraseña", "Contraseña actualizada", the confirmation email and
 * a sign-in with the new password; and the refusals (revoked, CSD, unknown or disabled CURP). The test CA
 * is trusted and revocation is asked of a local OCSP responder, as in {@link EfirmaIT}.
 */
@ExtendWith(KeycloakExtension.class)
class EfirmaRecoveryIT {

    static final String PASSWORD = "Clave.Privada-2026";
    static final int RUNS = 5;

    private static TrustedTestAuthority authority;
    private static SatFixtures.Ca ca;
    private static OcspResponder ocsp;
    private static Path files;
    private static WebDriver browser;

    @BeforeAll
    static void setUp(IcsoeKeycloak kc) throws IOException {
        authority = TrustedTestAuthority.open(kc);
        ca = authority.ca();
        ocsp = authority.ocsp();
        files = Files.createDirectories(Path.of(System.getProperty("icsoe.work.dir", "target/it-work"), "efirma-recovery"));
        browser = Browsers.chromium(1280, 900);
    }

    @AfterAll
    static void tearDown() {
        try {
            if (browser != null) {
                browser.quit();
            }
        } finally {
            if (authority != null) {
                authority.close();
            }
        }
    }

    @BeforeEach
    void signedOut() {
        ((ChromeDriver) browser).executeCdpCommand("Network.clearBrowserCookies", Map.of());
    }

    private static Path[] filesOf(String name, SatFixtures.Efirma efirma) throws IOException {
        return new Path[] {Files.write(files.resolve(name + ".cer"), efirma.cer()), Files.write(files.resolve(name + ".key"), efirma.key(PASSWORD))};
    }

    @Test
    void givenARegisteredCapturistasEfirma_thenNewPassword_updated_otherSessionsEnd_confirmationEmail_andSignInWithIt(IcsoeKeycloak kc)
            throws Exception {
        List<Long> millis = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            signedOut();
            Capturista capturista = kc.users().create();
            try (WebClient other = Browsers.htmlUnitFromOwnAddress()) {
                LoginPage.open(other, kc.portalLoginUrl()).logIn(capturista.curp(), capturista.password());
            }
            assertThat(kc.realm().users().get(capturista.id()).getUserSessions()).as("a session elsewhere").hasSize(1);
            Path[] chosen = filesOf("recupera-" + run, SatFixtures.issue(ca, SatFixtures.Profile.fiel(capturista.curp())));

            EfirmaPage page = EfirmaPage.fromResetPage(browser, kc.portalLoginUrl());
            assertThat(browser.getTitle()).isEqualTo("Restablece tu contraseña con tu e.firma · ICSOE");
            page.choose(chosen[0], chosen[1], PASSWORD);
            long start = System.nanoTime();
            browser.findElement(By.id("icsoe-efirma-submit")).click();
            new WebDriverWait(browser, Duration.ofSeconds(60)).until(ExpectedConditions.presenceOfElementLocated(By.id("kc-passwd-update-form")));
            millis.add((System.nanoTime() - start) / 1_000_000);
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Recuperar contraseña");

            String fresh = kc.users().password();
            browser.findElement(By.id("password-new")).sendKeys(fresh);
            browser.findElement(By.id("password-confirm")).sendKeys(fresh);
            browser.findElement(By.id("kc-submit")).click();
            new WebDriverWait(browser, Duration.ofSeconds(60)).until(ExpectedConditions.presenceOfElementLocated(By.id("icsoe-password-updated")));
            assertThat(browser.findElement(By.tagName("body")).getText()).contains("Contraseña actualizada");
            assertThat(kc.realm().users().get(capturista.id()).getUserSessions()).as("every other session ended").isEmpty();

            ReceivedEmail email = kc.mailbox().awaitMessagesTo(capturista.email(),
                    m -> m.subject().contains("tu contraseña fue actualizada"), 1, Duration.ofSeconds(60)).get(0);
            assertThat(email.text()).contains("tu contraseña fue actualizada con tu e.firma");
            assertThat(email.html()).contains("icsoe-password-updated-by-efirma");

            try (WebClient web = Browsers.htmlUnitFromOwnAddress()) {
                HtmlPage landed = LoginPage.open(web, kc.portalLoginUrl()).logIn(capturista.curp(), fresh);
                assertThat(PortalClient.codeFrom(landed.getUrl().toString())).as("sign-in with the new password").isNotNull();
            }
        }
        List<Long> sorted = millis.stream().sorted().toList();
        String line = String.format(Locale.ROOT, "e.firma recovery Ingresar → Recuperar contraseña (Chromium: read files, check key, decrypt, "
                + "sign, post, verify, OCSP, page): median %d ms, min %d, max %d, n=%d, samples %s%n", sorted.get(sorted.size() / 2),
                sorted.get(0), sorted.get(sorted.size() - 1), sorted.size(), millis);
        System.out.print("[icsoe-it] " + line);
        Files.writeString(Path.of(System.getProperty("icsoe.work.dir", "target/it-work"), "efirma-recovery-timing.txt"), line);
    }

    @Test
    void givenARevokedCsdUnknownOrDisabledEfirma_thenRefusedOnTheSamePage_withTheSignInsMessages_orOneForEveryAccountProblem(IcsoeKeycloak kc)
            throws Exception {
        Capturista capturista = kc.users().create();
        Capturista disabled = kc.users().create(u -> u.setEnabled(false));
        SatFixtures.Efirma revoked = SatFixtures.issue(ca, SatFixtures.Profile.fiel(capturista.curp()));
        ocsp.revoke(revoked.certificate().getSerialNumber());
        String noAccount = "No es posible restablecer una contraseña de ICSOE con esta e.firma";
        Map<String, Object[]> cases = new java.util.LinkedHashMap<>();
        cases.put("revoked", new Object[] {revoked, "Tu certificado de e.firma fue revocado"});
        cases.put("CSD", new Object[] {SatFixtures.issue(ca, SatFixtures.Profile.fiel(capturista.curp()).csd("SUCURSAL CENTRO")),
                "certificado de sello digital (CSD)"});
        cases.put("company", new Object[] {SatFixtures.issue(ca, SatFixtures.Profile.company(capturista.curp())),
                "La e.firma de una empresa no sirve para ingresar a una cuenta personal"});
        cases.put("unknown CURP", new Object[] {SatFixtures.issue(ca, SatFixtures.Profile.fiel(kc.users().unusedCurp())), noAccount});
        cases.put("disabled", new Object[] {SatFixtures.issue(ca, SatFixtures.Profile.fiel(disabled.curp())), noAccount});
        String unknownPage = null;
        String disabledPage = null;
        for (Map.Entry<String, Object[]> c : cases.entrySet()) {
            signedOut();
            Path[] chosen = filesOf("rechazo-" + c.getKey().replace(' ', '-'), (SatFixtures.Efirma) c.getValue()[0]);
            EfirmaPage page = EfirmaPage.fromResetPage(browser, kc.portalLoginUrl());
            page.choose(chosen[0], chosen[1], PASSWORD);
            page.ingresar();
            assertThat(page.isShown()).as("%s: the same page", c.getKey()).isTrue();
            assertThat(page.alert()).as(c.getKey()).contains((String) c.getValue()[1]);
            assertThat(page.text("icsoe-efirma-choose-again")).as(c.getKey()).contains("vuelve a elegir tus archivos");
            assertThat(browser.findElements(By.id("kc-passwd-update-form"))).isEmpty();
            String shown = browser.findElement(By.id(EfirmaPage.FORM)).findElement(By.xpath("./ancestor::main|./ancestor::body")).getText();
            if (c.getKey().equals("unknown CURP")) {
                unknownPage = shown;
            } else if (c.getKey().equals("disabled")) {
                disabledPage = shown;
            }
        }
        assertThat(disabledPage).as("a disabled account's refusal reads as an unknown CURP's").isEqualTo(unknownPage);
        assertThat(kc.realm().users().get(capturista.id()).getUserSessions()).isEmpty();
    }
}
