package mx.gob.imss.icsoe.keycloak.policy;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.policy.PasswordPolicyProvider;
import org.keycloak.policy.PolicyError;

/** One ICSOE rule of the catalogue as a Keycloak password policy: it judges its own rule only. */
record IcsoePasswordPolicyProvider(IcsoeRule rule, KeycloakContext context) implements PasswordPolicyProvider {

    private static final Logger LOG = Logger.getLogger(IcsoePasswordPolicyProvider.class);

    @Override
    public PolicyError validate(RealmModel realm, UserModel user, String password) {
        Object config = rule.config(realm.getPasswordPolicy());
        if (!rule.breaks(password, config)) {
            return null;
        }
        LOG.debugf("password refused in realm %s by %s", realm.getName(), rule.id);
        return new PolicyError(rule.messageKey, rule.messageParameters(config));
    }

    @Override
    public PolicyError validate(String username, String password) {
        return validate(context.getRealm(), null, password);
    }

    @Override
    public Object parseConfig(String value) {
        return rule.parse(value);
    }

    @Override
    public void close() { }
}
