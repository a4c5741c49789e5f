package mx.gob.imss.icsoe.keycloak.curp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CurpTest {

    private static final ZoneId CANCUN = ZoneId.of("America/Cancun");
    /** 2026-11-25, noon in Quintana Roo. */
    private static final Clock TODAY = Clock.fixed(Instant.parse("2026-11-25T17:00:00Z"), CANCUN);

    /** A valid CURP of the Instructivo's kind, used as the base of single-character mutations. */
    private static final String BASE = "HEGG560427MVZRRL04";

    /** The encoded date is exactly {@code date}: valid on that day, a future date the day before. */
    private static boolean encodedBirthDateIs(String curp, LocalDate date) {
        Clock onTheDay = Clock.fixed(date.atTime(12, 0).atZone(CANCUN).toInstant(), CANCUN);
        Clock dayBefore = Clock.fixed(date.minusDays(1).atTime(12, 0).atZone(CANCUN).toInstant(), CANCUN);
        CurpCheck before = Curp.check(curp, dayBefore);
        return Curp.check(curp, onTheDay).valid() && !before.valid()
                && (before.problem() == CurpProblem.FUTURE_DATE || before.problem() == CurpProblem.CENTURY);
    }

    private static CurpCheck check(String input) {
        return Curp.check(input, TODAY);
    }

    /** Replaces position {@code at} (0-based) and recomputes the check digit, so only that change is tested. */
    private static String mutate(String curp, int at, char with) {
        char[] c = curp.toCharArray();
        c[at] = with;
        return withCheckDigit(new String(c, 0, 17));
    }

    private static String withCheckDigit(String first17) {
        int digit = CurpCheckDigit.of(first17);
        return first17 + (digit < 0 ? "0" : String.valueOf(digit));
    }

    @Nested
    class GivenPublishedCurps {

        /**
         * Published CURPs whose check digit was recomputed by hand with RENAPO's algorithm before
         * being listed here: the Wikipedia/Instructivo example HEGG560427MVZRRL04, BEML920313HMCLNS09,
         * and entries of public INEA and library test lists.
         */
        @ParameterizedTest
        @ValueSource(strings = {
                "HEGG560427MVZRRL04", "BEML920313HMCLNS09", "BEML920313HCMLNS09", "OEVL921024MDFLRR07",
                "EOTN981127HNESLC06", "LOOA531113HTCPBN07", "AAMR780430MGRBRN00", "AAOD850103HGRBCN02",
                "AAOA770305MDFBRN00", "AAPE921018MMSBRV01", "AAPL900311MGRBRZ00", "AASA660209MMSBNN01",
                "AUHC350422HPLBRL08", "AUHM741203MMSBRR05", "AAOJ801108MMSCRL09", "AARJ990531HMSCMN09",
                "AECR350123MPLCNY04", "AEHP481216HMSCRD07"})
        void thenTheyAreValid(String published) {
            CurpCheck result = check(published);

            assertThat(result.valid()).as(published).isTrue();
            assertThat(result.problem()).isNull();
            assertThat(result.curp().value()).isEqualTo(published);
        }

        @Test
        void thenTheBirthDateComesFromTheDateAndTheDifferentiator() {
            assertThat(encodedBirthDateIs("HEGG560427MVZRRL04", LocalDate.of(1956, 4, 27))).isTrue();
        }

        /** Published as valid in a library's tests, but its 18th character does not match. */
        @Test
        void thenOneWithAWrongCheckDigitIsRejected() {
            assertThat(check("MARR890512HCSRYR09").problem()).isEqualTo(CurpProblem.CHECK_DIGIT);
            assertThat(check("MARR890512HCSRYR06").valid()).isTrue();
        }
    }

    @Nested
    class GivenWhatPeopleType {

        @ParameterizedTest
        @ValueSource(strings = {
                "hegg560427mvzrrl04",          // Keycloak's stored username form
                "Hegg560427MvzRRL04",
                "  HEGG560427MVZRRL04 ",
                "\tHEGG560427MVZRRL04\r\n",
                "\u00A0HEGG560427MVZRRL04\u3000", // no-break space, ideographic space
                "\uFEFFHEGG560427MVZRRL04\u200B", // pasted BOM, zero-width space
                "ＨＥＧＧ５６０４２７ＭＶＺＲＲＬ０４", // full-width (IME)
                "ｈｅｇｇ560427ｍｖｚrrl04"})
        void thenItIsNormalisedToTheUpperCaseCurp(String typed) {
            CurpCheck result = check(typed);

            assertThat(result.valid()).as(typed).isTrue();
            assertThat(result.curp().value()).isEqualTo("HEGG560427MVZRRL04");
            assertThat(result.curp().username()).isEqualTo("hegg560427mvzrrl04");
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"   ", "\t\n", "\u3000"})
        void thenNothingIsEmpty(String typed) {
            assertThat(check(typed).problem()).isEqualTo(CurpProblem.EMPTY);
        }

        @ParameterizedTest
        @ValueSource(strings = {"HEGG560427MVZRRL0", "HEGG560427MVZRRL044", "H", "HEGG 560427MVZRRL04"})
        void thenAnythingButEighteenCharactersIsLength(String typed) {
            assertThat(check(typed).problem()).isEqualTo(CurpProblem.LENGTH);
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "HEGG560427MVZRRL-4", "HEGG 60427MVZRRL04", "HÉGG560427MVZRRL04", "HEGG560427MVZRRL0²",
                "HEGG560427MVZRRLO\u0131", // Turkish dotless i
                "HEGG560427MVZRR\u017F04"}) // long s
        void thenPunctuationAccentsAndCompatibilityFormsAreCharacters(String typed) {
            assertThat(check(typed).problem()).as(typed).isEqualTo(CurpProblem.CHARACTERS);
        }

        /** Letters of other scripts that render like Latin ones: an impostor's username must not pass. */
        @ParameterizedTest
        @CsvSource({
                "0, \u041D",  // Cyrillic capital EN looks like H
                "1, \u0415",  // Cyrillic capital IE looks like E
                "1, \u0395",  // Greek capital EPSILON looks like E
                "10, \u041C", // Cyrillic capital EM looks like M
                "14, \u0420", // Cyrillic capital ER looks like P... in position of R
                "15, \u0440", // Cyrillic small er
                "3, \u0262"}) // Latin letter small capital G (IPA)
        void thenLookAlikesFromOtherScriptsAreRejected(int at, char lookAlike) {
            char[] c = BASE.toCharArray();
            c[at] = lookAlike;

            assertThat(check(new String(c)).problem()).isEqualTo(CurpProblem.CHARACTERS);
        }
    }

    @Nested
    class GivenOneWrongPart {

        @ParameterizedTest
        @CsvSource({
                "0, 1", "1, B", "1, 1", "2, 5", "3, Ñ"})
        void thenTheFirstLettersAreReported(int at, char with) {
            assertThat(check(mutate(BASE, at, with)).problem()).isEqualTo(CurpProblem.FIRST_LETTERS);
        }

        @Test
        void thenAnXAsSecondLetterIsAllowed() {
            assertThat(check(mutate(BASE, 1, 'X')).valid()).isTrue();
        }

        @ParameterizedTest
        @CsvSource({"4, A", "5, Ñ", "6, 1", "7, 0", "8, 4", "8, 3"}) // A60427 5Ñ0427 561427 560027 560447 560437
        void thenTheDateIsReported(int at, char with) {
            assertThat(check(mutate(BASE, at, with)).problem()).isEqualTo(CurpProblem.DATE);
        }

        @ParameterizedTest
        @ValueSource(chars = {'F', 'A', '1', 'Ñ'})
        void thenTheSexIsReported(char with) {
            assertThat(check(mutate(BASE, 10, with)).problem()).isEqualTo(CurpProblem.SEX);
        }

        @ParameterizedTest
        @ValueSource(chars = {'H', 'M', 'X'})
        void thenEverySexOfRenapoIsAccepted(char with) {
            assertThat(check(mutate(BASE, 10, with)).valid()).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"XX", "MX", "DX", "EX", "ZZ", "N3"})
        void thenAnUnknownStateIsReported(String state) {
            String first17 = BASE.substring(0, 11) + state + BASE.substring(13, 17);
            assertThat(check(withCheckDigit(first17)).problem()).isEqualTo(CurpProblem.STATE);
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "AS", "BC", "BS", "CC", "CL", "CM", "CS", "CH", "DF", "DG", "GT", "GR", "HG", "JC", "MC", "MN",
                "MS", "NT", "NL", "OC", "PL", "QT", "QR", "SP", "SL", "SR", "TC", "TS", "TL", "VZ", "YN", "ZS",
                "NE"})
        void thenEveryOfficialStateIsAccepted(String state) {
            String first17 = BASE.substring(0, 11) + state + BASE.substring(13, 17);
            assertThat(check(withCheckDigit(first17)).valid()).isTrue();
        }

        @ParameterizedTest
        @CsvSource({"13, A", "14, E", "15, I", "13, O", "14, U", "15, 1", "13, Ñ"})
        void thenTheInternalConsonantsAreReported(int at, char with) {
            assertThat(check(mutate(BASE, at, with)).problem()).isEqualTo(CurpProblem.CONSONANTS);
        }

        @Test
        void thenAnEnyeAsDifferentiatorIsReported() {
            assertThat(check(mutate(BASE, 16, 'Ñ')).problem()).isEqualTo(CurpProblem.DIFFERENTIATOR);
        }

        @ParameterizedTest
        @ValueSource(chars = {'0', '1', '3', '5', '9', 'A', 'Ñ'})
        void thenAWrongCheckDigitIsReported(char last) {
            String curp = BASE.substring(0, 17) + last;
            assertThat(check(curp).problem()).isEqualTo(CurpProblem.CHECK_DIGIT);
        }
    }

    @Nested
    class GivenTheInappropriateWords {

        /** Instructivo Normativo para la Asignación de la CURP (RENAPO, 2006), anexo 2; typed here again on purpose. */
        static Stream<String> words() {
            return Stream.of((
                    "BACA BAKA BUEI BUEY CACA CACO CAGA CAGO CAKA CAKO COGE COGI COJA COJE COJI COJO COLA CULO "
                            + "FALO FETO GETA GUEI GUEY JETA JOTO KACA KACO KAGA KAGO KAKA KAKO KOGE KOGI KOJA KOJE "
                            + "KOJI KOJO KOLA KULO LILO LOCA LOCO LOKA LOKO MAME MAMO MEAR MEAS MEON MIAR MION MOCO "
                            + "MOKO MULA MULO NACA NACO PEDA PEDO PENE PIPI PITO POPO PUTA PUTO QULO RATA ROBA ROBE "
                            + "ROBO RUIN SENO TETA VACA VAGA VAGO VAKA VUEI VUEY WUEI WUEY").split(" "));
        }

        @Test
        void thenTheCatalogueHasItsEightyOneEntries() {
            assertThat(words().distinct().count()).isEqualTo(81);
            assertThat(Curp.INAPPROPRIATE_WORDS).containsExactlyInAnyOrderElementsOf(words().toList());
        }

        @ParameterizedTest
        @MethodSource("words")
        void thenACurpStartingWithOneIsRejected(String word) {
            String curp = withCheckDigit(word + BASE.substring(4, 17));

            assertThat(check(curp).problem()).isEqualTo(CurpProblem.INAPPROPRIATE_WORD);
        }

        @ParameterizedTest
        @MethodSource("words")
        void thenRenaposReplacementWithXIsAccepted(String word) {
            String curp = withCheckDigit(word.charAt(0) + "X" + word.substring(2) + BASE.substring(4, 17));

            assertThat(check(curp).valid()).as(curp).isTrue();
        }
    }

    @Nested
    class GivenBirthDates {

        private String curp(String yymmdd, char differentiator) {
            return withCheckDigit("GOMA" + yymmdd + "HDFRRN" + differentiator);
        }

        @ParameterizedTest
        @CsvSource({
                "000229, A, 2000-02-29", // 2000 is a leap year (divisible by 400)
                "960229, 0, 1996-02-29",
                "040229, B, 2004-02-29",
                "240229, Z, 2024-02-29",
                "000228, 0, 1900-02-28",
                "991231, 9, 1999-12-31",
                "000101, A, 2000-01-01",
                "261125, A, 2026-11-25"}) // today
        void thenRealPastDatesAreAccepted(String yymmdd, char differentiator, LocalDate expected) {
            CurpCheck result = check(curp(yymmdd, differentiator));

            assertThat(result.valid()).isTrue();
            assertThat(encodedBirthDateIs(result.curp().value(), expected)).isTrue();
        }

        @ParameterizedTest
        @CsvSource({
                "000229, 0", // 1900 is not a leap year
                "970229, 1", "230229, C", "250229, D",
                "000001, 0", "001301, 0", "000100, 0", "000132, 0", "000431, 0", "000631, A", "001131, 1"})
        void thenImpossibleDatesAreDate(String yymmdd, char differentiator) {
            assertThat(check(curp(yymmdd, differentiator)).problem()).isEqualTo(CurpProblem.DATE);
        }

        @ParameterizedTest
        @ValueSource(strings = {"261126", "261201", "261231"})
        void thenLaterThisYearIsAFutureDate(String yymmdd) {
            assertThat(check(curp(yymmdd, 'A')).problem()).isEqualTo(CurpProblem.FUTURE_DATE);
        }

        @ParameterizedTest
        @ValueSource(strings = {"270101", "560427", "991231"})
        void thenALetterWithAYearToComeIsACenturyMismatch(String yymmdd) {
            assertThat(check(curp(yymmdd, 'A')).problem()).isEqualTo(CurpProblem.CENTURY);
            assertThat(check(curp(yymmdd, '0')).valid()).isTrue();
        }

        @Test
        void thenTodayIsTakenInTheEasternmostMexicanZone() {
            // 2026-11-25 00:30 in Cancún is still 2026-11-24 in Mexico City and Tijuana.
            Clock justAfterMidnightInCancun = Clock.fixed(Instant.parse("2026-11-25T05:30:00Z"), CANCUN);
            String bornToday = curp("261125", 'A');

            assertThat(Curp.check(bornToday, justAfterMidnightInCancun).valid()).isTrue();
            assertThat(Curp.check(bornToday, justAfterMidnightInCancun.withZone(ZoneId.of("America/Mexico_City")))
                    .problem()).isEqualTo(CurpProblem.FUTURE_DATE);
        }

        @Test
        void thenTheDefaultClockIsTheRealOne() {
            assertThat(Curp.check(curp("000229", 'A')).valid()).isTrue();
            assertThat(Curp.check(curp("991231", 'A')).problem()).isEqualTo(CurpProblem.CENTURY);
        }
    }

    @Nested
    class GivenAnyInput {

        private static final Pattern SHAPE = Pattern.compile(
                "[A-Z][AEIOUX][A-Z]{2}[0-9]{6}[HMX][A-Z]{2}[B-DF-HJ-NP-TV-Z]{3}[0-9A-Z][0-9]");

        private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcxyzÑñ -_.\t"
                + "\u0410\u0415\u041E\u0391\u039F\uFF21\uFF10\uFF41\u3000\uFEFF\u0131\u00B2\uD83D\uDE00";

        @Test
        void thenRandomStringsNeverThrowAndValidOnesHaveTheShape() {
            Random random = new Random(20261125L);
            int valid = 0;
            for (int n = 0; n < 20_000; n++) {
                int length = random.nextInt(4) == 0 ? random.nextInt(40) : 16 + random.nextInt(5);
                StringBuilder s = new StringBuilder(length);
                for (int i = 0; i < length; i++) {
                    s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                }
                CurpCheck result = checkWithoutThrowing(s.toString());
                if (result.valid()) {
                    valid++;
                    assertThat(result.curp().value()).matches(SHAPE);
                }
            }
            assertThat(valid).as("random strings are almost never CURPs").isLessThan(5);
        }

        @Test
        void thenRandomWellFormedCurpsPassAndAnyOtherCheckDigitFails() {
            Random random = new Random(42L);
            String letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
            String consonants = "BCDFGHJKLMNPQRSTVWXYZ";
            String[] states = {"AS", "DF", "NE", "ZS", "YN", "QR"};
            for (int n = 0; n < 5_000; n++) {
                LocalDate birth = LocalDate.of(1930, 1, 1).plusDays(random.nextInt(35_000));
                if (birth.isAfter(LocalDate.now(TODAY))) {
                    continue;
                }
                char differentiator = birth.getYear() < 2000
                        ? (char) ('0' + random.nextInt(10)) : letters.charAt(random.nextInt(26));
                String first4 = "" + letters.charAt(random.nextInt(26)) + "AEIOUX".charAt(random.nextInt(6))
                        + letters.charAt(random.nextInt(26)) + letters.charAt(random.nextInt(26));
                if (Curp.INAPPROPRIATE_WORDS.contains(first4)) {
                    continue;
                }
                String first17 = first4 + String.format("%02d%02d%02d", birth.getYear() % 100,
                        birth.getMonthValue(), birth.getDayOfMonth())
                        + "HMX".charAt(random.nextInt(3)) + states[random.nextInt(states.length)]
                        + consonants.charAt(random.nextInt(21)) + consonants.charAt(random.nextInt(21))
                        + consonants.charAt(random.nextInt(21)) + differentiator;
                String curp = withCheckDigit(first17);
                assertThat(check(curp).valid()).as(curp).isTrue();
                char wrong = (char) ('0' + (curp.charAt(17) - '0' + 1 + random.nextInt(9)) % 10);
                assertThat(check(first17 + wrong).problem()).as(first17 + wrong).isEqualTo(CurpProblem.CHECK_DIGIT);
            }
        }

        @Test
        void thenMutatingOneCharacterOfAValidCurpNeverThrows() {
            Random random = new Random(7L);
            for (int n = 0; n < 10_000; n++) {
                char[] c = BASE.toCharArray();
                c[random.nextInt(18)] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
                CurpCheck result = checkWithoutThrowing(new String(c));
                if (result.valid()) {
                    assertThat(result.curp().value()).matches(SHAPE);
                }
            }
        }

        private CurpCheck checkWithoutThrowing(String input) {
            CurpCheck[] result = new CurpCheck[1];
            assertThatCode(() -> result[0] = check(input)).as(input).doesNotThrowAnyException();
            assertThat(result[0]).isNotNull();
            assertThat(result[0].curp() == null).isNotEqualTo(result[0].problem() == null);
            return result[0];
        }
    }

    @Nested
    class GivenAValue {

        @Test
        void thenToStringNeverShowsTheWholeCurp() {
            Curp curp = check(BASE).curp();

            assertThat(curp.toString()).doesNotContain("560427").doesNotContain(BASE).contains("HEGG");
        }

        @Test
        void thenEqualityIsByNormalisedValue() {
            assertThat(check(" hegg560427mvzrrl04 ").curp()).isEqualTo(check(BASE).curp())
                    .hasSameHashCodeAs(check(BASE).curp());
            assertThat(check(BASE).curp()).isNotEqualTo(check("BEML920313HMCLNS09").curp());
        }

        @Test
        void thenACheckHoldsExactlyOneOfCurpAndProblem() {
            assertThatThrownBy(() -> new CurpCheck(null, null)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new CurpCheck(check(BASE).curp(), CurpProblem.DATE))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
