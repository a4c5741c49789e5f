package mx.gob.imss.icsoe.keycloak.policy;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The ICSOE password rules with their parameters, as a pure function of the password: one pass over
 * the code points, no regular expression, no allocation per character, linear in the input and safe
 * on any input (unpaired surrogates, combining marks, NUL, very long strings).
 *
 * <p>A parameter of {@code 0} (or a {@code null} set, or {@code noWhitespace == false}) switches that
 * rule off. Lengths count UTF-16 units, exactly like Keycloak's {@code length} and {@code maxLength}.
 *
 * @param minLength      minimum length ({@code length})
 * @param maxLength      maximum length ({@code maxLength}); checked before anything is scanned
 * @param minUpperCase   minimum upper-case letters ({@code upperCase})
 * @param minLowerCase   minimum lower-case letters ({@code lowerCase})
 * @param minDigits      minimum digits ({@code digits})
 * @param specialChars   at least one of these must appear ({@code icsoeSpecialChars})
 * @param noWhitespace   no blank of any kind ({@code icsoeNoWhitespace})
 * @param keyboardRun    this many keys in a straight keyboard line are refused ({@code icsoeNoKeyboardPattern})
 * @param sequenceRun    this many consecutive digits or letters are refused ({@code icsoeNoSequence})
 * @param repeatRun      this many identical characters in a row are refused ({@code icsoeNoRepeatedChars})
 */
public record PasswordRules(int minLength, int maxLength, int minUpperCase, int minLowerCase, int minDigits,
        SpecialCharSet specialChars, boolean noWhitespace, int keyboardRun, int sequenceRun, int repeatRun) {

    public static final int DEFAULT_KEYBOARD_RUN = 4;
    public static final int DEFAULT_SEQUENCE_RUN = 4;
    public static final int DEFAULT_REPEAT_RUN = 3;

    private static final int UPPER = 1;
    private static final int LOWER = 2;
    private static final int DIGIT = 4;
    private static final int BLANK = 8;
    /** Code points below this are classified by table (same answers as {@link Character}). */
    private static final int LATIN1 = 0x100;
    private static final byte[] LATIN1_FLAGS = new byte[LATIN1];
    private static final char[] LATIN1_FOLD = new char[LATIN1];
    private static final byte[] LATIN1_RANK = new byte[LATIN1];

    static {
        for (int cp = 0; cp < LATIN1; cp++) {
            LATIN1_FLAGS[cp] = (byte) flags(cp);
            LATIN1_FOLD[cp] = (char) Character.toLowerCase(cp);
            LATIN1_RANK[cp] = (byte) sequenceRank(Character.toLowerCase(cp));
        }
    }

    /** No rule at all. */
    public static final PasswordRules NONE = new PasswordRules(0, 0, 0, 0, 0, null, false, 0, 0, 0);

    /** The rules of the ICSOE guide with the project's defaults. */
    public static final PasswordRules ICSOE = new PasswordRules(8, 128, 1, 1, 1,
            SpecialCharSet.parse(SpecialCharSet.ICSOE_DEFAULT), true,
            DEFAULT_KEYBOARD_RUN, DEFAULT_SEQUENCE_RUN, DEFAULT_REPEAT_RUN);

    public PasswordRules {
        if (minLength < 0 || maxLength < 0 || minUpperCase < 0 || minLowerCase < 0 || minDigits < 0
                || keyboardRun < 0 || sequenceRun < 0 || repeatRun < 0) {
            throw new IllegalArgumentException("negative rule parameter");
        }
    }

    public PasswordRules withKeyboardRun(int run) {
        return new PasswordRules(minLength, maxLength, minUpperCase, minLowerCase, minDigits, specialChars,
                noWhitespace, run, sequenceRun, repeatRun);
    }

    public PasswordRules withSequenceRun(int run) {
        return new PasswordRules(minLength, maxLength, minUpperCase, minLowerCase, minDigits, specialChars,
                noWhitespace, keyboardRun, run, repeatRun);
    }

    public PasswordRules withRepeatRun(int run) {
        return new PasswordRules(minLength, maxLength, minUpperCase, minLowerCase, minDigits, specialChars,
                noWhitespace, keyboardRun, sequenceRun, run);
    }

    public PasswordRules withSpecialChars(SpecialCharSet set) {
        return new PasswordRules(minLength, maxLength, minUpperCase, minLowerCase, minDigits, set,
                noWhitespace, keyboardRun, sequenceRun, repeatRun);
    }

    public PasswordRules withNoWhitespace(boolean on) {
        return new PasswordRules(minLength, maxLength, minUpperCase, minLowerCase, minDigits, specialChars,
                on, keyboardRun, sequenceRun, repeatRun);
    }

    /** The most helpful broken rule (see {@link PasswordRule}'s order), or {@code null} when none is. */
    public PasswordRule firstViolation(CharSequence password) {
        return PasswordRule.first(violations(password));
    }

    /** Every broken rule. */
    public Set<PasswordRule> allViolations(CharSequence password) {
        int bits = violations(password);
        EnumSet<PasswordRule> set = EnumSet.noneOf(PasswordRule.class);
        for (PasswordRule rule : PasswordRule.values()) {
            if ((bits & rule.bit()) != 0) set.add(rule);
        }
        return set;
    }

    /** Whether {@code password} breaks {@code rule} (other rules are not looked at). */
    public boolean violates(CharSequence password, PasswordRule rule) {
        return (violations(password) & Objects.requireNonNull(rule).bit()) != 0;
    }

    /**
     * The broken rules as a bit set ({@code 1 << ordinal}). A password over {@code maxLength} is
     * reported as {@link PasswordRule#MAX_LENGTH} alone, without being scanned.
     */
    int violations(CharSequence password) {
        CharSequence pw = password == null ? "" : password;
        int length = pw.length();
        if (maxLength > 0 && length > maxLength) {
            return PasswordRule.MAX_LENGTH.bit();
        }
        int bits = 0;
        if (length < minLength) {
            bits |= PasswordRule.MIN_LENGTH.bit();
        }
        int upper = 0;
        int lower = 0;
        int digits = 0;
        boolean special = false;
        boolean blank = false;
        int previous = -1;          // previous folded code point
        int repeat = 0;             // identical folded code points ending here
        int previousRank = -1;      // sequence rank of the previous code point, -1 if none
        int ascending = 0;
        int descending = 0;
        int keyboardBest = 0;
        int[] keyboardState = keyboardRun > 0 ? KeyboardLines.DEFAULT.newState() : null;
        int pos = 0;
        for (int i = 0; i < length; pos++) {
            char c = pw.charAt(i++);
            int cp = c;
            if (Character.isHighSurrogate(c) && i < length && Character.isLowSurrogate(pw.charAt(i))) {
                cp = Character.toCodePoint(c, pw.charAt(i++));
            }
            int flags;
            int folded;
            int rank;
            if (cp < LATIN1) {
                flags = LATIN1_FLAGS[cp];
                folded = LATIN1_FOLD[cp];
                rank = LATIN1_RANK[cp];
            } else {
                flags = flags(cp);
                folded = Character.toLowerCase(cp);
                rank = sequenceRank(folded);
            }
            if ((flags & UPPER) != 0) {
                upper++;
            } else if ((flags & LOWER) != 0) {
                lower++;
            } else if ((flags & DIGIT) != 0) {
                digits++;
            }
            if (!special && specialChars != null && specialChars.contains(cp)) {
                special = true;
            }
            if ((flags & BLANK) != 0) {
                blank = true;
            }
            repeat = folded == previous ? repeat + 1 : 1;
            previous = folded;
            if (repeatRun > 0 && repeat >= repeatRun) {
                bits |= PasswordRule.REPEATED_CHARS.bit();
            }
            if (rank >= 0 && previousRank >= 0) {
                int step = rank - previousRank;
                ascending = step == 1 || step == 2 ? ascending + 1 : 1;
                descending = step == -1 || step == -2 ? descending + 1 : 1;
            } else {
                ascending = rank >= 0 ? 1 : 0;
                descending = ascending;
            }
            previousRank = rank;
            if (sequenceRun > 0 && (ascending >= sequenceRun || descending >= sequenceRun)) {
                bits |= PasswordRule.SEQUENCE.bit();
            }
            if (keyboardState != null) {
                keyboardBest = Math.max(keyboardBest, KeyboardLines.DEFAULT.advance(keyboardState, pos, folded));
            }
        }
        if (upper < minUpperCase) bits |= PasswordRule.UPPER_CASE.bit();
        if (lower < minLowerCase) bits |= PasswordRule.LOWER_CASE.bit();
        if (digits < minDigits) bits |= PasswordRule.DIGITS.bit();
        if (specialChars != null && !special) bits |= PasswordRule.SPECIAL_CHARS.bit();
        if (noWhitespace && blank) bits |= PasswordRule.WHITESPACE.bit();
        if (keyboardRun > 0 && keyboardBest >= keyboardRun) bits |= PasswordRule.KEYBOARD_PATTERN.bit();
        return bits;
    }

    private static int flags(int cp) {
        int flags = 0;
        if (Character.isUpperCase(cp)) flags |= UPPER;
        if (Character.isLowerCase(cp)) flags |= LOWER;
        if (Character.isDigit(cp)) flags |= DIGIT;
        if (isBlank(cp)) flags |= BLANK;
        return flags;
    }

    /**
     * Position of a code point in the sequences: letters a..z with ñ between n and o (so both
     * {@code mnop} and {@code mnño} are sequences), and digits of any script (full-width too).
     * Consecutive members differ by 1 or 2; letters and digits never chain. -1 for anything else.
     */
    static int sequenceRank(int folded) {
        if (folded >= 'a' && folded <= 'z') {
            return 2 * (folded - 'a');
        }
        if (folded == 'ñ') {
            return 2 * ('n' - 'a') + 1;
        }
        if (Character.isDigit(folded)) {
            int value = Character.digit(folded, 10);
            return value < 0 ? -1 : 100 + 2 * value;
        }
        return -1;
    }

    /**
     * Any kind of blank: Java whitespace (space, tab, line breaks, separators), every Unicode space
     * separator including no-break spaces (U+00A0, U+2007, U+202F), line and paragraph separators,
     * NEL (U+0085) and the invisible spaces U+180E, U+200B, U+2060, U+FEFF.
     */
    static boolean isBlank(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp)
                || cp == 0x85 || cp == 0x180E || cp == 0x200B || cp == 0x2060 || cp == 0xFEFF;
    }
}
