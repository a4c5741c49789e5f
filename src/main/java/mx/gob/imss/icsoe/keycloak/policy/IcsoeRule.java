package mx.gob.imss.icsoe.keycloak.policy;

import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.keycloak.models.PasswordPolicy;
import org.keycloak.policy.PasswordPolicyConfigException;
import org.keycloak.policy.PasswordPolicyProvider;

/**
 * The catalogue of the ICSOE password rules: id (in realms' policy strings, so it never changes),
 * admin-console label, config type, default, parser, message key and check, a plain function of
 * the password (code points, case folded by {@link Character#toLowerCase(int)}) and the parsed
 * config. Length, maximum length, upper case, lower case and digits stay Keycloak's own policies.
 * The order of the messages is {@link IcsoePasswordPolicyManagerProviderFactory#MESSAGE_ORDER}.
 */
public enum IcsoeRule {

    /** At least one character from a configurable set (default the guide's {@code - * ? ! @ # $ / ( ) = . , : ;}). */
    SPECIAL_CHARS("icsoeSpecialChars", "ICSOE: Special Character From Set", PasswordPolicyProvider.STRING_CONFIG_TYPE,
            "-*?!@#$/()=.,:;", "icsoeInvalidPasswordSpecialCharsMessage",
            IcsoeRule::parseSet, (password, set) -> password.codePoints().noneMatch(cp -> ((String) set).codePoints().anyMatch(c -> c == cp))),

    /** No space, tab, line break or any other Unicode blank. */
    NO_WHITESPACE("icsoeNoWhitespace", "ICSOE: No Whitespace", null, null, "icsoeInvalidPasswordWhitespaceMessage",
            value -> Boolean.TRUE, (password, on) -> password.codePoints().anyMatch(IcsoeRule::isBlank)),

    /** No N keys (default 4) in a straight line of a US or Latin-American keyboard or the keypad, either direction. */
    NO_KEYBOARD_PATTERN("icsoeNoKeyboardPattern", "ICSOE: No Keyboard Pattern (run length)",
            PasswordPolicyProvider.INT_CONFIG_TYPE, "4", "icsoeInvalidPasswordKeyboardPatternMessage",
            value -> parseRun(value, 3), (password, run) -> KeyboardLines.hasRun(folded(password), (Integer) run)),

    /** No N (default 4) consecutive ascending or descending digits or letters (ñ between n and o). */
    NO_SEQUENCE("icsoeNoSequence", "ICSOE: No Sequence (run length)", PasswordPolicyProvider.INT_CONFIG_TYPE, "4",
            "icsoeInvalidPasswordSequenceMessage",
            value -> parseRun(value, 3), (password, run) -> hasSequence(folded(password), (Integer) run)),

    /** No N (default 3) identical characters in a row, case-insensitive. */
    NO_REPEATED_CHARS("icsoeNoRepeatedChars", "ICSOE: No Repeated Characters (run length)",
            PasswordPolicyProvider.INT_CONFIG_TYPE, "3", "icsoeInvalidPasswordRepeatedCharsMessage",
            value -> parseRun(value, 2), (password, run) -> hasRepeat(folded(password), (Integer) run)),

    /**
     * Not a common word dressed up to pass the rules above ({@code Imss.2024!}, {@code Password1!}):
     * the word list ships in the jar, see {@link CommonWords}. Not a rule of the guide.
     */
    NOT_COMMON("icsoeNotCommon", "ICSOE: Not a Common Word With Digits or Symbols", null, null,
            "icsoeInvalidPasswordCommonMessage", value -> Boolean.TRUE, (password, on) -> CommonWords.isCommon(password));

    /** Longest configurable run: beyond this a "run" rule means nothing. */
    private static final int MAX_RUN = 64;

    /** The policy id in the realm's policy string. */
    final String id;
    /** The name in the admin console. */
    final String label;
    /** Keycloak's config type for the admin console; {@code null} for a rule without a setting. */
    final String configType;
    final String defaultConfig;
    final String messageKey;
    private final Function<String, Object> parser;
    private final BiPredicate<String, Object> breaks;

    IcsoeRule(String id, String label, String configType, String defaultConfig, String messageKey,
            Function<String, Object> parser, BiPredicate<String, Object> breaks) {
        this.id = id;
        this.label = label;
        this.configType = configType;
        this.defaultConfig = defaultConfig;
        this.messageKey = messageKey;
        this.parser = parser;
        this.breaks = breaks;
    }

    /**
     * The config as written in the policy string, parsed: blank means the default; a bad value is
     * refused with a message naming what to give (Keycloak prefixes "Invalid config for &lt;id&gt;: ").
     */
    public Object parse(String value) {
        return parser.apply(value == null || value.isBlank() ? defaultConfig : value);
    }

    /** This rule's parsed config in a realm's policy (the default if it has none). */
    Object config(PasswordPolicy policy) {
        Object config = policy.getPolicyConfig(id);
        return config != null ? config : parse(null);
    }

    /** Whether {@code password} breaks this rule with {@code config} (as returned by {@link #parse}). */
    public boolean breaks(String password, Object config) {
        return breaks.test(password == null ? "" : password, config);
    }

    /** The parameters of the message: the set, spaced out, or the run length. */
    public Object[] messageParameters(Object config) {
        return switch (this) {
            case NO_WHITESPACE, NOT_COMMON -> new Object[0];
            case SPECIAL_CHARS -> new Object[] {
                ((String) config).codePoints().mapToObj(Character::toString).collect(Collectors.joining(" "))};
            default -> new Object[] {config};
        };
    }

    private static int parseRun(String value, int min) {
        String expected = "must be a whole number from " + min + " to " + MAX_RUN;
        int run;
        try {
            run = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new PasswordPolicyConfigException(expected);
        }
        if (run < min || run > MAX_RUN) {
            throw new PasswordPolicyConfigException(expected + ", not " + run);
        }
        return run;
    }

    /** The set's characters in the order given, once each, without blanks or control characters. */
    private static String parseSet(String value) {
        StringBuilder set = new StringBuilder();
        value.codePoints().filter(cp -> !isBlank(cp) && !Character.isISOControl(cp)).distinct().forEach(set::appendCodePoint);
        if (set.isEmpty()) {
            throw new PasswordPolicyConfigException("give the special characters, e.g. " + SPECIAL_CHARS.defaultConfig);
        }
        return set.toString();
    }

    private static int[] folded(String password) {
        return password.codePoints().map(Character::toLowerCase).toArray();
    }

    private static boolean hasRepeat(int[] folded, int run) {
        int same = 0;
        for (int i = 0; i < folded.length; i++) {
            same = i > 0 && folded[i] == folded[i - 1] ? same + 1 : 1;
            if (same >= run) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasSequence(int[] folded, int run) {
        int up = 0;
        int down = 0;
        int previous = -1;
        for (int cp : folded) {
            int rank = sequenceRank(cp);
            int step = rank >= 0 && previous >= 0 ? rank - previous : 0;
            up = rank < 0 ? 0 : step == 1 || step == 2 ? up + 1 : 1;
            down = rank < 0 ? 0 : step == -1 || step == -2 ? down + 1 : 1;
            previous = rank;
            if (up >= run || down >= run) {
                return true;
            }
        }
        return false;
    }

    /**
     * Position in the sequences: letters a..z with ñ between n and o (so {@code mnop} and {@code mnño}
     * both count), and digits of any script. Neighbours differ by 1 or 2; letters and digits never
     * chain; -1 for anything else.
     */
    private static int sequenceRank(int folded) {
        if (folded >= 'a' && folded <= 'z') {
            return 2 * (folded - 'a');
        }
        if (folded == 'ñ') {
            return 2 * ('n' - 'a') + 1;
        }
        int digit = Character.isDigit(folded) ? Character.digit(folded, 10) : -1;
        return digit < 0 ? -1 : 100 + 2 * digit;
    }

    /**
     * Any blank: Java whitespace, every Unicode space separator including no-break spaces, NEL
     * (U+0085) and the invisible spaces U+180E, U+200B, U+2060, U+FEFF.
     */
    static boolean isBlank(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp)
                || cp == 0x85 || cp == 0x180E || cp == 0x200B || cp == 0x2060 || cp == 0xFEFF;
    }
}
