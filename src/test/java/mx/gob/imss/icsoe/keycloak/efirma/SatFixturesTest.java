package mx.gob.imss.icsoe.keycloak.efirma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fixtures' keys are what SAT delivers, as OpenSSL (an independent implementation) reads them. */
class SatFixturesTest {

    private static final Path OPENSSL = Path.of("/usr/bin/openssl");

    @Test
    void givenAFixtureKey_whenOpensslReadsIt_thenItIsPbes2WithPbkdf2HmacSha1AndDesEde3CbcAndOpensWithItsPassword(@TempDir Path dir)
            throws Exception {
        assumeTrue(Files.isExecutable(OPENSSL), "openssl is not installed");
        SatFixtures.Efirma efirma = SatFixtures.issue(SatFixtures.ca("AC de pruebas"), SatFixtures.Profile.fiel("HEGG850315MDFRRD07"));
        Path key = dir.resolve("efirma.key");
        Files.write(key, efirma.key("12345678a"));

        String structure = run(List.of(OPENSSL.toString(), "asn1parse", "-inform", "DER", "-in", key.toString()));
        assertThat(structure).contains(":PBES2", ":PBKDF2", ":des-ede3-cbc").doesNotContain("aes");
        assertThat(structure).containsPattern(":(0)?800\\s*$|INTEGER\\s*:0800");
        assertThat(structure).satisfiesAnyOf(s -> assertThat(s).contains(":hmacWithSHA1"),
                s -> assertThat(s).doesNotContain(":hmacWithSHA256").doesNotContain(":hmacWithSHA512"));

        String decrypted = run(List.of(OPENSSL.toString(), "pkcs8", "-inform", "DER", "-in", key.toString(),
                "-passin", "pass:12345678a", "-outform", "DER", "-out", dir.resolve("plain.der").toString()));
        assertThat(decrypted).doesNotContain("error");
        // OpenSSL writes the RSAPrivateKey, which is the tail of Java's PKCS#8 PrivateKeyInfo of the same key
        byte[] opened = Files.readAllBytes(dir.resolve("plain.der"));
        assertThat(opened).hasSizeGreaterThan(1000);
        assertThat(efirma.keys().getPrivate().getEncoded()).endsWith(opened);

        Process wrong = new ProcessBuilder(OPENSSL.toString(), "pkcs8", "-inform", "DER", "-in", key.toString(),
                "-passin", "pass:otra", "-out", dir.resolve("wrong.pem").toString()).redirectErrorStream(true).start();
        wrong.getInputStream().readAllBytes();
        assertThat(wrong.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(wrong.exitValue()).as("a wrong password does not open the key").isNotZero();
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("%s%n%s", command, output).isZero();
        return output;
    }
}
