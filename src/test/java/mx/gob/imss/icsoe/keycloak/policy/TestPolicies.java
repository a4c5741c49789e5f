package mx.gob.imss.icsoe.keycloak.policy;

import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;

import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.PasswordPolicy;
import org.keycloak.models.RealmModel;
import org.keycloak.policy.PasswordPolicyProvider;
import org.keycloak.policy.PasswordPolicyProviderFactory;

/**
 * Keycloak's own {@link PasswordPolicy} parser over a mocked session that knows every registered
 * password-policy factory (Keycloak's built-ins and ours, found through ServiceLoader), and a
 * mocked realm holding the parsed policy.
 */
final class TestPolicies {

    final KeycloakSession session = mock(KeycloakSession.class);
    final KeycloakContext context = mock(KeycloakContext.class);
    final RealmModel realm = mock(RealmModel.class);
    final Map<String, PasswordPolicyProviderFactory> factories = new HashMap<>();

    TestPolicies() {
        ServiceLoader.load(PasswordPolicyProviderFactory.class).forEach(f -> factories.put(f.getId(), f));
        when(session.getContext()).thenReturn(context);
        when(context.getRealm()).thenReturn(realm);
        when(realm.getName()).thenReturn("icsoe");
        when(session.getProvider(eq(PasswordPolicyProvider.class), anyString())).thenAnswer(call -> {
            PasswordPolicyProviderFactory factory = factories.get(call.getArgument(1, String.class));
            return factory == null ? null : factory.create(session);
        });
    }

    /** Parses a policy string the way Keycloak does and makes it the realm's policy. */
    PasswordPolicy realmPolicy(String policyString) {
        PasswordPolicy policy = PasswordPolicy.parse(session, policyString);
        when(realm.getPasswordPolicy()).thenReturn(policy);
        return policy;
    }

    PasswordPolicyProvider provider(String id) {
        return factories.get(id).create(session);
    }

    static final String REALM_POLICY = "maxLength(128) and length(8) and icsoeNoWhitespace and upperCase(1)"
            + " and lowerCase(1) and digits(1) and icsoeSpecialChars(-*?!@#$/()=.,:;) and icsoeNoRepeatedChars(3)"
            + " and icsoeNoSequence(4) and icsoeNoKeyboardPattern(4) and notUsername and notContainsUsername and notEmail";
}
