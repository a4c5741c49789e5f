package mx.gob.imss.icsoe.keycloak.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.EnumSet;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PasswordRulesTest {

    /** Only one rule switched on, at the ICSOE default. */
    private static PasswordRules only(PasswordRule rule) {
        PasswordRules none = PasswordRules.NONE;
        return switch (rule) {
            case KEYBOARD_PATTERN -> none.withKeyboardRun(PasswordRules.DEFAULT_KEYBOARD_RUN);
            case SEQUENCE -> none.withSequenceRun(PasswordRules.DEFAULT_SEQUENCE_RUN);
            case REPEATED_CHARS -> none.withRepeatRun(PasswordRules.DEFAULT_REPEAT_RUN);
            case WHITESPACE -> none.withNoWhitespace(true);
            case SPECIAL_CHARS -> none.withSpecialChars(SpecialCharSet.parse(SpecialCharSet.ICSOE_DEFAULT));
            case UPPER_CASE -> new PasswordRules(0, 0, 1, 0, 0, null, false, 0, 0, 0);
            case LOWER_CASE -> new PasswordRules(0, 0, 0, 1, 0, null, false, 0, 0, 0);
            case DIGITS -> new PasswordRules(0, 0, 0, 0, 1, null, false, 0, 0, 0);
            case MIN_LENGTH -> new PasswordRules(8, 0, 0, 0, 0, null, false, 0, 0, 0);
            case MAX_LENGTH -> new PasswordRules(0, 128, 0, 0, 0, null, false, 0, 0, 0);
        };
    }

    static Stream<Arguments> keyboard() {
        return Stream.of(
                // US and Latin-American rows, both directions, any case
                arguments("qwer", true), arguments("rewq", true), arguments("QWER", true), arguments("qWeR", true),
                arguments("asdf", true), arguments("fdsa", true), arguments("zxcv", true), arguments("vcxz", true),
                arguments("uiop", true), arguments("poiu", true), arguments("lkjh", true), arguments("mnbv", true),
                arguments("7890", true), arguments("0987", true), arguments("xx1234xx", true),
                arguments("op[]", true), arguments("kl;'", true), arguments(",./", false), arguments("m,./", true),
                arguments("ñlkj", true), arguments("jklñ", true), arguments("ÑLKJ", true), arguments("lñ{}", true),
                arguments("m,.-", true), arguments("<zxc", true),
                // shifted symbols count as their key: US number row, Latin-American number row
                arguments("!@#$", true), arguments("$#@!", true), arguments("#$%&", true), arguments("/()=", true),
                arguments("=)(/", true), arguments("1@3$", true), arguments("¿'0)", true),
                // columns and diagonals
                arguments("1qaz", true), arguments("zaq1", true), arguments("ZAQ!", true), arguments("2wsx", true),
                arguments("xsw2", true), arguments("3edc", true), arguments("0pñ-", true), arguments("0p;/", true),
                arguments("4esz", true), arguments("zse4", true), arguments("nji9", true),
                // numeric keypad columns
                arguments("7410", true), arguments("0147", true), arguments("8520", true), arguments("963.", true),
                // boundaries and near misses
                arguments("qwe", false), arguments("asd", false), arguments("1qa", false), arguments("741", false),
                arguments("qwe9rty", false), arguments("qwrt", false), arguments("1q2w3e", false),
                arguments("qaz1", false), arguments("12!@", false), arguments("qqww", false), arguments("Pq7!mZ2x", false),
                arguments("", false), arguments("ｑｗｅｒ", false), arguments("qw\u0301er", false));
    }

    static Stream<Arguments> sequence() {
        return Stream.of(
                arguments("1234", true), arguments("9876", true), arguments("0123", true), arguments("x6789x", true),
                arguments("abcd", true), arguments("DCBA", true), arguments("AbCd", true), arguments("wxyz", true),
                arguments("mnop", true), arguments("mnño", true), arguments("MNÑO", true), arguments("oñnm", true),
                arguments("nñop", true), arguments("１２３４", true), arguments("1２3４", true),
                arguments("\u0661\u0662\u0663\u0664", true),
                arguments("123", false), arguments("abc", false), arguments("mnñ", false), arguments("1243", false),
                arguments("abce", false), arguments("12ab", false), arguments("9012", false), arguments("zabc", false),
                arguments("a1b2c3d4", false), arguments("2011", false), arguments("áéíó", false), arguments("", false));
    }

    static Stream<Arguments> repeated() {
        return Stream.of(
                arguments("111", true), arguments("aaa", true), arguments("aAa", true), arguments("AAA", true),
                arguments("ññÑ", true), arguments("!!!", true), arguments("x222x", true),
                arguments("😀😀😀", true), arguments("１１１", true),
                arguments("11", false), arguments("ll", false), arguments("rr", false), arguments("2011", false),
                arguments("aabbaa", false), arguments("a a a", false), arguments("😀😀", false),
                arguments("e\u0301e\u0301e\u0301", false), arguments("", false));
    }

    static Stream<Arguments> whitespace() {
        return Stream.of(
                arguments("a b", true), arguments("a\tb", true), arguments("a\nb", true), arguments("a\rb", true),
                arguments("a\u00A0b", true), arguments("a\u2007b", true), arguments("a\u202Fb", true),
                arguments("a\u2028b", true), arguments("a\u2029b", true), arguments("a\u3000b", true),
                arguments("a\u0085b", true), arguments("a\u200Bb", true), arguments("a\uFEFFb", true),
                arguments("a\u1680b", true), arguments("a\u2003b", true), arguments(" ", true),
                arguments("ab", false), arguments("a_b", false), arguments("a\u0000b", false),
                arguments("a\u0301b", false), arguments("a\u200Db", false), arguments("", false));
    }

    static Stream<Arguments> specialChars() {
        Stream<Arguments> eachOfTheSet = SpecialCharSet.ICSOE_DEFAULT.chars()
                .mapToObj(c -> arguments("Abc1" + (char) c, false));
        return Stream.concat(eachOfTheSet, Stream.of(
                arguments("Abcdef12", true), arguments("Año%&2x", true), arguments("ñÑáÉ", true),
                arguments("a_b+c", true), arguments("ﹰ！", true), arguments("", true)));
    }

    static Stream<Arguments> builtIns() {
        return Stream.of(
                arguments(PasswordRule.UPPER_CASE, "abc", true), arguments(PasswordRule.UPPER_CASE, "Ñandú", false),
                arguments(PasswordRule.UPPER_CASE, "ÁRBOL", false),
                arguments(PasswordRule.LOWER_CASE, "ABC", true), arguments(PasswordRule.LOWER_CASE, "ABCñ", false),
                arguments(PasswordRule.DIGITS, "abc", true), arguments(PasswordRule.DIGITS, "abc１", false),
                arguments(PasswordRule.MIN_LENGTH, "1234567", true), arguments(PasswordRule.MIN_LENGTH, "12345678", false),
                arguments(PasswordRule.MAX_LENGTH, "x".repeat(128), false),
                arguments(PasswordRule.MAX_LENGTH, "x".repeat(129), true));
    }

    @ParameterizedTest(name = "keyboard pattern in \"{0}\": {1}")
    @MethodSource("keyboard")
    void keyboardPatterns(String password, boolean refused) {
        assertThat(only(PasswordRule.KEYBOARD_PATTERN).violates(password, PasswordRule.KEYBOARD_PATTERN)).isEqualTo(refused);
    }

    @ParameterizedTest(name = "sequence in \"{0}\": {1}")
    @MethodSource("sequence")
    void sequences(String password, boolean refused) {
        assertThat(only(PasswordRule.SEQUENCE).violates(password, PasswordRule.SEQUENCE)).isEqualTo(refused);
    }

    @ParameterizedTest(name = "repeated characters in \"{0}\": {1}")
    @MethodSource("repeated")
    void repeatedCharacters(String password, boolean refused) {
        assertThat(only(PasswordRule.REPEATED_CHARS).violates(password, PasswordRule.REPEATED_CHARS)).isEqualTo(refused);
    }

    @ParameterizedTest(name = "whitespace in [{index}]: {1}")
    @MethodSource("whitespace")
    void whitespace(String password, boolean refused) {
        assertThat(only(PasswordRule.WHITESPACE).violates(password, PasswordRule.WHITESPACE)).isEqualTo(refused);
    }

    @ParameterizedTest(name = "special character missing in \"{0}\": {1}")
    @MethodSource("specialChars")
    void specialCharacters(String password, boolean refused) {
        assertThat(only(PasswordRule.SPECIAL_CHARS).violates(password, PasswordRule.SPECIAL_CHARS)).isEqualTo(refused);
    }

    @ParameterizedTest(name = "{0} broken by [{index}]: {2}")
    @MethodSource("builtIns")
    void keycloakBuiltInsAreMirrored(PasswordRule rule, String password, boolean refused) {
        assertThat(only(rule).violates(password, rule)).isEqualTo(refused);
    }

    @ParameterizedTest(name = "ICSOE accepts \"{0}\"")
    @MethodSource
    void icsoeAccepts(String password) {
        assertThat(PasswordRules.ICSOE.allViolations(password)).isEmpty();
    }

    static Stream<String> icsoeAccepts() {
        return Stream.of("Pq7!mZ2x", "Contraseña-Segura9", "Ñandú#Veloz7", "Mi-Perro*Firulais8", "Ll2011.Rr",
                "Pq7!mZ2x".repeat(8), "Pq7!mZ2x".repeat(16), "Año.Nuevo2024", "Brújula(37)Azul", "Kp9;Tv3,Hm",
                "Rosa😀Roja5!", "Qa2=Wm8:Xo");
    }

    @ParameterizedTest(name = "ICSOE refuses [{index}] first with {1}")
    @MethodSource
    void icsoeRefusesWithTheMostHelpfulRuleFirst(String password, PasswordRule first) {
        assertThat(PasswordRules.ICSOE.firstViolation(password)).isEqualTo(first);
    }

    static Stream<Arguments> icsoeRefusesWithTheMostHelpfulRuleFirst() {
        return Stream.of(
                arguments("", PasswordRule.MIN_LENGTH),
                arguments("Pq7!mZ", PasswordRule.MIN_LENGTH),
                arguments("Pq7!mZ2x".repeat(17), PasswordRule.MAX_LENGTH),
                arguments("Pq7! mZ2x", PasswordRule.WHITESPACE),
                arguments("pq7!mz2x", PasswordRule.UPPER_CASE),
                arguments("PQ7!MZ2X", PasswordRule.LOWER_CASE),
                arguments("Pqr!mZwx", PasswordRule.DIGITS),
                arguments("Pq7mZ2xk", PasswordRule.SPECIAL_CHARS),
                arguments("Pq7%mZ2x", PasswordRule.SPECIAL_CHARS),
                arguments("Pq7!mZ2xxx", PasswordRule.REPEATED_CHARS),
                arguments("Pq7!mZ6789", PasswordRule.SEQUENCE),
                arguments("Pq7!mZabcd", PasswordRule.SEQUENCE),
                arguments("Pq7!Zxcvm2", PasswordRule.KEYBOARD_PATTERN),
                arguments("Pq7!mZ1qaz", PasswordRule.KEYBOARD_PATTERN),
                arguments("qwer 111", PasswordRule.WHITESPACE));
    }

    @Nested
    class RunLengths {

        @ParameterizedTest(name = "keyboard run {0}: \"{1}\" refused={2}")
        @MethodSource("mx.gob.imss.icsoe.keycloak.policy.PasswordRulesTest#keyboardRuns")
        void keyboardRunIsTheBoundary(int run, String password, boolean refused) {
            assertThat(PasswordRules.NONE.withKeyboardRun(run).violates(password, PasswordRule.KEYBOARD_PATTERN)).isEqualTo(refused);
        }

        @ParameterizedTest(name = "sequence run {0}: \"{1}\" refused={2}")
        @MethodSource("mx.gob.imss.icsoe.keycloak.policy.PasswordRulesTest#sequenceRuns")
        void sequenceRunIsTheBoundary(int run, String password, boolean refused) {
            assertThat(PasswordRules.NONE.withSequenceRun(run).violates(password, PasswordRule.SEQUENCE)).isEqualTo(refused);
        }

        @ParameterizedTest(name = "repeat run {0}: \"{1}\" refused={2}")
        @MethodSource("mx.gob.imss.icsoe.keycloak.policy.PasswordRulesTest#repeatRuns")
        void repeatRunIsTheBoundary(int run, String password, boolean refused) {
            assertThat(PasswordRules.NONE.withRepeatRun(run).violates(password, PasswordRule.REPEATED_CHARS)).isEqualTo(refused);
        }
    }

    static Stream<Arguments> keyboardRuns() {
        return Stream.of(arguments(3, "qw", false), arguments(3, "qwe", true), arguments(4, "wer", false),
                arguments(4, "wert", true), arguments(5, "wert", false), arguments(5, "werty", true),
                arguments(5, "trewq", true), arguments(6, "123456", true), arguments(6, "12345", false));
    }

    static Stream<Arguments> sequenceRuns() {
        return Stream.of(arguments(3, "12", false), arguments(3, "123", true), arguments(4, "123", false),
                arguments(4, "4321", true), arguments(5, "1234", false), arguments(5, "12345", true),
                arguments(5, "edcba", true), arguments(5, "mnñop", true));
    }

    static Stream<Arguments> repeatRuns() {
        return Stream.of(arguments(2, "a", false), arguments(2, "ll", true), arguments(3, "ll", false),
                arguments(3, "lLl", true), arguments(4, "111", false), arguments(4, "1111", true));
    }

    @Nested
    class AnyInput {

        @Test
        void givenNullThenItIsAnEmptyPassword() {
            assertThat(PasswordRules.ICSOE.firstViolation(null)).isEqualTo(PasswordRule.MIN_LENGTH);
        }

        @Test
        void givenUnpairedSurrogatesAndNulThenNoExceptionAndRulesStillApply() {
            assertThat(PasswordRules.ICSOE.allViolations("\uD800Pq7!mZ2x\u0000\uDC00")).isEmpty();
            assertThat(PasswordRules.ICSOE.allViolations("Pq7!mZ2x\uD800")).isEmpty();
            assertThat(PasswordRules.ICSOE.allViolations("\uDC00\uDC00\uDC00Pq7!mZ2x"))
                    .containsExactly(PasswordRule.REPEATED_CHARS);
        }

        @Test
        void givenAHundredKilobytesOverMaxLengthThenMaxLengthAlone() {
            String huge = "q".repeat(100 * 1024);
            assertThat(PasswordRules.ICSOE.allViolations(huge)).containsExactly(PasswordRule.MAX_LENGTH);
        }

        @Test
        void givenAHundredKilobytesWithoutMaxLengthThenEveryCharacterIsScanned() {
            PasswordRules unbounded = new PasswordRules(8, 0, 1, 1, 1,
                    SpecialCharSet.parse(SpecialCharSet.ICSOE_DEFAULT), true, 4, 4, 3);
            String valid = "Pq7!mZ2x".repeat(100 * 1024 / 8);
            assertThat(unbounded.allViolations(valid)).isEmpty();
            assertThat(unbounded.allViolations(valid + "asdf")).containsExactly(PasswordRule.KEYBOARD_PATTERN);
            assertThat(unbounded.allViolations(valid + " ")).containsExactly(PasswordRule.WHITESPACE);
        }

        @Test
        void givenRandomCodeUnitsThenNeverAnException() {
            Random random = new Random(42);
            // no maxLength, so every input is scanned rather than refused unread as too long
            PasswordRules unbounded = new PasswordRules(8, 0, 1, 1, 1,
                    SpecialCharSet.parse(SpecialCharSet.ICSOE_DEFAULT), true, 3, 4, 3);
            for (int round = 0; round < 200; round++) {
                char[] chars = new char[random.nextInt(300)];
                for (int i = 0; i < chars.length; i++) {
                    chars[i] = (char) (random.nextBoolean() ? random.nextInt(0x80) : random.nextInt(0x10000));
                }
                String input = new String(chars);
                assertThatCode(() -> unbounded.allViolations(input)).doesNotThrowAnyException();
            }
        }

        @Test
        void givenEveryRuleBrokenThenAllAreReported() {
            assertThat(PasswordRules.ICSOE.allViolations("qwer 111"))
                    .isEqualTo(EnumSet.of(PasswordRule.WHITESPACE, PasswordRule.UPPER_CASE, PasswordRule.SPECIAL_CHARS,
                            PasswordRule.REPEATED_CHARS, PasswordRule.KEYBOARD_PATTERN));
        }
    }
}
