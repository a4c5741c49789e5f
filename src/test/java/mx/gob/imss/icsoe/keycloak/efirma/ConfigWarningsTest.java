package mx.gob.imss.icsoe.keycloak.efirma;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.TrustAnchor;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class ConfigWarningsTest {

    private static String realm() {
        return "r-" + UUID.randomUUID();
    }

    @Test
    void givenNoAnchors_thenOneWarningForTheRealm_notOnePerSignIn() {
        String realm = realm();
        ConfigWarnings warnings = ConfigWarnings.forRealm(realm);
        for (int i = 0; i < 3; i++) {
            warnings.anchors(Set.of());
        }
        assertThat(ConfigWarnings.given()).hasEntrySatisfying(realm + " no-anchors", text -> assertThat(text).contains("no trust anchors"));
        assertThat(ConfigWarnings.given().keySet()).filteredOn(k -> k.startsWith(realm)).hasSize(1);
    }

    @Test
    void givenAnAnchorThatIsNoCa_orACertificateWhoseIssuerIsNoAnchor_thenThoseWarnings() {
        String realm = realm();
        SatFixtures.Ca root = SatFixtures.ca("AC raíz de pruebas");
        SatFixtures.Efirma notACa = SatFixtures.issue(root, SatFixtures.Profile.fiel(EfirmaCertificateTest.CURP));
        ConfigWarnings warnings = ConfigWarnings.forRealm(realm);
        warnings.anchors(Set.of(new TrustAnchor(root.certificate(), null), new TrustAnchor(notACa.certificate(), null)));
        SatFixtures.Efirma fromElsewhere = SatFixtures.issue(SatFixtures.ca("AC emisora de pruebas"), SatFixtures.Profile.fiel(EfirmaCertificateTest.CURP));
        warnings.untrusted(fromElsewhere.certificate(), Set.of(new TrustAnchor(root.certificate(), null)));

        assertThat(ConfigWarnings.given().entrySet()).filteredOn(e -> e.getKey().startsWith(realm + " "))
                .extracting(java.util.Map.Entry::getValue)
                .anySatisfy(text -> assertThat(text).contains("an anchor is not a CA that issues e.firma certificates"))
                .anySatisfy(text -> assertThat(text).contains("no anchor is its issuer").contains("AC emisora de pruebas"))
                .noneSatisfy(text -> assertThat(text).contains(EfirmaCertificateTest.CURP));
    }
}
