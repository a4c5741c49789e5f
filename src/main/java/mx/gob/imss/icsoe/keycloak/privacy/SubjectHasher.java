package mx.gob.imss.icsoe.keycloak.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.keycloak.crypto.Algorithm;
import org.keycloak.crypto.KeyUse;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Keyed hash of a CURP, an email or a client address, for throttle keys, event details and log
 * lines: the same input gives the same value on every node, and the value cannot be reversed by
 * enumerating CURPs or addresses without the key. The key is derived (HKDF, RFC 5869, with the
 * fixed label {@value #HKDF_INFO}) from the realm's active HS512 key, which the cluster shares; the
 * signing key itself is never used as a hash key. A realm without that key gets no hasher at all:
 * there is no public fallback key.
 */
public final class SubjectHasher {

    private static final String ALGORITHM = "HmacSHA256";
    static final String HKDF_INFO = "icsoe subject pseudonym v1";
    /** RFC 5869: no salt means HashLen zero bytes. */
    private static final byte[] HKDF_SALT = new byte[32];
    /** 128 bits: plenty to keep throttle keys of different subjects apart. */
    private static final int HEX_CHARS = 32;

    private final SecretKeySpec key;
    private final String keyId;

    public SubjectHasher(byte[] secret) {
        this(secret, null);
    }

    SubjectHasher(byte[] secret, String keyId) {
        if (secret == null || secret.length == 0) {
            throw new IllegalArgumentException("an HMAC key is required");
        }
        this.key = new SecretKeySpec(secret, ALGORITHM);
        this.keyId = keyId;
    }

    /**
     * Keyed by a key derived from the realm's active HS512 key (the same on every node).
     *
     * @throws IllegalStateException when the realm has no active HS512 key (fail closed)
     */
    public static SubjectHasher forRealm(KeycloakSession session, RealmModel realm) {
        KeyWrapper active = activeKey(session, realm);
        return new SubjectHasher(derive(active.getSecretKey().getEncoded()), active.getKid());
    }

    /** The id of the realm key this hasher's key was derived from ({@code null} for a fixed key). */
    public String keyId() {
        return keyId;
    }

    static KeyWrapper activeKey(KeycloakSession session, RealmModel realm) {
        KeyWrapper active = session.keys().getActiveKey(realm, KeyUse.SIG, Algorithm.HS512);
        if (active == null || active.getSecretKey() == null) {
            throw new IllegalStateException("realm " + realm.getName() + " has no active HS512 key");
        }
        return active;
    }

    static KeyWrapper key(KeycloakSession session, RealmModel realm, String keyId) {
        KeyWrapper key = keyId == null ? null : session.keys().getKey(realm, keyId, KeyUse.SIG, Algorithm.HS512);
        if (key == null || key.getSecretKey() == null) {
            throw new IllegalStateException("realm " + realm.getName() + " no longer has HS512 key " + keyId);
        }
        return key;
    }

    /** HKDF-SHA256 (RFC 5869) of {@code inputKey}, one 32-byte block, info {@value #HKDF_INFO}. */
    static byte[] derive(byte[] inputKey) {
        return derive(HKDF_SALT, inputKey, HKDF_INFO.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] derive(byte[] salt, byte[] inputKey, byte[] info) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(salt, ALGORITHM));
            byte[] pseudoRandomKey = mac.doFinal(inputKey);
            mac.init(new SecretKeySpec(pseudoRandomKey, ALGORITHM));
            mac.update(info);
            mac.update((byte) 1);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    /** {@code kind} separates name spaces (a CURP and an address never share a hash). */
    public String hash(String kind, String value) {
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
