package mx.gob.imss.icsoe.keycloak.efirma;

import java.util.Map;

import mx.gob.imss.icsoe.keycloak.testing.IcsoeKeycloak;

/**
 * A SAT-shaped test authority with its OCSP responder, trusted by the realm's e.firma step with OCSP
 * fail-closed and a per-address bound no test reaches: the set-up the Chromium e.firma ITs share.
 * Closing it puts the step's imported settings back, then stops the responder.
 *
 * @param ca    the authority that issues the tests' e.firma certificates
 * @param ocsp  its responder ({@link OcspResponder#revoke} to revoke)
 * @param realm the step's settings while the tests run
 */
record TrustedTestAuthority(SatFixtures.Ca ca, OcspResponder ocsp, EfirmaRealm realm) implements AutoCloseable {

    static TrustedTestAuthority open(IcsoeKeycloak kc) {
        SatFixtures.Ca ca = SatFixtures.ca("AC de pruebas del SAT");
        OcspResponder ocsp = new OcspResponder(ca);
        try {
            return new TrustedTestAuthority(ca, ocsp, EfirmaRealm.trusting(kc, ca, Map.of(EfirmaConfig.OCSP, "fail-closed",
                    EfirmaConfig.OCSP_URL, ocsp.url(), EfirmaConfig.POSTS_PER_ADDRESS, "1000")));
        } catch (RuntimeException e) {
            ocsp.close();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            realm.close();
        } finally {
            ocsp.close();
        }
    }
}
