package mx.gob.imss.icsoe.keycloak.policy;

/**
 * The ICSOE password rules, in the order their messages are most helpful to a person: a password
 * that breaks several rules is told about the first one here. Pure Java, no Keycloak types.
 */
public enum PasswordRule {
    /** Longer than the realm's {@code maxLength} (checked before anything is scanned). */
    MAX_LENGTH,
    /** Shorter than the realm's {@code length}. */
    MIN_LENGTH,
    /** Contains a space, tab, line break or any other Unicode blank. */
    WHITESPACE,
    UPPER_CASE,
    LOWER_CASE,
    DIGITS,
    /** Lacks a character from the special set. */
    SPECIAL_CHARS,
    /** The same character N or more times in a row (case-insensitive). */
    REPEATED_CHARS,
    /** N or more consecutive ascending or descending digits or letters. */
    SEQUENCE,
    /** N or more keys in a straight line of a keyboard. */
    KEYBOARD_PATTERN;

    int bit() {
        return 1 << ordinal();
    }

    /** The first rule (in the order above) whose bit is set in {@code violations}, or {@code null}. */
    static PasswordRule first(int violations) {
        return violations == 0 ? null : values()[Integer.numberOfTrailingZeros(violations)];
    }
}
