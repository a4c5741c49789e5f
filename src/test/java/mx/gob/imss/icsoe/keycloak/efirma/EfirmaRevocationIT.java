package mx.gob.imss.icsoe.keycloak.efirma;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Function;

import org.htmlunit.WebClient;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlHiddenInput;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import mx.gob.imss.icsoe.keycloak.testing.Browsers;
import mx.gob.imss.icsoe.keycloak.testing.Capturista;
import mx.gob.imss.icsoe.keycloak.testing.IcsoeKeycloak;
import mx.gob.imss.icsoe.keycloak.testing.KeycloakExtension;
import mx.gob.imss.icsoe.keycloak.testing.PortalClient;
import mx.gob.imss.icsoe.keycloak.testing.pages.LoginPage;

/**
 * Revocation, the deny list and the per-address bound of the e.firma step in the real server: the test
 * CA's CRL served over HTTP by a local responder that counts its downloads (configured as a CRL source,
 * as a deployer would), posts signed by the test (HtmlUnit posting the page's hidden fields, as its
 * script does), each from its own client address unless the test says otherwise.
 */
@ExtendWith(KeycloakExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EfirmaRevocationIT {

    private static SatFixtures.Ca ca;
    private static OcspResponder responder;
    private static EfirmaRealm realmSetup;
    private static SatFixtures.Efirma denied;

    @BeforeAll
    static void setUp(IcsoeKeycloak kc) throws Exception {
        ca = SatFixtures.ca("AC de pruebas del SAT");
        responder = new OcspResponder(ca);
        denied = SatFixtures.issue(ca, SatFixtures.Profile.fiel(kc.users().create().curp()));
        String fingerprint = HexFormat.ofDelimiter(":").formatHex(MessageDigest.getInstance("SHA-256").digest(denied.cer()));
        realmSetup = EfirmaRealm.trusting(kc, ca, Map.of(EfirmaConfig.CRL, "fail-closed", EfirmaConfig.CRL_SOURCES, responder.crlUrl(),
                EfirmaConfig.DENY_LIST, fingerprint, EfirmaConfig.POSTS_PER_ADDRESS, "1000"));
    }

    @AfterAll
    static void tearDown() {
        try {
            if (realmSetup != null) {
                realmSetup.close();
            }
        } finally {
            if (responder != null) {
                responder.close();
            }
        }
    }

    @Test
    @Order(1)
    void givenBadSignaturesOverARevokedRegisteredCertificate_thenKeyMismatch_andTheCrlIsNeverFetched(IcsoeKeycloak kc) {
        Capturista capturista = kc.users().create();
        SatFixtures.Efirma efirma = SatFixtures.issue(ca, SatFixtures.Profile.fiel(capturista.curp()).crl(responder.crlUrl()));
        responder.revoke(efirma.certificate().getSerialNumber());
        for (int i = 0; i < 4; i++) {
            assertThat(post(kc, Browsers.htmlUnitFromOwnAddress(), efirma.cer(), challenge -> new byte[256]).getContentAsString())
                    .contains("La clave privada no corresponde al certificado");
        }
        assertThat(responder.crlRequests()).as("CRL downloads caused by unauthenticated posts").isZero();
    }

    @Test
    @Order(2)
    void givenACertificateTheCaRevoked_thenFirstCouldNotConfirm_thenRevokedOnceTheNodeReadTheCrl_andAGoodOneSignsIn(IcsoeKeycloak kc)
            throws Exception {
        Capturista capturista = kc.users().create();
        SatFixtures.Efirma revoked = SatFixtures.issue(ca, SatFixtures.Profile.fiel(capturista.curp()));
        SatFixtures.Efirma good = SatFixtures.issue(ca, SatFixtures.Profile.fiel(capturista.curp()));
        responder.revoke(revoked.certificate().getSerialNumber());

        String first = post(kc, Browsers.htmlUnitFromOwnAddress(), revoked.cer(), signer(revoked)).getContentAsString();
        if (responder.crlRequests() == 0) {
            assertThat(first).as("before the node holds a CRL: fail-closed").contains("No fue posible confirmar");
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (responder.crlRequests() == 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(responder.crlRequests()).as("fetched in the background").isPositive();
        String refused = "";
        while (Instant.now().isBefore(deadline) && !refused.contains("fue revocado")) {
            refused = post(kc, Browsers.htmlUnitFromOwnAddress(), revoked.cer(), signer(revoked)).getContentAsString();
        }
        assertThat(refused).contains("Tu certificado de e.firma fue revocado").contains("vuelve a elegir tus archivos");
        assertThat(kc.realm().users().get(capturista.id()).getUserSessions()).isEmpty();

        WebResponse signedIn = post(kc, Browsers.htmlUnitFromOwnAddress(), good.cer(), signer(good));
        assertThat(signedIn.getStatusCode()).isEqualTo(302);
        assertThat(PortalClient.codeFrom(signedIn.getResponseHeaderValue("Location"))).as("a current CRL that does not list it").isNotNull();
    }

    @Test
    @Order(3)
    void givenADenyListedFingerprint_thenRefusedAtOnce(IcsoeKeycloak kc) {
        assertThat(post(kc, Browsers.htmlUnitFromOwnAddress(), denied.cer(), signer(denied)).getContentAsString())
                .contains("Esta e.firma fue reportada y ya no puede usarse en ICSOE");
    }

    @Test
    @Order(4)
    void givenMorePostsFromOneAddressThanItsLimit_thenThatAddressIsRefused_andOthersAndHerPasswordSignInAreNot(IcsoeKeycloak kc) {
        realmSetup.set(Map.of(EfirmaConfig.POSTS_PER_ADDRESS, "3"));
        Capturista capturista = kc.users().create();
        SatFixtures.Efirma efirma = SatFixtures.issue(ca, SatFixtures.Profile.fiel(capturista.curp()));
        java.net.InetAddress attacker = Browsers.randomLoopback();
        for (int i = 0; i < 3; i++) {
            assertThat(post(kc, Browsers.htmlUnitFrom(attacker), efirma.cer(), challenge -> new byte[256]).getContentAsString())
                    .contains("La clave privada no corresponde al certificado");
        }
        assertThat(post(kc, Browsers.htmlUnitFrom(attacker), efirma.cer(), signer(efirma)).getContentAsString())
                .as("past the limit even with a good signature").contains("Hubo demasiados intentos con e.firma desde tu conexión");
        assertThat(post(kc, Browsers.htmlUnitFromOwnAddress(), efirma.cer(), challenge -> new byte[256]).getContentAsString())
                .as("another address").contains("La clave privada no corresponde al certificado");
        Map<String, Object> status = kc.realm().attackDetection().bruteForceUserStatus(capturista.id());
        assertThat(((Number) status.get("numFailures")).intValue()).as("brute-force status %s", status).isZero();
        try (WebClient web = Browsers.htmlUnitFromOwnAddress()) {
            HtmlPage landed = LoginPage.open(web, kc.portalLoginUrl()).logIn(capturista.curp(), capturista.password());
            assertThat(PortalClient.codeFrom(landed.getUrl().toString())).as("her password sign-in").isNotNull();
        }
    }

    private static Function<String, byte[]> signer(SatFixtures.Efirma efirma) {
        return challenge -> {
            try {
                Signature signature = Signature.getInstance("SHA256withRSA");
                signature.initSign(efirma.keys().getPrivate());
                signature.update(challenge.getBytes(StandardCharsets.US_ASCII));
                return signature.sign();
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    /** The e.firma page in {@code web}; its form posted with the certificate and {@code sign(challenge)}; redirects not followed. */
    static WebResponse post(IcsoeKeycloak kc, WebClient web, byte[] cer, Function<String, byte[]> sign) {
        try (web) {
            HtmlPage page = LoginPage.open(web, kc.portalLoginUrl()).page().getHtmlElementById("icsoe-firma-electronica").click();
            HtmlForm form = page.getHtmlElementById(EfirmaPage.FORM);
            String challenge = form.getAttribute("data-challenge");
            hidden(form, EfirmaAuthenticator.FIELD_CERTIFICATE, Base64.getEncoder().encodeToString(cer));
            hidden(form, EfirmaAuthenticator.FIELD_SIGNATURE, Base64.getEncoder().encodeToString(sign.apply(challenge)));
            hidden(form, EfirmaAuthenticator.FIELD_CHALLENGE, challenge);
            hidden(form, EfirmaAuthenticator.FIELD_ERROR, "");
            WebRequest request = form.getWebRequest(page.getHtmlElementById("icsoe-efirma-submit"));
            web.getOptions().setRedirectEnabled(false);
            return web.loadWebResponse(request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void hidden(HtmlForm form, String name, String value) {
        form.<HtmlHiddenInput>getInputByName(name).setValue(value);
    }
}
