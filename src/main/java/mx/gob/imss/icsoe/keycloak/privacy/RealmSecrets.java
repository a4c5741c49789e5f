package mx.gob.imss.icsoe.keycloak.privacy;

import org.keycloak.crypto.KeyWrapper;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The keyed hash and the seal of one realm HS512 key, from one look-up of that key: what a reset
 * request needs on its request thread, and what each of its outbox attempts needs again.
 */
public record RealmSecrets(SubjectHasher hasher, RealmSeal seal) {

    /** From the realm's active HS512 key. @throws IllegalStateException without one (fail closed) */
    public static RealmSecrets active(KeycloakSession session, RealmModel realm) {
        return of(SubjectHasher.activeKey(session, realm));
    }

    /** From the realm's HS512 key {@code keyId}. @throws IllegalStateException when the realm no longer has it */
    public static RealmSecrets forKey(KeycloakSession session, RealmModel realm, String keyId) {
        return of(SubjectHasher.key(session, realm, keyId));
    }

    /** The id of the realm key both were derived from. */
    public String keyId() {
        return hasher.keyId();
    }

    private static RealmSecrets of(KeyWrapper key) {
        byte[] secret = key.getSecretKey().getEncoded();
        return new RealmSecrets(new SubjectHasher(SubjectHasher.derive(secret), key.getKid()), new RealmSeal(secret, key.getKid()));
    }
}
