package mx.gob.imss.icsoe.keycloak.efirma;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

import mx.gob.imss.icsoe.keycloak.testing.Browsers;
import mx.gob.imss.icsoe.keycloak.testing.PortalClient;
import mx.gob.imss.icsoe.keycloak.testing.pages.LoginPage;
import mx.gob.imss.icsoe.keycloak.testing.Capturista;
import mx.gob.imss.icsoe.keycloak.testing.CurpFactory;
import mx.gob.imss.icsoe.keycloak.testing.IcsoeKeycloak;
import mx.gob.imss.icsoe.keycloak.testing.KeycloakExtension;
import mx.gob.imss.icsoe.keycloak.testing.MetricsScrape;

/**
 * The e.firma sign-in end to end: the real Keycloak with the imported realm, a real Chromium choosing
 * real files in the page's file inputs (keys encrypted as SAT does), a test CA trusted through the
 * step's configuration and a local OCSP responder. Under the strict Content-Security-Policy the
 * login pages are to get, checked through Chromium's console.
 */
@ExtendWith(KeycloakExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EfirmaIT {

    static final String PASSWORD = "Clave.Privada-2026";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static TrustedTestAuthority authority;
    private static SatFixtures.Ca ca;
    private static OcspResponder ocsp;
    private static Path files;
    private static WebDriver browser;
    private static final List<String> usedCurps = new ArrayList<>();
    private static final List<Long> signInMillis = new ArrayList<>();

    @BeforeAll
    static void setUp(IcsoeKeycloak kc) throws IOException {
        authority = TrustedTestAuthority.open(kc);
        ca = authority.ca();
        ocsp = authority.ocsp();
        assertThat(kc.realm().toRepresentation().getBrowserSecurityHeaders().get("contentSecurityPolicy"))
                .as("the realm's strict policy").contains("script-src 'self'").doesNotContain("unsafe");
        files = Files.createDirectories(Path.of(System.getProperty("icsoe.work.dir", "target/it-work"), "efirma"));
        browser = Browsers.chromium(1280, 900, true);
    }

    @AfterAll
    static void tearDown(IcsoeKeycloak kc) throws IOException {
        try {
            if (browser != null) {
                browser.quit();
            }
        } finally {
            if (authority != null) {
                authority.close();
            }
        }
        if (!signInMillis.isEmpty()) {
            List<Long> sorted = signInMillis.stream().sorted().toList();
            String line = String.format(Locale.ROOT, "e.firma Ingresar → signed in (Chromium: read files, decrypt, sign, post, verify, redirect): "
                    + "median %d ms, min %d, max %d, n=%d, samples %s%n", sorted.get(sorted.size() / 2), sorted.get(0),
                    sorted.get(sorted.size() - 1), sorted.size(), signInMillis);
            System.out.print("[icsoe-it] " + line);
            Files.writeString(Path.of(System.getProperty("icsoe.work.dir", "target/it-work"), "efirma-timing.txt"), line);
        }
    }

    @BeforeEach
    void signedOut() {
        ((ChromeDriver) browser).executeCdpCommand("Network.clearBrowserCookies", Map.of());
        browser.manage().logs().get(LogType.PERFORMANCE);
        browser.manage().logs().get(LogType.BROWSER);
    }

    /** Nothing on the login pages that the realm's Content-Security-Policy refused, and no script error. */
    @AfterEach
    void noPolicyViolations() {
        List<String> console = browser.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage)
                .filter(m -> m.contains("/login-actions/") || m.contains("/protocol/openid-connect/auth")).toList();
        assertThat(console).as("Chromium console of the login pages under the realm's CSP")
                .noneMatch(m -> m.contains("Content Security Policy") || m.contains("Content-Security-Policy")
                        || m.contains("Refused to") || m.contains("Uncaught"));
    }

    private static Path write(String name, byte[] content) throws IOException {
        return Files.write(files.resolve(name), content);
    }

    private static Path[] filesOf(String name, SatFixtures.Efirma efirma) throws IOException {
        return new Path[] {write(name + ".cer", efirma.cer()), write(name + ".key", efirma.key(PASSWORD))};
    }

    private static SatFixtures.Efirma fielFor(String curp) {
        usedCurps.add(curp);
        return SatFixtures.issue(ca, SatFixtures.Profile.fiel(curp));
    }

    /** The e.firma forms the page posted, decoded (from Chromium's DevTools network events), and their HTTP statuses. */
    private static List<Map<String, String>> postedForms(List<Integer> statuses) throws IOException {
        List<Map<String, String>> forms = new ArrayList<>();
        Map<String, String> postIds = new LinkedHashMap<>();
        List<JsonNode> events = new ArrayList<>();
        for (LogEntry entry : browser.manage().logs().get(LogType.PERFORMANCE)) {
            events.add(JSON.readTree(entry.getMessage()).path("message"));
        }
        for (JsonNode event : events) {
            JsonNode params = event.path("params");
            if ("Network.requestWillBeSent".equals(event.path("method").asText())
                    && "POST".equals(params.path("request").path("method").asText())
                    && params.path("request").path("url").asText().contains("/login-actions/authenticate")
                    && params.path("request").path("postData").asText("").contains("challenge=")) {
                postIds.put(params.path("requestId").asText(), "");
                Map<String, String> form = new LinkedHashMap<>();
                for (String pair : params.path("request").path("postData").asText("").split("&")) {
                    if (pair.isEmpty()) {
                        continue;
                    }
                    int eq = pair.indexOf('=');
                    form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
                forms.add(form);
            }
        }
        for (JsonNode event : events) {
            JsonNode params = event.path("params");
            if ("Network.responseReceived".equals(event.path("method").asText()) && postIds.containsKey(params.path("requestId").asText())) {
                statuses.add(params.path("response").path("status").asInt());
            }
        }
        return forms;
    }

    /** The HTML of the last document Chromium loaded, exactly as the server sent it (DevTools). */
    private static String lastDocumentBody() throws IOException {
        String requestId = null;
        for (LogEntry entry : browser.manage().logs().get(LogType.PERFORMANCE)) {
            JsonNode event = JSON.readTree(entry.getMessage()).path("message");
            if ("Network.responseReceived".equals(event.path("method").asText()) && "Document".equals(event.path("params").path("type").asText())) {
                requestId = event.path("params").path("requestId").asText();
            }
        }
        assertThat(requestId).as("a document was loaded").isNotNull();
        return String.valueOf(((ChromeDriver) browser).executeCdpCommand("Network.getResponseBody", Map.of("requestId", requestId)).get("body"));
    }

    @Test
    @Order(1)
    void givenTheLoginPage_whenFirmaElectronicaIsChosen_thenTheSpanishPageWithItsFieldsAndAWayBack(IcsoeKeycloak kc) throws IOException {
        EfirmaPage page = EfirmaPage.fromLogin(browser, kc.portalLoginUrl());
        assertThat(browser.getTitle()).isEqualTo("Ingresa con firma electrónica · ICSOE");
        assertThat(page.label("efirma-cer")).isEqualTo("Certificado (.cer)*:");
        assertThat(page.label("efirma-key")).isEqualTo("Clave privada (.key)*:");
        assertThat(page.label("efirma-password")).isEqualTo("Contraseña de la clave privada*:");
        assertThat(page.text("icsoe-efirma-submit")).isEqualTo("Ingresar");
        assertThat(page.text("icsoe-efirma-local")).contains("nunca salen de este dispositivo");
        assertThat(page.challenge()).startsWith(EfirmaChallenge.LABEL);
        org.openqa.selenium.JavascriptExecutor js = (org.openqa.selenium.JavascriptExecutor) browser;
        String html = lastDocumentBody();
        assertThat(html).as("the page as the server sent it").contains("id=\"icsoe-efirma-form\"")
                .doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>").doesNotContain(" style=").doesNotContain("<style");
        assertThat(((Number) js.executeScript("return document.querySelectorAll('script:not([src])').length")).intValue())
                .as("inline scripts in the page's DOM").isZero();
        assertThat(((Number) js.executeScript("return document.querySelectorAll('#icsoe-efirma-form input[type=file][name], #efirma-password[name]:not([name=\"\"])').length")).intValue())
                .as("the key, the certificate file and the password have no name, so they are never posted").isZero();

        org.openqa.selenium.WebElement root = browser.findElement(org.openqa.selenium.By.tagName("html"));
        browser.findElement(org.openqa.selenium.By.id("kc-back-to-login")).click();
        Browsers.awaitNewPage(browser, root, Duration.ofSeconds(30));
        assertThat(browser.findElements(org.openqa.selenium.By.id("kc-form-login"))).as("back on the login page").hasSize(1);
    }

    @Test
    @Order(2)
    void givenAValidEfirmaOfACapturista_whenIngresar_thenSignedIn_andThePostHoldsNoKeyAndNoPassword(IcsoeKeycloak kc) throws Exception {
        for (int run = 0; run < 7; run++) {
            Capturista capturista = kc.users().create();
            SatFixtures.Efirma efirma = fielFor(capturista.curp());
            Path[] chosen = filesOf("valida-" + run, efirma);
            EfirmaPage page = EfirmaPage.fromLogin(browser, kc.portalLoginUrl());
            page.choose(chosen[0], chosen[1], PASSWORD);
            long start = System.nanoTime();
            browser.findElement(org.openqa.selenium.By.id("icsoe-efirma-submit")).click();
            new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> d.getCurrentUrl().startsWith(kc.portal().redirectUri())
                    && d.getCurrentUrl().contains("code="));
            signInMillis.add((System.nanoTime() - start) / 1_000_000);

            assertThat(kc.realm().users().get(capturista.id()).getUserSessions()).as("signed in").hasSize(1);
            List<Integer> statuses = new ArrayList<>();
            List<Map<String, String>> posts = postedForms(statuses);
            assertThat(posts).as("one post: the signature").hasSize(1);
            Map<String, String> post = posts.get(0);
            assertThat(post.keySet()).containsExactlyInAnyOrder("certificate", "signature", "challenge", "error");
            assertThat(post.get("error")).isEmpty();
            assertThat(Base64.getDecoder().decode(post.get("certificate"))).isEqualTo(efirma.cer());
            String body = String.join("&", post.values());
            assertThat(body).doesNotContain(PASSWORD)
                    .doesNotContain(Base64.getEncoder().encodeToString(efirma.key(PASSWORD)).substring(0, 40))
                    .doesNotContain(Base64.getEncoder().encodeToString(Files.readAllBytes(chosen[1])).substring(0, 40))
                    .doesNotContain(Base64.getEncoder().encodeToString(efirma.keys().getPrivate().getEncoded()).substring(40, 80));
            byte[] signature = Base64.getDecoder().decode(post.get("signature"));
            assertThat(signature).hasSize(256);
            assertThat(statuses).allMatch(s -> s < 500);
            ((ChromeDriver) browser).executeCdpCommand("Network.clearBrowserCookies", Map.of());
        }
    }

    record Case(String name, String message, Path cer, Path key, String password) {
    }

    @Test
    @Order(3)
    void givenEachKindOfBadEfirma_whenIngresar_thenItsSpanishMessageOnTheSamePage(IcsoeKeycloak kc) throws Exception {
        Capturista capturista = kc.users().create();
        Capturista disabled = kc.users().create(u -> u.setEnabled(false));
        String stranger = new CurpFactory(new Random()).next();
        Instant now = Instant.now();
        Path[] valid = filesOf("caso-valida", fielFor(capturista.curp()));
        Path[] other = filesOf("caso-otra", fielFor(capturista.curp()));
        SatFixtures.Efirma revoked = fielFor(capturista.curp());
        ocsp.revoke(revoked.certificate().getSerialNumber());
        usedCurps.add(disabled.curp());
        usedCurps.add(stranger);
        byte[] big = new byte[64 * 1024];
        new Random(1).nextBytes(big);

        List<Case> cases = List.of(
                new Case("wrong password", "La contraseña de la clave privada no es correcta", valid[0], valid[1], "otra-contraseña"),
                new Case("key of another e.firma", "La clave privada no corresponde al certificado: lo revisamos en este dispositivo",
                        valid[0], other[1], PASSWORD),
                new Case("expired", "está vencido", cer("caso-vencida", SatFixtures.Profile.fiel(capturista.curp())
                        .valid(now.minus(Duration.ofDays(800)), now.minus(Duration.ofDays(2)))), null, PASSWORD),
                new Case("not yet valid", "todavía no es válido", cer("caso-futura", SatFixtures.Profile.fiel(capturista.curp())
                        .valid(now.plus(Duration.ofDays(3)), now.plus(Duration.ofDays(400)))), null, PASSWORD),
                new Case("foreign CA", "no fue emitido por el SAT", filesOf("caso-ajena",
                        SatFixtures.issue(SatFixtures.ca("AC de pruebas del SAT"), SatFixtures.Profile.fiel(capturista.curp())))[0], null, PASSWORD),
                new Case("revoked", "fue revocado", filesOf("caso-revocada", revoked)[0], null, PASSWORD),
                new Case("CSD", "certificado de sello digital (CSD)", cer("caso-csd",
                        SatFixtures.Profile.fiel(capturista.curp()).csd("SUCURSAL CENTRO")), null, PASSWORD),
                new Case("company", "La e.firma de una empresa no sirve para ingresar a una cuenta personal; usa tu e.firma como persona física.",
                        cer("caso-empresa", SatFixtures.Profile.company(capturista.curp())), null, PASSWORD),
                new Case("no account", "No hay una cuenta de ICSOE para la CURP", filesOf("caso-sin-cuenta", fielFor(stranger))[0], null, PASSWORD),
                new Case("disabled account", "Tu cuenta de ICSOE está deshabilitada", filesOf("caso-deshabilitada", fielFor(disabled.curp()))[0], null, PASSWORD),
                new Case("a text file as certificate", "no es un certificado de e.firma", write("caso-texto.cer",
                        "Esto no es un certificado".getBytes(StandardCharsets.UTF_8)), null, PASSWORD),
                new Case("a certificate as key", "no es una clave de e.firma", valid[0], valid[0], PASSWORD),
                new Case("oversized", "demasiado grande", write("caso-grande.cer", big), null, PASSWORD),
                new Case("nothing chosen", "Elige tu certificado (.cer) y tu clave privada (.key)", null, null, null));

        for (Case c : cases) {
            // each certificate is used with its own key, unless the case says otherwise
            Path key = c.key() != null ? c.key() : c.cer() == null ? null : keyBeside(c.cer());
            EfirmaPage page = EfirmaPage.fromLogin(browser, kc.portalLoginUrl());
            page.choose(c.cer(), key, c.password());
            page.ingresar();
            assertThat(page.isShown()).as("%s: the same page", c.name()).isTrue();
            assertThat(page.alert()).as(c.name()).contains(c.message());
            assertThat(page.text("icsoe-efirma-choose-again")).as("%s: the person is told to choose the files again", c.name())
                    .contains("vuelve a elegir tus archivos .cer y .key");
            List<Integer> statuses = new ArrayList<>();
            List<Map<String, String>> posts = postedForms(statuses);
            assertThat(statuses).as("%s: HTTP statuses", c.name()).isNotEmpty().allMatch(s -> s == 200);
            assertThat(String.join("&", posts.get(posts.size() - 1).values())).as(c.name()).doesNotContain(PASSWORD);
        }
        assertThat(kc.realm().users().get(capturista.id()).getUserSessions()).isEmpty();
    }

    private static Path cer(String name, SatFixtures.Profile profile) throws IOException {
        return filesOf(name, SatFixtures.issue(ca, profile))[0];
    }

    /** The .key written next to a .cer by {@link #filesOf}; a lone .cer gets a key that is not its own. */
    private static Path keyBeside(Path cer) throws IOException {
        Path key = cer.resolveSibling(cer.getFileName().toString().replace(".cer", ".key"));
        return Files.exists(key) ? key : write("ajena.key", SatFixtures.encryptedKey(SatFixtures.rsa().getPrivate(), PASSWORD));
    }

    @Test
    @Order(4)
    void givenASignedPost_whenItIsPostedAgain_orIntoAnotherLogin_thenTheChallengeIsRefused(IcsoeKeycloak kc) throws Exception {
        String stranger = new CurpFactory(new Random()).next();
        Path[] chosen = filesOf("repeticion", fielFor(stranger));
        EfirmaPage page = EfirmaPage.fromLogin(browser, kc.portalLoginUrl());
        page.choose(chosen[0], chosen[1], PASSWORD);
        page.ingresar();
        assertThat(page.alert()).as("a valid signature for nobody").contains("No hay una cuenta");
        Map<String, String> signed = postedForms(new ArrayList<>()).get(0);

        page.post(signed);
        assertThat(page.alert()).as("the same post again").contains("La solicitud de firma expiró o ya se usó");

        EfirmaPage fresh = EfirmaPage.fromLogin(browser, kc.portalLoginUrl());
        fresh.post(signed);
        assertThat(fresh.alert()).as("in another login").contains("La solicitud de firma expiró o ya se usó");
    }

    @Test
    @Order(5)
    void givenATamperedSignaturePostedDirectly_thenRefused_andTheSameSignatureUntamperedSignsIn(IcsoeKeycloak kc) throws Exception {
        Capturista capturista = kc.users().create();
        SatFixtures.Efirma efirma = fielFor(capturista.curp());
        MetricsScrape before = MetricsScrape.of(kc.managementUrl());
        EfirmaPage page = EfirmaPage.fromLogin(browser, kc.portalLoginUrl());
        byte[] signature = sign(efirma, page.challenge());
        signature[100] ^= 0x01;
        page.post(Map.of("certificate", base64(efirma.cer()), "signature", base64(signature), "challenge", page.challenge(), "error", ""));
        assertThat(page.alert()).contains("La clave privada no corresponde al certificado");

        byte[] good = sign(efirma, page.challenge());
        page.post(Map.of("certificate", base64(efirma.cer()), "signature", base64(good), "challenge", page.challenge(), "error", ""));
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().contains("code="));
        assertThat(kc.realm().users().get(capturista.id()).getUserSessions()).hasSize(1);

        MetricsScrape after = MetricsScrape.of(kc.managementUrl());
        String signins = "icsoe_efirma_signins_total";
        assertThat(after.since(before, signins, "outcome", "key_mismatch", "realm", IcsoeKeycloak.REALM)).isEqualTo(1);
        assertThat(after.since(before, signins, "outcome", "success", "realm", IcsoeKeycloak.REALM)).isEqualTo(1);
        assertThat(after.icsoeLines()).noneMatch(line -> line.toLowerCase(Locale.ROOT).contains(capturista.username()));
    }

    /**
     * SAT serves anyone's certificate: garbage signatures over a registered person's public certificate,
     * more than the realm's failure factor, must not lock her out of either sign-in.
     */
    @Test
    @Order(6)
    void givenBadSignaturesOverAPersonsPublicCertificate_thenNothingCountsAgainstHer_andBothSignInsStillWork(IcsoeKeycloak kc)
            throws Exception {
        Capturista capturista = kc.users().create();
        SatFixtures.Efirma efirma = fielFor(capturista.curp());
        EfirmaPage page = EfirmaPage.fromLogin(browser, kc.portalLoginUrl());
        int failureFactor = kc.realm().toRepresentation().getFailureFactor();
        for (int i = 0; i <= failureFactor; i++) {
            page.post(Map.of("certificate", base64(efirma.cer()), "signature", base64(new byte[256]), "challenge", page.challenge(), "error", ""));
            assertThat(page.alert()).contains("La clave privada no corresponde al certificado");
        }
        Map<String, Object> status = kc.realm().attackDetection().bruteForceUserStatus(capturista.id());
        assertThat(((Number) status.get("numFailures")).intValue()).as("brute-force status %s", status).isZero();
        assertThat(status.get("disabled")).as("brute-force status %s", status).isEqualTo(false);

        try (WebClient web = Browsers.htmlUnitFromOwnAddress()) {
            HtmlPage landed = LoginPage.open(web, kc.portalLoginUrl())
                    .logIn(capturista.curp(), capturista.password());
            assertThat(PortalClient.codeFrom(landed.getUrl().toString()))
                    .as("her password sign-in after the garbage signatures").isNotNull();
        }
        String challenge = page.challenge();
        page.post(Map.of("certificate", base64(efirma.cer()), "signature", base64(sign(efirma, challenge)),
                "challenge", challenge, "error", ""));
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().contains("code="));
    }

    @Test
    @Order(7)
    void givenEveryAttempt_thenEachOutcomeWasAnEventInTheLog_andNoCurpInClear(IcsoeKeycloak kc) throws IOException {
        String log = Files.readString(kc.serverLog(), StandardCharsets.UTF_8);
        assertThat(log).contains("icsoe_outcome=\"csd\"", "error=\"icsoe_efirma_csd\"", "error=\"user_not_found\"",
                "error=\"user_disabled\"", "error=\"invalid_signature\"", "error=\"icsoe_efirma_revoked\"",
                "error=\"expired_code\"");
        // the audit trail names the method of each sign-in, successful (INFO) or refused (WARN)
        assertThat(log).containsPattern(" INFO .*type=\"LOGIN\".*method=\"efirma\"")
                .containsPattern(" WARN .*type=\"LOGIN_ERROR\".*method=\"efirma\".*error=\"invalid_signature\"");
        String lower = log.toLowerCase(Locale.ROOT);
        assertThat(usedCurps).isNotEmpty().allSatisfy(curp -> assertThat(lower).doesNotContain(curp.toLowerCase(Locale.ROOT)));
    }

    private static byte[] sign(SatFixtures.Efirma efirma, String challenge) throws Exception {
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(efirma.keys().getPrivate());
        signer.update(challenge.getBytes(StandardCharsets.US_ASCII));
        return signer.sign();
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
