package mx.gob.imss.icsoe.keycloak.resetcred;

import java.util.Map;

import org.keycloak.models.PasswordPolicy;

import mx.gob.imss.icsoe.keycloak.policy.IcsoePasswordRulesView;

/**
 * The {@code icsoePasswordRules} / {@code icsoePasswordRulesJson} pair of the new-password page,
 * from the policy feature's view of the realm's actual policy (the JSON is safe to embed).
 */
record PasswordRulesAttributes(Map<String, Object> view, String json) {

    static PasswordRulesAttributes of(PasswordPolicy policy) {
        Map<String, Object> view = IcsoePasswordRulesView.of(policy);
        return new PasswordRulesAttributes(view, IcsoePasswordRulesView.toJson(view));
    }
}
