package mx.gob.imss.icsoe.keycloak.policy;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.policy.PasswordPolicyProvider;
import org.keycloak.policy.PolicyError;

/**
 * Thin adapter from Keycloak's password-policy SPI to {@link PasswordRules}.
 *
 * <p>Keycloak 26.7 asks the realm's policies in the iteration order of a {@code HashMap} of their
 * ids, not in the order of the realm's policy string, and stops at the first error. So that a person
 * always reads the most helpful message first, whichever ICSOE policy Keycloak asks first evaluates
 * every rule the realm has switched on (one pass) and reports the first broken one in
 * {@link PasswordRule}'s order; with the realm's ids that is {@code icsoeNoKeyboardPattern}, which
 * Keycloak asks before any built-in. A policy never reports a rule the realm does not have.
 */
abstract class IcsoePasswordPolicyProvider implements PasswordPolicyProvider {

    private static final Logger LOG = Logger.getLogger(IcsoePasswordPolicyProvider.class);

    private final KeycloakContext context;

    IcsoePasswordPolicyProvider(KeycloakContext context) {
        this.context = context;
    }

    @Override
    public PolicyError validate(RealmModel realm, UserModel user, String password) {
        PasswordRules rules = RealmPasswordRules.of(realm.getPasswordPolicy());
        PasswordRule broken = rules.firstViolation(password);
        if (broken == null) {
            return null;
        }
        LOG.debugf("password refused in realm %s: rule %s", realm.getName(), broken);
        return RealmPasswordRules.error(broken, rules);
    }

    @Override
    public PolicyError validate(String username, String password) {
        return validate(context.getRealm(), null, password);
    }

    @Override
    public void close() {
    }
}
