package mx.gob.imss.icsoe.keycloak.resetcred;

import java.util.Map;
import java.util.Optional;

import org.keycloak.models.PasswordPolicy;

/**
 * The {@code icsoePasswordRules} / {@code icsoePasswordRulesJson} pair for the new-password page.
 * Built from the policy feature's {@code IcsoePasswordRulesView}; until that feature is merged on this
 * branch there is no view and the page shows its static list of the guide's four rules.
 */
record PasswordRulesAttributes(Map<String, Object> view, String json) {

    static Optional<PasswordRulesAttributes> of(PasswordPolicy policy) {
        return Optional.empty();
    }
}
