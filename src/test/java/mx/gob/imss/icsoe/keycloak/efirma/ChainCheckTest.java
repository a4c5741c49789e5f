package mx.gob.imss.icsoe.keycloak.efirma;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.security.cert.TrustAnchor;
import java.util.Date;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import mx.gob.imss.icsoe.keycloak.testing.FreePorts;

class ChainCheckTest {

    private static SatFixtures.Ca ca;
    private static Set<TrustAnchor> anchors;
    private static OcspResponder ocsp;

    @BeforeAll
    static void setUp() {
        ca = SatFixtures.ca("AC de pruebas");
        anchors = TrustAnchors.fromPem(ca.pem());
        ocsp = new OcspResponder(ca);
    }

    @AfterAll
    static void tearDown() {
        ocsp.close();
    }

    private static SatFixtures.Efirma fiel() {
        return SatFixtures.issue(ca, SatFixtures.Profile.fiel(EfirmaCertificateTest.CURP));
    }

    @Test
    void givenACertificateOfTheAnchor_thenTrusted() {
        assertThat(ChainCheck.problem(fiel().certificate(), anchors, EfirmaConfig.Check.OFF, null, new Date())).isEmpty();
    }

    @Test
    void givenAnotherCa_orNoAnchorAtAll_thenUntrusted() {
        var foreign = SatFixtures.issue(SatFixtures.ca("AC de pruebas"), SatFixtures.Profile.fiel(EfirmaCertificateTest.CURP));
        assertThat(ChainCheck.problem(foreign.certificate(), anchors, EfirmaConfig.Check.OFF, null, new Date()))
                .as("same name, other key").contains(EfirmaProblem.UNTRUSTED);
        assertThat(ChainCheck.problem(fiel().certificate(), Set.of(), EfirmaConfig.Check.OFF, null, new Date()))
                .contains(EfirmaProblem.UNTRUSTED);
    }

    @Test
    void givenOcsp_whenTheResponderSaysGood_thenTrusted_andWhenRevoked_thenRevoked() {
        URI url = URI.create(ocsp.url());
        SatFixtures.Efirma good = fiel();
        SatFixtures.Efirma revoked = fiel();
        ocsp.revoke(revoked.certificate().getSerialNumber());
        int before = ocsp.requests();

        assertThat(ChainCheck.problem(good.certificate(), anchors, EfirmaConfig.Check.FAIL_CLOSED, url, new Date())).isEmpty();
        assertThat(ChainCheck.problem(revoked.certificate(), anchors, EfirmaConfig.Check.FAIL_CLOSED, url, new Date()))
                .contains(EfirmaProblem.REVOKED);
        assertThat(ChainCheck.problem(revoked.certificate(), anchors, EfirmaConfig.Check.FAIL_OPEN, url, new Date()))
                .as("fail-open still refuses a definite 'revoked'").contains(EfirmaProblem.REVOKED);
        assertThat(ocsp.requests() - before).isGreaterThanOrEqualTo(3);
        assertThat(ChainCheck.problem(revoked.certificate(), anchors, EfirmaConfig.Check.OFF, url, new Date()))
                .as("off asks nobody").isEmpty();
    }

    @Test
    void givenOcspFromTheCertificatesAia_thenThatResponderIsAsked() {
        SatFixtures.Efirma revoked = SatFixtures.issue(ca, SatFixtures.Profile.fiel(EfirmaCertificateTest.CURP).ocsp(ocsp.url()));
        ocsp.revoke(revoked.certificate().getSerialNumber());
        assertThat(ChainCheck.problem(revoked.certificate(), anchors, EfirmaConfig.Check.FAIL_CLOSED, null, new Date()))
                .contains(EfirmaProblem.REVOKED);
    }

    @Test
    void givenAResponderThatIsDown_thenFailClosedRefusesAndFailOpenLetsThrough() {
        URI down = URI.create("http://127.0.0.1:" + FreePorts.any() + "/ocsp");
        SatFixtures.Efirma good = fiel();
        assertThat(ChainCheck.problem(good.certificate(), anchors, EfirmaConfig.Check.FAIL_CLOSED, down, new Date()))
                .contains(EfirmaProblem.REVOCATION_UNKNOWN);
        assertThat(ChainCheck.problem(good.certificate(), anchors, EfirmaConfig.Check.FAIL_OPEN, down, new Date())).isEmpty();
    }
}
