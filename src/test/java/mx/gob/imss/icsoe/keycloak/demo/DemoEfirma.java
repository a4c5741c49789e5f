package mx.gob.imss.icsoe.keycloak.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import mx.gob.imss.icsoe.keycloak.efirma.EfirmaConfig;
import mx.gob.imss.icsoe.keycloak.efirma.EfirmaRealm;
import mx.gob.imss.icsoe.keycloak.efirma.SatFixtures;
import org.keycloak.admin.client.resource.RealmResource;

/**
 * The demo's e.firma: a demo authority shaped like SAT's (made fresh at each start, nothing real is
 * bundled) and a demo capturista's {@code .cer} and {@code .key}, the key encrypted exactly as SAT
 * encrypts it (PKCS#8, PBES2, PBKDF2-HMAC-SHA1, 3DES). Only the demo realm trusts the authority.
 *
 * @param cer      the capturista's certificate file
 * @param key      her encrypted private key file
 * @param password the key's password
 * @param trust    the realm's e.firma step trusting the authority; closing it restores the step's settings
 */
public record DemoEfirma(Path cer, Path key, String password, EfirmaRealm trust) implements AutoCloseable {

    static final String PASSWORD = "Demo-Efirma.2026";

    /** Writes the files under {@code dir} for {@code curp} and makes {@code realm}'s e.firma step trust their authority. */
    public static DemoEfirma create(Path dir, String curp, RealmResource realm) {
        SatFixtures.Ca ca = SatFixtures.ca("AC DEMO de ICSOE (no es del SAT)");
        SatFixtures.Efirma efirma = SatFixtures.issue(ca, SatFixtures.Profile.fiel(curp));
        Path cer = dir.resolve("capturista-demo.cer");
        Path key = dir.resolve("capturista-demo.key");
        Path crl = dir.resolve("ac-demo.crl");
        try {
            Files.createDirectories(dir);
            Files.write(cer, efirma.cer());
            Files.write(key, efirma.key(PASSWORD));
            Files.writeString(dir.resolve("ac-demo.pem"), ca.pem(), StandardCharsets.US_ASCII);
            Files.write(crl, SatFixtures.crl(ca));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the demo e.firma under " + dir, e);
        }
        // The demo authority's CRL (nothing revoked) is the step's revocation source, a file as a
        // deployer may give one. A source set after start-up is read in the background at its first
        // use, so the demo lets that very first sign-in through (fail-open) while it is read; the
        // shipped realm stays fail-closed.
        return new DemoEfirma(cer, key, PASSWORD, EfirmaRealm.trusting(realm, ca, Map.of(
                EfirmaConfig.CRL_SOURCES, crl.toAbsolutePath().toString(), EfirmaConfig.CRL, "fail-open")));
    }

    @Override
    public void close() {
        trust.close();
    }
}
