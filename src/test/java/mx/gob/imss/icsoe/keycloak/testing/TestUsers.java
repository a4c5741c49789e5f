package mx.gob.imss.icsoe.keycloak.testing;

import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import jakarta.ws.rs.core.Response;
import mx.gob.imss.icsoe.keycloak.policy.TestPolicies;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/** Creates fresh capturistas through the admin API: a valid CURP, a unique email, a valid password. */
public final class TestUsers {

    private static final List<String> FIRST_NAMES = List.of("María", "José", "Guadalupe", "Juan", "Sofía",
            "Luis", "Ximena", "Iñaki", "Fernanda", "Ángel");
    private static final List<String> LAST_NAMES = List.of("Hernández", "García", "Martínez", "López",
            "González", "Pérez", "Rodríguez", "Sánchez", "Núñez", "Ramírez");
    private static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final String LOWER = "abcdefghijkmnopqrstuvwxyz";
    private static final String DIGITS = "23456789";
    private static final String SPECIAL = "-*?!@#$/()=.,:;";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final RealmResource realm;
    private final SecureRandom random = new SecureRandom();
    private final CurpFactory curps = new CurpFactory(random);

    public TestUsers(RealmResource realm) {
        this.realm = realm;
    }

    /** A new enabled capturista with email and password. */
    public Capturista create() {
        return create(user -> { });
    }

    /**
     * A new capturista; {@code customizer} may change the representation before it is created (e.g.
     * {@code u -> u.setEnabled(false)} or {@code u -> u.setEmail(null)}).
     */
    public Capturista create(Consumer<UserRepresentation> customizer) {
        String curp = curps.next();
        String password = password();
        UserRepresentation user = new UserRepresentation();
        user.setUsername(curp);
        user.setEmail("capturista." + SEQUENCE.incrementAndGet() + "." + Long.toHexString(random.nextLong())
                + "@correo.example");
        user.setEmailVerified(true);
        user.setEnabled(true);
        user.setFirstName(FIRST_NAMES.get(random.nextInt(FIRST_NAMES.size())));
        user.setLastName(LAST_NAMES.get(random.nextInt(LAST_NAMES.size())));
        user.setCredentials(List.of(passwordCredential(password)));
        customizer.accept(user);
        String id;
        try (Response response = realm.users().create(user)) {
            if (response.getStatus() != 201) {
                throw new IllegalStateException("Creating a test user failed: HTTP " + response.getStatus() + " "
                        + response.readEntity(String.class));
            }
            id = CreatedResponseUtil.getCreatedId(response);
        }
        return new Capturista(id, curp, curp.toLowerCase(Locale.ROOT), user.getEmail(), password,
                user.getFirstName(), user.getLastName());
    }

    /** A permanent password credential, as the admin API takes it (create, update, reset-password). */
    public static CredentialRepresentation passwordCredential(String value) {
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setValue(value);
        credential.setTemporary(false);
        return credential;
    }

    /** A well-formed CURP (valid check digit) that no test user has: drawn like theirs, never created. */
    public String unusedCurp() {
        return curps.next();
    }

    /**
     * Twelve characters cycling upper, lower, digit, special, so every ICSOE class is present and no
     * sequence or repetition can form; drawn again in the rare case that a keyboard column still
     * does (e.g. {@code .Lo9}, the Latin-American column {@code 9ol.} backwards).
     */
    public String password() {
        String[] classes = {UPPER, LOWER, DIGITS, SPECIAL};
        while (true) {
            StringBuilder password = new StringBuilder(12);
            for (int i = 0; i < 12; i++) {
                String alphabet = classes[i % classes.length];
                password.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            if (TestPolicies.realmAccepts(password.toString())) {
                return password.toString();
            }
        }
    }
}
