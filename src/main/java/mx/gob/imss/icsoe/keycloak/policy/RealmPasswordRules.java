package mx.gob.imss.icsoe.keycloak.policy;

import org.keycloak.models.PasswordPolicy;
import org.keycloak.policy.PolicyError;

/**
 * Reads a realm's {@link PasswordPolicy} (Keycloak's built-in ids and ours) into the pure
 * {@link PasswordRules}, and turns a broken rule into Keycloak's {@link PolicyError}.
 */
final class RealmPasswordRules {

    static final String LENGTH = "length";
    static final String MAX_LENGTH = "maxLength";
    static final String UPPER_CASE = "upperCase";
    static final String LOWER_CASE = "lowerCase";
    static final String DIGITS = "digits";

    private RealmPasswordRules() {
    }

    static PasswordRules of(PasswordPolicy policy) {
        if (policy == null) {
            return PasswordRules.NONE;
        }
        SpecialCharSet special = policy.getPolicies().contains(IcsoeSpecialCharsPasswordPolicyProviderFactory.PROVIDER_ID)
                ? specialChars(policy.getPolicyConfig(IcsoeSpecialCharsPasswordPolicyProviderFactory.PROVIDER_ID))
                : null;
        return new PasswordRules(
                intConfig(policy, LENGTH),
                intConfig(policy, MAX_LENGTH),
                intConfig(policy, UPPER_CASE),
                intConfig(policy, LOWER_CASE),
                intConfig(policy, DIGITS),
                special,
                policy.getPolicies().contains(IcsoeNoWhitespacePasswordPolicyProviderFactory.PROVIDER_ID),
                intConfig(policy, IcsoeNoKeyboardPatternPasswordPolicyProviderFactory.PROVIDER_ID),
                intConfig(policy, IcsoeNoSequencePasswordPolicyProviderFactory.PROVIDER_ID),
                intConfig(policy, IcsoeNoRepeatedCharsPasswordPolicyProviderFactory.PROVIDER_ID));
    }

    /** The configured integer of policy {@code id}, 0 when the policy is off or its value is unusable. */
    static int intConfig(PasswordPolicy policy, String id) {
        if (!policy.getPolicies().contains(id)) {
            return 0;
        }
        Object value = policy.getPolicyConfig(id);
        return value instanceof Integer i && i > 0 ? i : 0;
    }

    private static SpecialCharSet specialChars(Object config) {
        if (config instanceof SpecialCharSet set) {
            return set;
        }
        return SpecialCharSet.parse(config instanceof String s && !s.isBlank() ? s : SpecialCharSet.ICSOE_DEFAULT);
    }

    /** Keycloak's error for a broken rule: a message key and its parameters, never the password. */
    static PolicyError error(PasswordRule rule, PasswordRules rules) {
        return switch (rule) {
            case MAX_LENGTH -> new PolicyError("invalidPasswordMaxLengthMessage", rules.maxLength());
            case MIN_LENGTH -> new PolicyError("invalidPasswordMinLengthMessage", rules.minLength());
            case UPPER_CASE -> new PolicyError("invalidPasswordMinUpperCaseCharsMessage", rules.minUpperCase());
            case LOWER_CASE -> new PolicyError("invalidPasswordMinLowerCaseCharsMessage", rules.minLowerCase());
            case DIGITS -> new PolicyError("invalidPasswordMinDigitsMessage", rules.minDigits());
            case WHITESPACE -> new PolicyError(IcsoePolicyMessages.WHITESPACE);
            case SPECIAL_CHARS -> new PolicyError(IcsoePolicyMessages.SPECIAL_CHARS, rules.specialChars().display());
            case REPEATED_CHARS -> new PolicyError(IcsoePolicyMessages.REPEATED_CHARS, rules.repeatRun());
            case SEQUENCE -> new PolicyError(IcsoePolicyMessages.SEQUENCE, rules.sequenceRun());
            case KEYBOARD_PATTERN -> new PolicyError(IcsoePolicyMessages.KEYBOARD_PATTERN, rules.keyboardRun());
        };
    }
}
