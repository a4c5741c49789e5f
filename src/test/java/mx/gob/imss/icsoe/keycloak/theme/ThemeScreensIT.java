package mx.gob.imss.icsoe.keycloak.theme;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.representations.idm.RealmRepresentation;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.interactions.Actions;

import mx.gob.imss.icsoe.keycloak.policy.TestPolicies;
import mx.gob.imss.icsoe.keycloak.testing.Capturista;
import mx.gob.imss.icsoe.keycloak.testing.IcsoeKeycloak;
import mx.gob.imss.icsoe.keycloak.testing.KeycloakExtension;
import mx.gob.imss.icsoe.keycloak.testing.PortalClient;
import mx.gob.imss.icsoe.keycloak.testing.RealmAttributes;
import mx.gob.imss.icsoe.keycloak.testing.ReceivedEmail;

/**
 * The icsoe login theme in a real Chromium: the guide's texts on each screen, keyboard use, errors
 * wired for screen readers, axe-core, page weight against the stock keycloak.v2 login page, and
 * screenshots at 360 px and 1280 px (target/screenshots, copied to docs/screenshots).
 */
@ExtendWith(KeycloakExtension.class)
class ThemeScreensIT {

    static final String FIRMA_ATTRIBUTE = "icsoeFirmaElectronicaUrl";

    /** A fresh Chromium per test: no cookie, SSO session or page of another test carries over. */
    private WebDriver browser;

    @BeforeEach
    void openBrowser() {
        browser = ScreenProbe.browser();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void givenThePortal_whenTheLoginPageOpens_thenItShowsTheGuideScreenInTheGobMxFrame(IcsoeKeycloak kc) {
        browser.get(kc.portalLoginUrl());
        IcsoeScreen screen = new IcsoeScreen(browser);

        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("es");
        assertThat(screen.header()).containsIgnoringCase("Gobierno de México").contains("Trámites", "Gobierno");
        assertThat(screen.appName()).isEqualTo("ICSOE Informativa de contratos de Servicios u Obras Especializadas");
        assertThat(screen.title()).isEqualTo("Inicio de sesión");
        assertThat(screen.lead()).isEqualTo("Ingresa tu usuario y contraseña");
        assertThat(screen.label("username")).isEqualTo("Usuario*:");
        assertThat(screen.label("password")).isEqualTo("Contraseña*:");
        assertThat(screen.text("kc-forgot-password")).isEqualTo("¿Olvidaste tu contraseña?");
        assertThat(screen.text("kc-login")).isEqualTo("Ingresar");
        assertThat(screen.text("icsoe-firma-electronica")).as("the flow's e.firma step").isEqualTo("Ingresa con firma electrónica");
        assertThat(screen.element("icsoe-firma-electronica").getTagName()).as("posts to the flow").isEqualTo("button");
        assertThat(screen.footer()).contains("Instituto Mexicano del Seguro Social");
        assertThat(browser.getTitle()).isEqualTo("Inicio de sesión · ICSOE");

        ScreenProbe.record(browser, "login", kc.baseUrl());
    }

    @Test
    void givenTheRealmAttribute_whenTheLoginPageOpens_thenFirmaElectronicaLinksToIt(IcsoeKeycloak kc) {
        String url = kc.baseUrl() + "/realms/icsoe/firma-electronica";
        RealmAttributes.set(kc.realm(), FIRMA_ATTRIBUTE, url);
        try {
            browser.get(kc.portalLoginUrl());
            IcsoeScreen screen = new IcsoeScreen(browser);
            assertThat(screen.text("icsoe-firma-electronica")).isEqualTo("Ingresa con firma electrónica");
            assertThat(screen.attribute("icsoe-firma-electronica", "href")).isEqualTo(url);
            ScreenProbe.record(browser, "login-firma", kc.baseUrl());
        } finally {
            RealmAttributes.set(kc.realm(), FIRMA_ATTRIBUTE, "");
        }
        browser.get(kc.portalLoginUrl());
        assertThat(new IcsoeScreen(browser).element("icsoe-firma-electronica").getTagName())
                .as("without the attribute: the flow's e.firma step again").isEqualTo("button");
    }

    @Test
    void givenOnlyAKeyboard_whenACapturistaLogsIn_thenEveryControlIsReachedInOrderAndWorks(IcsoeKeycloak kc) {
        Capturista capturista = kc.users().create();
        browser.get(kc.portalLoginUrl());
        IcsoeScreen screen = new IcsoeScreen(browser);
        // Chromium applies autofocus in a rendering step after the load event: wait for it, briefly
        try {
            new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(3))
                    .until(d -> "username".equals(screen.focusedId()));
        } catch (org.openqa.selenium.TimeoutException e) {
            // the assertion below says what was focused instead
        }
        assertThat(screen.focusedId()).as("autofocus").isEqualTo("username");

        Actions keys = new Actions(browser);
        keys.sendKeys(capturista.curp()).sendKeys(Keys.TAB).perform();
        assertThat(screen.focusedId()).isEqualTo("password");
        keys.sendKeys(capturista.password()).sendKeys(Keys.TAB).perform();
        assertThat(browser.switchTo().activeElement().getAccessibleName()).isEqualToIgnoringCase("Mostrar contraseña");
        keys.sendKeys(Keys.ENTER).perform();
        assertThat(screen.attribute("password", "type")).as("Mostrar shows the password").isEqualTo("text");
        assertThat(browser.switchTo().activeElement().getAccessibleName()).as("focus stays on the toggle")
                .isEqualToIgnoringCase("Ocultar contraseña");
        keys.sendKeys(Keys.TAB).perform();
        assertThat(screen.focusedId()).isEqualTo("kc-forgot-password");
        keys.sendKeys(Keys.TAB).perform();
        assertThat(screen.focusedId()).isEqualTo("kc-login");
        org.openqa.selenium.WebElement loginPage = browser.findElement(By.tagName("html"));
        keys.sendKeys(Keys.ENTER).perform();
        screen.awaitGone(loginPage);

        assertThat(kc.realm().users().get(capturista.id()).getUserSessions())
                .as("Enter on Ingresar logged the capturista in").isNotEmpty();
    }

    @Test
    void givenAWrongPassword_whenTheLoginPageComesBack_thenTheErrorIsTiedToTheFieldsAndFocused(IcsoeKeycloak kc) {
        Capturista capturista = kc.users().create();
        browser.get(kc.portalLoginUrl());
        IcsoeScreen screen = new IcsoeScreen(browser);
        screen.type("username", capturista.curp());
        screen.type("password", "NoEsLaContraseña1!");
        screen.submit("kc-login");

        assertThat(screen.text("username-error")).isEqualTo("Usuario o contraseña incorrectos.");
        assertThat(screen.attribute("username", "aria-invalid")).isEqualTo("true");
        assertThat(screen.attribute("username", "aria-describedby")).contains("username-error");
        assertThat(screen.attribute("password", "aria-describedby")).contains("username-error");
        assertThat(screen.attribute("username-error", "aria-live")).isEqualTo("polite");
        assertThat(screen.focusedId()).as("the field in error has the focus").isEqualTo("username");

        ScreenProbe.record(browser, "login-error", kc.baseUrl());
    }

    @Test
    void givenAStaleLoginForm_whenItIsReloaded_thenThePageExpiredScreenIsInSpanish(IcsoeKeycloak kc) {
        browser.get(kc.portalLoginUrl());
        IcsoeScreen screen = new IcsoeScreen(browser);
        String staleAction = screen.attribute("kc-form-login", "action");
        screen.submit("kc-forgot-password");
        browser.get(staleAction);

        assertThat(screen.title()).isEqualTo("La página expiró");
        assertThat(screen.text("instruction1")).startsWith("Esta página ya no es válida")
                .doesNotContain(" .").doesNotContain("clic aquí");
        assertThat(screen.text("loginContinueLink")).isEqualTo("Continuar donde me quedé");
        assertThat(screen.text("loginRestartLink")).isEqualTo("Volver a empezar");
        ScreenProbe.record(browser, "page-expired", kc.baseUrl());

        // "Continuar donde me quedé" goes back to the step the flow is at: the reset form
        screen.submit("loginContinueLink");
        assertThat(screen.await("kc-reset-password-form").title()).isEqualTo("Restablecer contraseña");
        // "Volver a empezar" starts the login again
        browser.get(staleAction);
        assertThat(screen.await("loginRestartLink").title()).isEqualTo("La página expiró");
        screen.submit("loginRestartLink");
        assertThat(screen.await("kc-form-login").title()).isEqualTo("Inicio de sesión");
    }

    @Test
    void givenAnUpdatePasswordEmail_whenTheLinkIsFollowed_thenRecuperarContrasenaWorksAndTheUsedLinkIsRefused(IcsoeKeycloak kc) {
        Capturista capturista = kc.users().create();
        kc.realm().users().get(capturista.id()).executeActionsEmail(List.of("UPDATE_PASSWORD"));
        ReceivedEmail email = kc.mailbox().awaitOneTo(capturista.email());
        String link = email.linkContaining("action-token");

        browser.get(link);
        IcsoeScreen screen = new IcsoeScreen(browser);
        if (screen.has("kc-info-message")) {
            assertThat(screen.body()).contains("Realiza la siguiente acción", "Actualizar contraseña");
            ScreenProbe.record(browser, "info-required-action", kc.baseUrl());
            browser.findElement(By.cssSelector("#kc-info-message a")).click();
        }

        assertRecuperarContrasena(screen);
        ScreenProbe.record(browser, "update-password", kc.baseUrl());

        screen.type("password-new", "Vx7!kQm#2pLr");
        screen.type("password-confirm", "Vx7!kQm#2pLs");
        screen.submit("kc-submit");
        assertThat(screen.text("password-confirm-error")).isEqualTo("Las contraseñas no coinciden.");
        assertThat(screen.attribute("password-confirm", "aria-invalid")).isEqualTo("true");
        assertThat(screen.focusedId()).isEqualTo("password-confirm");
        ScreenProbe.record(browser, "update-password-error", kc.baseUrl());

        screen.type("password-new", "Vx7!kQm#2pLr");
        screen.type("password-confirm", "Vx7!kQm#2pLr");
        screen.submit("kc-submit");
        assertThat(screen.body()).containsAnyOf("Contraseña actualizada", "Tu cuenta se actualizó.");
        ScreenProbe.record(browser, "update-password-done", kc.baseUrl());

        // opened again from the mail client: a new tab, without this tab's "just updated" mark (icsoe.js)
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("window.sessionStorage.clear()");
        browser.get(link);
        assertThat(screen.body()).contains("Esta liga ya no es válida: caducó o ya fue utilizada");
        ScreenProbe.record(browser, "error-link-used", kc.baseUrl());
    }

    @Test
    void givenCurpAndEmail_whenACapturistaRecoversHerPassword_thenEveryScreenAndEmailOfTheGuideAppears(IcsoeKeycloak kc) {
        Capturista capturista = kc.users().create();
        browser.get(kc.portalLoginUrl());
        IcsoeScreen screen = new IcsoeScreen(browser);
        screen.submit("kc-forgot-password");

        // 1.2 Restablecer contraseña
        assertThat(screen.title()).isEqualTo("Restablecer contraseña");
        assertThat(screen.lead()).isEqualTo("Ingresa tu CURP para restablecer tu contraseña");
        assertThat(screen.label("username")).isEqualTo("Usuario*:");
        assertThat(screen.label("email")).isEqualTo("Correo electrónico*:");
        assertThat(screen.text("kc-reset-submit")).isEqualTo("Ingresar");
        assertThat(screen.attribute("kc-back-to-login", "href")).startsWith(kc.baseUrl());
        assertThat(screen.attribute("username", "value")).isEmpty();
        ScreenProbe.record(browser, "reset-credentials", kc.baseUrl());

        screen.submit("kc-reset-submit");
        assertThat(screen.attribute("username", "aria-invalid")).isEqualTo("true");
        assertThat(screen.attribute("username", "aria-describedby")).contains("username-error");
        assertThat(screen.text("username-error")).isNotBlank();
        assertThat(screen.focusedId()).isEqualTo("username");
        ScreenProbe.record(browser, "reset-credentials-error", kc.baseUrl());

        screen.type("username", capturista.curp());
        screen.type("email", capturista.email());
        screen.submit("kc-reset-submit");

        // 1.4 the confirmation
        screen.await("icsoe-reset-sent");
        assertThat(screen.text("icsoe-reset-sent")).startsWith(
                "La liga para restablecer tu contraseña fue enviada al correo electrónico registrado");
        assertThat(screen.text("kc-accept")).isEqualTo("Aceptar");
        ScreenProbe.record(browser, "reset-sent", kc.baseUrl());

        // 1.6 the email
        ReceivedEmail resetEmail = kc.mailbox().awaitOneTo(capturista.email());
        assertThat(resetEmail.subject()).isEqualTo("ICSOE: restablece tu contraseña");
        assertThat(resetEmail.html()).contains("Restablecer contraseña", "minutos", "¿No fuiste tú?");
        assertThat(resetEmail.text()).contains("minutos", "¿No fuiste tú?").doesNotContain("botón");
        assertThat(resetEmail.html()).contains("botón");
        String link = resetEmail.linkContaining("action-token");
        assertThat(resetEmail.text()).contains(link);

        // 1.7 Recuperar contraseña, rules from the realm's policy, ticked live like the server judges
        browser.get(link);
        assertRecuperarContrasena(screen);
        assertThat(screen.has("icsoe-password-rules")).as("the realm's rules are rendered into the page").isTrue();
        ScreenProbe.record(browser, "update-password-rules", kc.baseUrl());
        TestPolicies server = TestPolicies.withPolicy(kc.realm().toRepresentation().getPasswordPolicy());
        for (String candidate : List.of("a", "abcdefgh", "Abcdefg1!", "Qwer7!xZ", "Rb7!kLm#Q2zt", "Aaa1!bcdX",
                "Zx1!2 3Yw", "Ñandú#2024xY", "mnño7!QW", "1qaz!Wsx", "9876!Abc", "Pass.w0rd", "hola mundo 1A!",
                "\u24B6mzq7!rkw")) {
            screen.type("password-new", candidate);
            assertThat(screen.tickedRules()).as("ticks for %s", candidate).containsExactlyInAnyOrderElementsOf(expectedTicks(server, candidate));
        }
        screen.type("password-new", "Rb7!kLm#Q2zt");
        assertThat(screen.tickedRules()).containsExactly("mix", "special", "length", "repeat");
        ScreenProbe.screenshot(browser, "update-password-live", ScreenProbe.PHONE);

        // the server's own message for the failing rule
        screen.type("password-new", "Qwer7!xZab#");
        screen.type("password-confirm", "Qwer7!xZab#");
        screen.submit("kc-submit");
        assertThat(screen.text("password-new-error")).contains("teclado");
        assertThat(screen.attribute("password-new", "aria-invalid")).isEqualTo("true");
        ScreenProbe.record(browser, "update-password-rule-error", kc.baseUrl());

        String newPassword = kc.users().password();
        screen.type("password-new", newPassword);
        screen.type("password-confirm", newPassword);
        screen.submit("kc-submit");

        // 1.9 Contraseña actualizada
        screen.await("icsoe-password-updated");
        assertThat(screen.text("icsoe-password-updated")).contains("Contraseña actualizada");
        assertThat(screen.text("kc-accept")).isEqualTo("Aceptar");
        ScreenProbe.record(browser, "password-updated", kc.baseUrl());

        // 1.11 the confirmation email, then both emails as a person sees them
        List<ReceivedEmail> emails = kc.mailbox().awaitMessagesTo(capturista.email(), 2, java.time.Duration.ofSeconds(30));
        ReceivedEmail updatedEmail = emails.stream().filter(e -> e.subject().contains("actualizada")).findFirst().orElseThrow();
        assertThat(updatedEmail.subject()).isEqualTo("ICSOE: tu contraseña fue actualizada");
        assertThat(updatedEmail.html()).contains("Contraseña actualizada", "¿No fuiste tú?", "hora del centro de México");
        assertThat(updatedEmail.text()).contains("Contraseña actualizada", "¿No fuiste tú?");

        // 1.12 Aceptar leads to the application (the portal's base URL), whose sign-in is the login
        // page again: no automatic login after a reset. (The tests' portal lands on Keycloak's account
        // console, which cannot run under the realm's CSP, so its login is opened directly.)
        String application = kc.realm().clients().findByClientId(PortalClient.CLIENT_ID).get(0).getBaseUrl();
        screen.submit("kc-accept");
        new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(20))
                .until(d -> d.getCurrentUrl().contains(application));
        browser.get(kc.portalLoginUrl());
        screen.await("kc-form-login");
        assertThat(screen.title()).as("no automatic login after a reset").isEqualTo("Inicio de sesión");

        ScreenProbe.screenshotEmail(browser, "email-password-reset", resetEmail.html());
        ScreenProbe.screenshotEmail(browser, "email-password-updated", updatedEmail.html());
    }

    /**
     * The checklist items the server would tick: each of the guide's four rules groups policies of
     * the realm, judged by Keycloak's own providers and ours.
     */
    static List<String> expectedTicks(TestPolicies server, String password) {
        java.util.Set<String> refused = server.refusedBy(password);
        List<String> ticks = new java.util.ArrayList<>();
        if (java.util.Collections.disjoint(refused, List.of("upperCase", "lowerCase", "digits"))) {
            ticks.add("mix");
        }
        if (!refused.contains("icsoeSpecialChars")) {
            ticks.add("special");
        }
        if (java.util.Collections.disjoint(refused, List.of("length", "maxLength", "icsoeNoWhitespace",
                "icsoeNoKeyboardPattern", "icsoeNoSequence"))) {
            ticks.add("length");
        }
        if (!refused.contains("icsoeNoRepeatedChars")) {
            ticks.add("repeat");
        }
        return ticks;
    }

    @Test
    void givenTheStockKeycloakV2Login_whenWeighedInTheSameRun_thenEveryIcsoeScreenIsSeveralTimesLighter(IcsoeKeycloak kc) {
        ScreenProbe.Weight stock;
        setLoginTheme(kc, "keycloak.v2");
        try {
            browser.get(kc.portalLoginUrl());
            assertThat(browser.findElements(By.id("kc-login"))).isNotEmpty();
            stock = ScreenProbe.weigh(browser, "keycloak.v2 login (stock)", kc.baseUrl());
        } finally {
            setLoginTheme(kc, "icsoe");
        }
        // the ICSOE screens weighed here, in this test's own browser: the login and the reset form
        browser.get(kc.portalLoginUrl());
        ScreenProbe.Weight login = ScreenProbe.weigh(browser, "login", kc.baseUrl());
        new IcsoeScreen(browser).submit("kc-forgot-password");
        ScreenProbe.Weight reset = ScreenProbe.weigh(browser, "reset-credentials", kc.baseUrl());
        String table = ScreenProbe.weightTable(stock);
        System.out.println("ICSOE theme page weights:\n" + table);
        assertThat(List.of(login, reset))
                .allSatisfy(w -> assertThat(w.bytes() * 5).as(w.screen()).isLessThan(stock.bytes()));
    }

    static void assertRecuperarContrasena(IcsoeScreen screen) {
        assertThat(screen.title()).isEqualTo("Recuperar contraseña");
        assertThat(screen.rules()).hasSize(4);
        assertThat(screen.rules().get(0)).isEqualTo("Utilizar mayúsculas, minúsculas y números");
        assertThat(screen.rules().get(1)).startsWith("Incluir al menos un carácter especial:").contains("- * ? ! @ # $ / ( ) = . , : ;");
        assertThat(screen.rules().get(2)).startsWith("Tener una longitud mayor o igual a 8 caracteres")
                .contains("sin espacios en blanco", "patrones de teclado (qwerty)", "números en secuencia (1234)");
        assertThat(screen.rules().get(3)).startsWith("Sin repetir caracteres (");
        assertThat(screen.label("password-new")).isEqualTo("Contraseña nueva*:");
        assertThat(screen.label("password-confirm")).isEqualTo("Confirmar contraseña*:");
        assertThat(screen.text("kc-back")).isEqualTo("Regresar");
        assertThat(screen.text("kc-submit")).isEqualTo("Guardar contraseña");
        assertThat(screen.attribute("password-new", "aria-describedby")).contains("icsoe-rules-list");
    }

    static void setLoginTheme(IcsoeKeycloak kc, String theme) {
        RealmRepresentation change = new RealmRepresentation();
        change.setLoginTheme(theme);
        kc.realm().update(change);
    }
}
