package mx.gob.imss.icsoe.keycloak.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class IdTokenCheckTest {

    private static final String ISSUER = "http://localhost:8080/realms/icsoe";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private final KeyPair keys = rsa();
    private final IdTokenCheck check = new IdTokenCheck(ISSUER, "icsoe-portal", () -> jwks("k1", keys));

    @Test
    void givenATokenSignedByThePublishedKey_thenItsUserIsBelieved() throws Exception {
        IdTokenCheck.Claims claims = check.verify(token(keys, "k1", ISSUER, "icsoe-portal", "n1", future()), "n1");
        assertThat(claims.username()).isEqualTo("hegg850315mdfrrd07");
        assertThat(claims.name()).isEqualTo("Guadalupe Hernández");
    }

    @Test
    void givenAnythingOff_thenTheTokenIsRefused() throws Exception {
        assertThatThrownBy(() -> check.verify(token(keys, "k1", ISSUER, "icsoe-portal", "n1", future()), "n2"))
                .hasMessage("nonce");
        assertThatThrownBy(() -> check.verify(token(keys, "k1", "http://other/realms/icsoe", "icsoe-portal", "n1", future()), "n1"))
                .hasMessage("issuer");
        assertThatThrownBy(() -> check.verify(token(keys, "k1", ISSUER, "another", "n1", future()), "n1"))
                .hasMessage("audience");
        assertThatThrownBy(() -> check.verify(token(keys, "k1", ISSUER, "icsoe-portal", "n1", 1000), "n1"))
                .hasMessage("expired");
        assertThatThrownBy(() -> check.verify(token(rsa(), "k1", ISSUER, "icsoe-portal", "n1", future()), "n1"))
                .hasMessage("signature");
        assertThatThrownBy(() -> check.verify(token(keys, "k2", ISSUER, "icsoe-portal", "n1", future()), "n1"))
                .hasMessage("no published key k2");
        String good = token(keys, "k1", ISSUER, "icsoe-portal", "n1", future());
        String[] parts = good.split("\\.");
        String forged = parts[0] + "." + B64.encodeToString(claims(ISSUER, "icsoe-portal", "n1", future())
                .replace("hegg850315mdfrrd07", "gomr900101hdfrrn01").getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThatThrownBy(() -> check.verify(forged, "n1")).hasMessage("signature");
    }

    private static long future() {
        return System.currentTimeMillis() / 1000 + 300;
    }

    private static String claims(String iss, String aud, String nonce, long exp) {
        return "{\"iss\":\"" + iss + "\",\"aud\":\"" + aud + "\",\"exp\":" + exp + ",\"nonce\":\"" + nonce
                + "\",\"preferred_username\":\"hegg850315mdfrrd07\",\"name\":\"Guadalupe Hernández\"}";
    }

    private static String token(KeyPair keys, String kid, String iss, String aud, String nonce, long exp) throws Exception {
        String signed = B64.encodeToString(("{\"alg\":\"RS256\",\"kid\":\"" + kid + "\"}").getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(claims(iss, aud, nonce, exp).getBytes(StandardCharsets.UTF_8));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(keys.getPrivate());
        rsa.update(signed.getBytes(StandardCharsets.US_ASCII));
        return signed + "." + B64.encodeToString(rsa.sign());
    }

    private static String jwks(String kid, KeyPair keys) {
        RSAPublicKey key = (RSAPublicKey) keys.getPublic();
        return "{\"keys\":[{\"kid\":\"other\",\"kty\":\"EC\"},{\"kid\":\"" + kid + "\",\"kty\":\"RSA\",\"n\":\""
                + B64.encodeToString(unsigned(key.getModulus().toByteArray())) + "\",\"e\":\""
                + B64.encodeToString(unsigned(key.getPublicExponent().toByteArray())) + "\"}]}";
    }

    private static byte[] unsigned(byte[] bytes) {
        return bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
