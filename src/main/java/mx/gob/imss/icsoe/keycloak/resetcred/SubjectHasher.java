package mx.gob.imss.icsoe.keycloak.resetcred;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed hash of a CURP or a client address, for throttle keys and event details: the same input
 * gives the same value on every node (the key is the realm's active HMAC key, shared by the
 * cluster), and the value cannot be reversed by enumerating CURPs or addresses without that key.
 */
final class SubjectHasher {

    private static final String ALGORITHM = "HmacSHA256";
    /** 128 bits: plenty to keep throttle keys of different subjects apart. */
    private static final int HEX_CHARS = 32;

    private final SecretKeySpec key;

    SubjectHasher(byte[] secret) {
        if (secret == null || secret.length == 0) {
            throw new IllegalArgumentException("an HMAC key is required");
        }
        this.key = new SecretKeySpec(secret, ALGORITHM);
    }

    /** {@code kind} separates name spaces (a CURP and an address never share a hash). */
    String hash(String kind, String value) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update(kind.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            byte[] digest = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HEX_CHARS);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
