package mx.gob.imss.icsoe.keycloak.policy;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import mx.gob.imss.icsoe.keycloak.ExtensionVersion;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.policy.DigitsPasswordPolicyProviderFactory;
import org.keycloak.policy.LengthPasswordPolicyProviderFactory;
import org.keycloak.policy.LowerCasePasswordPolicyProviderFactory;
import org.keycloak.policy.MaximumLengthPasswordPolicyProviderFactory;
import org.keycloak.policy.PasswordPolicyManagerProvider;
import org.keycloak.policy.PasswordPolicyManagerProviderFactory;
import org.keycloak.policy.PasswordPolicyProvider;
import org.keycloak.policy.PolicyError;
import org.keycloak.policy.UpperCasePasswordPolicyProviderFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

/**
 * Keycloak's password-policy manager, asking the realm's policies in {@link #MESSAGE_ORDER} instead
 * of the order of a {@code HashMap} of their ids (where "1234" is a keyboard pattern before it is a
 * sequence); the first error is the message. Policies not listed follow in Keycloak's order.
 * {@link #order()} makes it the server's default over Keycloak's {@code default} manager.
 */
public final class IcsoePasswordPolicyManagerProviderFactory implements PasswordPolicyManagerProviderFactory,
        ServerInfoAwareProviderFactory {

    /** Most helpful message first: the one place that decides it. */
    static final List<String> MESSAGE_ORDER = List.of(MaximumLengthPasswordPolicyProviderFactory.ID,
            LengthPasswordPolicyProviderFactory.ID, IcsoeRule.NO_WHITESPACE.id, UpperCasePasswordPolicyProviderFactory.ID,
            LowerCasePasswordPolicyProviderFactory.ID, DigitsPasswordPolicyProviderFactory.ID, IcsoeRule.SPECIAL_CHARS.id,
            IcsoeRule.NO_REPEATED_CHARS.id, IcsoeRule.NO_SEQUENCE.id, IcsoeRule.NO_KEYBOARD_PATTERN.id,
            IcsoeRule.NOT_COMMON.id);

    private static final Comparator<String> IN_MESSAGE_ORDER = Comparator.comparingInt(
            id -> MESSAGE_ORDER.contains(id) ? MESSAGE_ORDER.indexOf(id) : MESSAGE_ORDER.size());

    @Override
    public PasswordPolicyManagerProvider create(KeycloakSession session) {
        return new Manager(session);
    }

    @Override
    public String getId() {
        return "icsoe";
    }

    @Override
    public int order() {
        return 1;
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return Map.of("version", ExtensionVersion.get(), "messageOrder", String.join(", ", MESSAGE_ORDER));
    }

    @Override
    public void init(Config.Scope config) { }

    @Override
    public void postInit(KeycloakSessionFactory factory) { }

    @Override
    public void close() { }

    private record Manager(KeycloakSession session) implements PasswordPolicyManagerProvider {

        @Override
        public PolicyError validate(RealmModel realm, UserModel user, String password) {
            return firstError(realm, provider -> provider.validate(realm, user, password));
        }

        @Override
        public PolicyError validate(String user, String password) {
            return firstError(session.getContext().getRealm(), provider -> provider.validate(user, password));
        }

        private PolicyError firstError(RealmModel realm, Function<PasswordPolicyProvider, PolicyError> check) {
            return realm.getPasswordPolicy().getPolicies().stream().sorted(IN_MESSAGE_ORDER)
                    .map(id -> check.apply(session.getProvider(PasswordPolicyProvider.class, id)))
                    .filter(error -> error != null).findFirst().orElse(null);
        }

        @Override
        public void close() { }
    }
}
