package mx.gob.imss.icsoe.keycloak.policy;

import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.PasswordPolicy;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SubjectCredentialManager;
import org.keycloak.models.UserModel;
import org.keycloak.policy.PasswordPolicyProvider;
import org.keycloak.policy.PasswordPolicyProviderFactory;
import org.keycloak.policy.PolicyError;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.util.JsonSerialization;

/**
 * Keycloak's own {@link PasswordPolicy} parser and policy providers (Keycloak's built-ins and ours,
 * found through ServiceLoader) over a mocked session, realm and user: what a realm with a given
 * policy string says about a password, without a server.
 */
public final class TestPolicies {

    /** The policy string of the realm file a deployer imports. */
    public static final String REALM_POLICY = readRealmPolicy();

    private static TestPolicies realm;

    final KeycloakSession session = mock(KeycloakSession.class);
    final KeycloakContext context = mock(KeycloakContext.class);
    final RealmModel realmModel = mock(RealmModel.class);
    final UserModel user = mock(UserModel.class);
    final Map<String, PasswordPolicyProviderFactory> factories = new HashMap<>();

    TestPolicies() {
        ServiceLoader.load(PasswordPolicyProviderFactory.class).forEach(f -> factories.put(f.getId(), f));
        when(session.getContext()).thenReturn(context);
        when(context.getRealm()).thenReturn(realmModel);
        when(realmModel.getName()).thenReturn("icsoe");
        when(user.getUsername()).thenReturn("tester");
        when(user.getEmail()).thenReturn("tester@icsoe.test");
        // no stored password: passwordHistory (Keycloak's) finds nothing to compare with
        when(user.credentialManager()).thenReturn(mock(SubjectCredentialManager.class));
        when(session.getProvider(eq(PasswordPolicyProvider.class), anyString())).thenAnswer(call -> {
            PasswordPolicyProviderFactory factory = factories.get(call.getArgument(1, String.class));
            return factory == null ? null : factory.create(session);
        });
    }

    /** A realm with this policy string. */
    public static TestPolicies withPolicy(String policyString) {
        TestPolicies policies = new TestPolicies();
        policies.realmPolicy(policyString);
        return policies;
    }

    /** Whether the realm of {@code realm-export.json} accepts {@code password} (for user "tester"). */
    public static synchronized boolean realmAccepts(String password) {
        if (realm == null) {
            realm = withPolicy(REALM_POLICY);
        }
        return realm.refusedBy(password).isEmpty();
    }

    /** Parses a policy string the way Keycloak does and makes it the realm's policy. */
    PasswordPolicy realmPolicy(String policyString) {
        PasswordPolicy policy = PasswordPolicy.parse(session, policyString);
        when(realmModel.getPasswordPolicy()).thenReturn(policy);
        return policy;
    }

    PasswordPolicyProvider provider(String id) {
        return factories.get(id).create(session);
    }

    /** The ids of every policy of the realm that refuses {@code password}, in Keycloak's order. */
    public Set<String> refusedBy(String password) {
        Set<String> refused = new LinkedHashSet<>();
        for (String id : realmModel.getPasswordPolicy().getPolicies()) {
            if (provider(id).validate(realmModel, user, password) != null) {
                refused.add(id);
            }
        }
        return refused;
    }

    /** What the server's password-policy manager (ours) answers: the first error, or {@code null}. */
    PolicyError answer(String password) {
        return new IcsoePasswordPolicyManagerProviderFactory().create(session).validate(realmModel, user, password);
    }

    private static String readRealmPolicy() {
        try (InputStream in = Files.newInputStream(Path.of("realm-export.json"))) {
            return JsonSerialization.readValue(in, RealmRepresentation.class).getPasswordPolicy();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
