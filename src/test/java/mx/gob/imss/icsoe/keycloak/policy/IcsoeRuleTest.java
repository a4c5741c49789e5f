package mx.gob.imss.icsoe.keycloak.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.keycloak.policy.PasswordPolicyConfigException;

/** Each ICSOE rule of the catalogue alone, at its default and at other run lengths. */
class IcsoeRuleTest {

    /** Whether {@code rule} at its default refuses {@code password}. */
    private static boolean refused(IcsoeRule rule, String password) {
        return rule.breaks(password, rule.parse(null));
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
        Stream<Arguments> eachOfTheSet = IcsoeRule.SPECIAL_CHARS.defaultConfig.chars()
                .mapToObj(c -> arguments("Abc1" + (char) c, false));
        return Stream.concat(eachOfTheSet, Stream.of(
                arguments("Abcdef12", true), arguments("Año%&2x", true), arguments("ñÑáÉ", true),
                arguments("a_b+c", true), arguments("ﹰ！", true), arguments("", true)));
    }

    static Stream<Arguments> common() {
        return Stream.of(
                // the shapes measured on the shipped realm, and their kin
                arguments("Imss.2024!", true), arguments("Mexico.2025!", true), arguments("Password.1!", true),
                arguments("Password1!", true), arguments("2025!Imss", true), arguments("IMSS.2024-", true),
                arguments("México.2025!", true), arguments("Contraseña#1", true), arguments("ICSOE.2026!", true),
                arguments("Enero.2026*", true), arguments("Chivas.10!", true),
                // letter-for-symbol swaps inside the word
                arguments("P@ssw0rd.1", true), arguments("Pa$$w0rd.1", true), arguments("M3x1co.2025!", true),
                // a word of the list is only a part: not the base word
                arguments("Imss.Cuautitlan7", false), arguments("Mariposa.Azul7", false), arguments("Passwords1!", false),
                arguments("Pq7!mZ2x", false), arguments("Demo-Icsoe.2026", false), arguments("Mi-Perro*Firulais8", false),
                arguments("", false), arguments("2024.!", false));
    }

    /** The rows of each rule, with the rule in front. */
    static Stream<Arguments> atItsDefault() {
        return Stream.of(
                rows(IcsoeRule.NO_KEYBOARD_PATTERN, keyboard()), rows(IcsoeRule.NO_SEQUENCE, sequence()),
                rows(IcsoeRule.NO_REPEATED_CHARS, repeated()), rows(IcsoeRule.NO_WHITESPACE, whitespace()),
                rows(IcsoeRule.SPECIAL_CHARS, specialChars()), rows(IcsoeRule.NOT_COMMON, common())).flatMap(rows -> rows);
    }

    static Stream<Arguments> atOtherRuns() {
        return Stream.of(rows(IcsoeRule.NO_KEYBOARD_PATTERN, keyboardRuns()), rows(IcsoeRule.NO_SEQUENCE, sequenceRuns()),
                rows(IcsoeRule.NO_REPEATED_CHARS, repeatRuns())).flatMap(rows -> rows);
    }

    private static Stream<Arguments> rows(IcsoeRule rule, Stream<Arguments> rows) {
        return rows.map(row -> {
            Object[] values = new Object[row.get().length + 1];
            values[0] = rule;
            System.arraycopy(row.get(), 0, values, 1, row.get().length);
            return arguments(values);
        });
    }

    @ParameterizedTest(name = "{0} refuses [{index}] \"{1}\": {2}")
    @MethodSource("atItsDefault")
    void givenTheRuleAtItsDefault_thenItRefusesExactlyTheRowsMarkedSo(IcsoeRule rule, String password, boolean refused) {
        assertThat(refused(rule, password)).isEqualTo(refused);
    }

    @ParameterizedTest(name = "{0}({1}) refuses \"{2}\": {3}")
    @MethodSource("atOtherRuns")
    void givenAnotherRunLength_thenItIsTheBoundary(IcsoeRule rule, int run, String password, boolean refused) {
        assertThat(rule.breaks(password, rule.parse(String.valueOf(run)))).isEqualTo(refused);
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

        @ParameterizedTest
        @EnumSource(IcsoeRule.class)
        void givenNullThenItIsAnEmptyPassword(IcsoeRule rule) {
            assertThat(refused(rule, null)).isEqualTo(refused(rule, ""));
        }

        @Test
        void givenUnpairedSurrogatesAndNulThenNoExceptionAndRulesStillApply() {
            for (IcsoeRule rule : IcsoeRule.values()) {
                assertThat(refused(rule, "\uD800Pq7!mZ2x\u0000\uDC00")).as(rule.id).isFalse();
                assertThat(refused(rule, "Pq7!mZ2x\uD800")).as(rule.id).isFalse();
                assertThat(refused(rule, "\uDC00\uDC00\uDC00Pq7!mZ2x")).as(rule.id).isEqualTo(rule == IcsoeRule.NO_REPEATED_CHARS);
            }
        }

        @Test
        void givenAHundredKilobytesThenEveryCharacterIsScanned() {
            String valid = "Pq7!mZ2x".repeat(100 * 1024 / 8);
            for (IcsoeRule rule : IcsoeRule.values()) {
                assertThat(refused(rule, valid)).as(rule.id).isFalse();
                assertThat(refused(rule, valid + "asdf")).as(rule.id).isEqualTo(rule == IcsoeRule.NO_KEYBOARD_PATTERN);
                assertThat(refused(rule, valid + " ")).as(rule.id).isEqualTo(rule == IcsoeRule.NO_WHITESPACE);
            }
        }

        @Test
        void givenRandomCodeUnitsThenNeverAnException() {
            Random random = new Random(42);
            for (int round = 0; round < 200; round++) {
                char[] chars = new char[random.nextInt(300)];
                for (int i = 0; i < chars.length; i++) {
                    chars[i] = (char) (random.nextBoolean() ? random.nextInt(0x80) : random.nextInt(0x10000));
                }
                String input = new String(chars);
                for (IcsoeRule rule : IcsoeRule.values()) {
                    Object config = rule == IcsoeRule.NO_KEYBOARD_PATTERN ? rule.parse("3") : rule.parse(null);
                    assertThatCode(() -> rule.breaks(input, config)).doesNotThrowAnyException();
                }
            }
        }
    }

    @Nested
    class SpecialCharacterSet {

        @Test
        void givenTheIcsoeSetThenExactlyItsFifteenCharacters() {
            Object set = IcsoeRule.SPECIAL_CHARS.parse(null);
            int members = 0;
            for (int cp = 0; cp < 0x3000; cp++) {
                if (!IcsoeRule.SPECIAL_CHARS.breaks(Character.toString(cp), set)) members++;
            }
            assertThat(members).isEqualTo(15);
            assertThat(IcsoeRule.SPECIAL_CHARS.messageParameters(set)).containsExactly("- * ? ! @ # $ / ( ) = . , : ;");
        }

        @Test
        void givenBlanksDuplicatesAndNonAsciiThenKeptOnceInOrder() {
            Object set = IcsoeRule.SPECIAL_CHARS.parse(" ¿ ¡ ¿ # 😀 ");
            assertThat(set).isEqualTo("¿¡#😀");
            assertThat(IcsoeRule.SPECIAL_CHARS.messageParameters(set)).containsExactly("¿ ¡ # 😀");
            assertThat(IcsoeRule.SPECIAL_CHARS.breaks("ab¡", set)).isFalse();
            assertThat(IcsoeRule.SPECIAL_CHARS.breaks("ab😀", set)).isFalse();
            assertThat(IcsoeRule.SPECIAL_CHARS.breaks("ab!", set)).isTrue();
            assertThat(IcsoeRule.SPECIAL_CHARS.breaks("ab\uD83D", set)).as("half of 😀").isTrue();
        }

        @Test
        void givenNothingUsableThenRefused() {
            assertThatThrownBy(() -> IcsoeRule.SPECIAL_CHARS.parse("\u0001 \t\u00A0"))
                    .isInstanceOf(PasswordPolicyConfigException.class);
        }
    }
}
