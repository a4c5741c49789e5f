package mx.gob.imss.icsoe.keycloak.policy.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.passay.CharacterData;
import org.passay.CharacterRule;
import org.passay.CharacterSequence;
import org.passay.EnglishCharacterData;
import org.passay.EnglishSequenceData;
import org.passay.IllegalSequenceRule;
import org.passay.LengthRule;
import org.passay.PasswordData;
import org.passay.PasswordValidator;
import org.passay.RepeatCharacterRegexRule;
import org.passay.Rule;
import org.passay.SequenceData;
import org.passay.WhitespaceRule;

import mx.gob.imss.icsoe.keycloak.policy.IcsoePasswordRulesView;
import mx.gob.imss.icsoe.keycloak.policy.PasswordRule;
import mx.gob.imss.icsoe.keycloak.policy.PasswordRules;
import mx.gob.imss.icsoe.keycloak.policy.SpecialCharSet;

/**
 * The whole ICSOE rule set per password, side by side with passay configured as close as it allows.
 * Both are set up without a maximum length, so every password is scanned to its end; an invalid
 * password breaks the keyboard rule in its last four characters.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PasswordRulesBenchmark {

    @Param({"8", "12", "16", "64", "10240"})
    public int length;

    @Param({"valid", "invalid"})
    public String kind;

    private String password;
    private PasswordData passayPassword;

    /** The realm's rules (length 8, upper, lower, digit, ICSOE set, no blanks, runs 4/4/3), no maximum. */
    private static final PasswordRules ICSOE = new PasswordRules(8, 0, 1, 1, 1,
            SpecialCharSet.parse(SpecialCharSet.ICSOE_DEFAULT), true, 4, 4, 3);

    private static final PasswordValidator PASSAY = new PasswordValidator(passayRules());

    @Setup
    public void setUp() {
        String base = "Pq7!mZ2x".repeat(length / 8 + 1).substring(0, length);
        password = kind.equals("valid") ? base : base.substring(0, length - 4) + "qwer";
        passayPassword = new PasswordData(password);
        boolean expected = kind.equals("valid");
        if ((ICSOE.firstViolation(password) == null) != expected) {
            throw new IllegalStateException("ICSOE engine disagrees with the benchmark's " + kind + " password");
        }
        if (expected && ICSOE.firstViolation(password) != null
                || !expected && ICSOE.firstViolation(password) != PasswordRule.KEYBOARD_PATTERN) {
            throw new IllegalStateException("unexpected ICSOE verdict");
        }
        if (PASSAY.validate(passayPassword).isValid() != expected) {
            throw new IllegalStateException("passay disagrees with the benchmark's " + kind + " password");
        }
    }

    @Benchmark
    public PasswordRule icsoe() {
        return ICSOE.firstViolation(password);
    }

    @Benchmark
    public boolean passay() {
        return PASSAY.validate(passayPassword).isValid();
    }

    /**
     * passay's nearest equivalent. What passay lacks: Unicode upper/lower/digits (its character data
     * are ASCII lists; Ñ, Á, full-width digits don't count), full-width/other-script digit sequences,
     * a case-insensitive repeat check without a regular expression, and blanks that are not Java
     * whitespace (its WhitespaceRule refuses U+00A0, U+2007, U+202F, U+0085, U+200B, U+FEFF). Keyboard lines, Latin-American layout,
     * columns, diagonals and keypad are given to passay as custom sequence data built from the same
     * lines our engine uses, so that rule is equivalent.
     */
    static List<Rule> passayRules() {
        List<Rule> rules = new ArrayList<>();
        rules.add(new LengthRule(8, Integer.MAX_VALUE));
        rules.add(new CharacterRule(EnglishCharacterData.UpperCase, 1));
        rules.add(new CharacterRule(EnglishCharacterData.LowerCase, 1));
        rules.add(new CharacterRule(EnglishCharacterData.Digit, 1));
        rules.add(new CharacterRule(characters("INSUFFICIENT_SPECIAL", SpecialCharSet.ICSOE_DEFAULT), 1));
        rules.add(new WhitespaceRule(blanks()));
        rules.add(new RepeatCharacterRegexRule(3, true));
        rules.add(new IllegalSequenceRule(EnglishSequenceData.Numerical, 4, false, false));
        rules.add(new IllegalSequenceRule(EnglishSequenceData.Alphabetical, 4, false, false));
        rules.add(new IllegalSequenceRule(sequences("ILLEGAL_ALPHABETICAL_SEQUENCE",
                List.of(List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "ñ", "o",
                        "p", "q", "r", "s", "t", "u", "v", "w", "x", "y", "z"))), 4, false, false));
        rules.add(new IllegalSequenceRule(sequences("ILLEGAL_QWERTY_SEQUENCE",
                KeyboardLinesAccess.lines()), 4, false, false));
        return rules;
    }

    private static CharacterData characters(String code, String chars) {
        return new CharacterData() {
            @Override
            public String getErrorCode() {
                return code;
            }

            @Override
            public String getCharacters() {
                return chars;
            }
        };
    }

    /** Each line as a passay sequence with two forms: the key's first character and its shifted one. */
    private static SequenceData sequences(String code, List<List<String>> lines) {
        CharacterSequence[] sequences = lines.stream().map(line -> {
            StringBuilder base = new StringBuilder();
            StringBuilder shifted = new StringBuilder();
            for (String key : line) {
                base.append(key.charAt(0));
                shifted.append(key.length() > 1 ? key.charAt(1) : Character.toUpperCase(key.charAt(0)));
            }
            return new CharacterSequence(base.toString(), shifted.toString());
        }).toArray(CharacterSequence[]::new);
        return new SequenceData() {
            @Override
            public String getErrorCode() {
                return code;
            }

            @Override
            public CharacterSequence[] getSequences() {
                return sequences;
            }
        };
    }

    private static char[] blanks() {
        StringBuilder sb = new StringBuilder();
        for (char c = 0; c < 0xFFFF; c++) {
            // passay accepts only Character.isWhitespace chars: no-break spaces, NEL, ZWSP, BOM can't be given
            if (Character.isWhitespace(c)) {
                sb.append(c);
            }
        }
        return sb.toString().toCharArray();
    }

    /** The engine's keyboard lines, through the public view the page uses. */
    static final class KeyboardLinesAccess {
        @SuppressWarnings("unchecked")
        static List<List<String>> lines() {
            return (List<List<String>>) IcsoePasswordRulesView.of(null).get("keyboardLines");
        }
    }
}
