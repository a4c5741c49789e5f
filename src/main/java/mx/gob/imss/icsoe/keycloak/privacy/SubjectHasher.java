package mx.gob.imss.icsoe.keycloak.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jboss.logging.Logger;
import org.keycloak.crypto.Algorithm;
import org.keycloak.crypto.KeyUse;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Keyed hash of a CURP, an email or a client address, for throttle keys, event details and log
 * lines: the same input gives the same value on every node (the key is the realm's active HMAC key,
 * shared by the cluster), and the value cannot be reversed by enumerating CURPs or addresses
 * without that key.
 */
public final class SubjectHasher {

    private static final Logger LOG = Logger.getLogger(SubjectHasher.class);
    private static final String ALGORITHM = "HmacSHA256";
    /** 128 bits: plenty to keep throttle keys of different subjects apart. */
    private static final int HEX_CHARS = 32;

    private final SecretKeySpec key;

    public SubjectHasher(byte[] secret) {
        if (secret == null || secret.length == 0) {
            throw new IllegalArgumentException("an HMAC key is required");
        }
        this.key = new SecretKeySpec(secret, ALGORITHM);
    }

    /** Keyed by the realm's active HS512 key (the same on every node); by the realm id if it has none. */
    public static SubjectHasher forRealm(KeycloakSession session, RealmModel realm) {
        try {
            KeyWrapper active = session.keys().getActiveKey(realm, KeyUse.SIG, Algorithm.HS512);
            if (active != null && active.getSecretKey() != null) {
                return new SubjectHasher(active.getSecretKey().getEncoded());
            }
        } catch (RuntimeException e) {
            LOG.debugf("Realm %s has no active HS512 key; hashing subjects with its id", realm.getName());
        }
        return new SubjectHasher(("icsoe-reset:" + realm.getId()).getBytes(StandardCharsets.UTF_8));
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
