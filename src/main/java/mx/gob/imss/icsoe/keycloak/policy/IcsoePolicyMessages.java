package mx.gob.imss.icsoe.keycloak.policy;

/** Message keys of the ICSOE password policies (in {@code theme-resources/messages}). */
public final class IcsoePolicyMessages {

    public static final String SPECIAL_CHARS = "icsoeInvalidPasswordSpecialCharsMessage";
    public static final String WHITESPACE = "icsoeInvalidPasswordWhitespaceMessage";
    public static final String KEYBOARD_PATTERN = "icsoeInvalidPasswordKeyboardPatternMessage";
    public static final String SEQUENCE = "icsoeInvalidPasswordSequenceMessage";
    public static final String REPEATED_CHARS = "icsoeInvalidPasswordRepeatedCharsMessage";

    private IcsoePolicyMessages() {
    }
}
