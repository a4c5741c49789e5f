package mx.gob.imss.icsoe.keycloak.load;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

import jakarta.ws.rs.core.Response;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.PartialImportRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

import mx.gob.imss.icsoe.keycloak.load.LoadPlan.Attempt;
import mx.gob.imss.icsoe.keycloak.load.LoadPlan.Kind;
import mx.gob.imss.icsoe.keycloak.testing.CurpFactory;
import mx.gob.imss.icsoe.keycloak.testing.TestUsers;

/**
 * The virtual people of a run and the accounts behind them, created in bulk (partial import, no
 * password: a reset does not need one). The request mix is the issue's: 60 % CURP and email of the
 * same user, 30 % not matching (half a registered CURP with another email, half a CURP nobody has),
 * 10 % malformed, shuffled. Every matching attempt has an account of its own, so exactly one email is
 * due per matching attempt and the per-user limit never applies.
 */
final class LoadPeople {

    private static final int IMPORT_CHUNK = 500;
    /** Registered CURPs typed with another email; they never get mail, so a few serve many attempts. */
    private static final int WRONG_EMAIL_POOL = 200;

    private final RealmResource realm;
    private final String tag;
    private final CurpFactory curps = new CurpFactory(new SecureRandom());
    private final Set<String> used = new HashSet<>();
    private final Random shuffle = new Random(20261202L);
    private int sequence;

    /** {@code tag} keeps this run's addresses apart from every other test's (e.g. "carga-a"). */
    LoadPeople(RealmResource realm, String tag) {
        this.realm = realm;
        this.tag = tag;
    }

    /** {@code count} reset requests in the mix; on the stock step the email is not asked. */
    List<Attempt> requests(int count, boolean icsoe) {
        List<Kind> kinds = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int slot = i % 20;
            kinds.add(slot < 12 ? Kind.MATCH : slot < 15 ? Kind.WRONG_EMAIL : slot < 18 ? Kind.UNKNOWN_CURP : Kind.MALFORMED);
        }
        Collections.shuffle(kinds, shuffle);
        long matches = kinds.stream().filter(Kind.MATCH::equals).count();
        List<UserRepresentation> accounts = accounts((int) matches + Math.min(WRONG_EMAIL_POOL, count));
        List<UserRepresentation> wrongPool = accounts.subList((int) matches, accounts.size());
        List<Attempt> attempts = new ArrayList<>(count);
        int nextMatch = 0;
        int nextWrong = 0;
        for (Kind kind : kinds) {
            attempts.add(switch (kind) {
                case MATCH -> {
                    UserRepresentation user = accounts.get(nextMatch++);
                    yield new Attempt(kind, typed(user), user.getEmail(), user.getEmail(), null);
                }
                case WRONG_EMAIL -> {
                    UserRepresentation user = wrongPool.get(nextWrong++ % wrongPool.size());
                    yield icsoe ? new Attempt(kind, typed(user), "otra." + user.getEmail(), null, null)
                            // the stock step asks no email: a username nobody has is its "no match"
                            : new Attempt(kind, curp().toLowerCase(Locale.ROOT), "", null, null);
                }
                case UNKNOWN_CURP -> new Attempt(kind, curp(), address(), null, null);
                case MALFORMED -> icsoe ? new Attempt(kind, "NO-ES-UNA-CURP", address(), null, null)
                        : new Attempt(kind, "", "", null, null);
            });
        }
        return attempts;
    }

    /** {@code count} whole recoveries: each a fresh account and the new password it will choose. */
    List<Attempt> recoveries(int count, TestUsers passwords) {
        return accounts(count).stream()
                .map(user -> new Attempt(Kind.MATCH, typed(user), user.getEmail(), user.getEmail(), passwords.password()))
                .toList();
    }

    private static String typed(UserRepresentation user) {
        return user.getUsername().toUpperCase(Locale.ROOT);
    }

    private List<UserRepresentation> accounts(int count) {
        List<UserRepresentation> users = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            UserRepresentation user = new UserRepresentation();
            user.setUsername(curp().toLowerCase(Locale.ROOT));
            user.setEmail(address());
            user.setEmailVerified(true);
            user.setEnabled(true);
            user.setFirstName("Carga");
            user.setLastName("Prueba");
            users.add(user);
        }
        for (int from = 0; from < users.size(); from += IMPORT_CHUNK) {
            PartialImportRepresentation chunk = new PartialImportRepresentation();
            chunk.setIfResourceExists(PartialImportRepresentation.Policy.FAIL.name());
            chunk.setUsers(users.subList(from, Math.min(users.size(), from + IMPORT_CHUNK)));
            try (Response response = realm.partialImport(chunk)) {
                if (response.getStatus() != 200) {
                    throw new IllegalStateException("Importing load accounts failed: HTTP " + response.getStatus()
                            + " " + response.readEntity(String.class));
                }
            }
        }
        return users;
    }

    private String curp() {
        String curp;
        do {
            curp = curps.next();
        } while (!used.add(curp));
        return curp;
    }

    private String address() {
        return tag + "." + (++sequence) + "@correo.example";
    }
}
