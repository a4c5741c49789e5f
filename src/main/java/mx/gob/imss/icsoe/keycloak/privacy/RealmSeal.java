package mx.gob.imss.icsoe.keycloak.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;


/**
 * Encrypts a value that must rest in the database for a while (the CURP of a pending reset) so that
 * a copy of the table, a backup or a replica tells nothing: AES-256-GCM under a key derived (HKDF,
 * fixed label {@value #HKDF_INFO}) from the realm's HS512 key, which the cluster shares and which is
 * never used as it is. The id of that realm key travels with the sealed value, so a value sealed
 * before a key rotation still opens while the realm keeps the old key ({@link RealmSecrets#forKey}).
 */
public final class RealmSeal {

    static final String HKDF_INFO = "icsoe outbox seal v1";
    private static final String CIPHER = "AES/GCM/NoPadding";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] HKDF_SALT = new byte[32];
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final String keyId;

    RealmSeal(byte[] secret, String keyId) {
        this.key = new SecretKeySpec(SubjectHasher.derive(HKDF_SALT, secret, HKDF_INFO.getBytes(StandardCharsets.US_ASCII)), "AES");
        this.keyId = keyId;
    }

    public String keyId() {
        return keyId;
    }

    /** A fresh random IV each time: sealing one value twice gives two unrelated texts. */
    public String seal(String plain) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(HKDF_INFO.getBytes(StandardCharsets.US_ASCII));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = Arrays.copyOf(iv, IV_BYTES + sealed.length);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /** @throws IllegalArgumentException when {@code sealed} was not sealed under this key, or was altered */
    public String open(String sealed) {
        try {
            byte[] in = Base64.getUrlDecoder().decode(sealed);
            if (in.length <= IV_BYTES) {
                throw new IllegalArgumentException("not a sealed value");
            }
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            cipher.updateAAD(HKDF_INFO.getBytes(StandardCharsets.US_ASCII));
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new IllegalArgumentException("sealed value does not open under this key", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }
}
