package mx.gob.imss.icsoe.keycloak.efirma;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.htmlunit.WebClient;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlHiddenInput;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import mx.gob.imss.icsoe.keycloak.testing.Browsers;
import mx.gob.imss.icsoe.keycloak.testing.IcsoeKeycloak;
import mx.gob.imss.icsoe.keycloak.testing.KeycloakExtension;
import mx.gob.imss.icsoe.keycloak.testing.TimingComparison;
import mx.gob.imss.icsoe.keycloak.testing.pages.LoginPage;

/**
 * "Is this CURP registered?", asked of the e.firma step with someone's public certificate and a
 * signature that does not verify (all SAT's certificates can be fetched by RFC): the refusal must take
 * the same time for a registered CURP's certificate as for an unknown one's. {@value #SAMPLES} +
 * {@value #SAMPLES} interleaved posts after {@value #WARM_UP} warm-up each, each a fresh browser on its
 * own address (HtmlUnit, posting the page's hidden fields as its script would); only the POST is timed.
 */
@ExtendWith(KeycloakExtension.class)
class EfirmaTimingIT {

    static final int SAMPLES = 200;
    static final int WARM_UP = 20;

    private static EfirmaRealm realmSetup;
    private static SatFixtures.Ca ca;

    @BeforeAll
    static void trustATestAuthority(IcsoeKeycloak kc) {
        ca = SatFixtures.ca("AC de pruebas del SAT");
        realmSetup = EfirmaRealm.trusting(kc, ca, Map.of());
    }

    @AfterAll
    static void restore() {
        if (realmSetup != null) {
            realmSetup.close();
        }
    }

    @Test
    void givenAPublicCertificateAndABadSignature_thenARegisteredCurpIsRefusedInTheTimeOfAnUnknownOne(IcsoeKeycloak kc) {
        List<byte[]> registered = new ArrayList<>();
        List<byte[]> unknown = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            registered.add(SatFixtures.issue(ca, SatFixtures.Profile.fiel(kc.users().create().curp())).cer());
            unknown.add(SatFixtures.issue(ca, SatFixtures.Profile.fiel(kc.users().unusedCurp())).cer());
        }
        List<Double> known = new ArrayList<>();
        List<Double> stranger = new ArrayList<>();
        int k = 0;
        for (Boolean isRegistered : TimingComparison.interleaved(WARM_UP + SAMPLES)) {
            byte[] cer = (isRegistered ? registered : unknown).get(k++ % registered.size());
            (isRegistered ? known : stranger).add(timedRefusal(kc, cer));
        }
        TimingComparison.Result result = TimingComparison.Result.of(known, stranger, WARM_UP);
        result.assertOneDistribution("efirma-enumeration", "bad signature over a public certificate, registered CURP",
                "unknown CURP");
    }

    /** The e.firma page in a fresh browser; its form posted with the certificate and 256 zero bytes as the signature. */
    private static double timedRefusal(IcsoeKeycloak kc, byte[] cer) {
        try (WebClient web = Browsers.htmlUnitFromOwnAddress()) {
            HtmlPage page = LoginPage.open(web, kc.portalLoginUrl()).page().getHtmlElementById("icsoe-firma-electronica").click();
            HtmlForm form = page.getHtmlElementById(EfirmaPage.FORM);
            hidden(form, EfirmaAuthenticator.FIELD_CERTIFICATE, Base64.getEncoder().encodeToString(cer));
            hidden(form, EfirmaAuthenticator.FIELD_SIGNATURE, Base64.getEncoder().encodeToString(new byte[256]));
            hidden(form, EfirmaAuthenticator.FIELD_CHALLENGE, form.getAttribute("data-challenge"));
            hidden(form, EfirmaAuthenticator.FIELD_ERROR, "");
            WebRequest post = form.getWebRequest(page.getHtmlElementById("icsoe-efirma-submit"));
            long start = System.nanoTime();
            WebResponse answer = web.loadWebResponse(post);
            double micros = (System.nanoTime() - start) / 1_000.0;
            assertThat(answer.getStatusCode()).isEqualTo(200);
            assertThat(answer.getContentAsString()).contains("La clave privada no corresponde al certificado");
            return micros;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void hidden(HtmlForm form, String name, String value) {
        form.<HtmlHiddenInput>getInputByName(name).setValue(value);
    }
}
