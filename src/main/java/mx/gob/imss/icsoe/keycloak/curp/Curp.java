package mx.gob.imss.icsoe.keycloak.curp;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Year;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A Clave Única de Registro de Población (CURP) whose structure RENAPO would issue: the value type
 * behind the reset step and the {@code icsoe-curp} user-profile validator.
 *
 * <p>{@link #check(String)} first normalises what a person typed: it trims surrounding white space
 * (and invisible format characters such as a pasted BOM), folds lower case and full-width forms
 * ({@code ｇｏｍａ…}, as typed with a Japanese or Chinese IME) to ASCII upper case, and refuses every
 * other character, in particular letters of other scripts that look Latin (Cyrillic {@code А},
 * Greek {@code Ο}) that would let a look-alike username pass for someone else's CURP. It then checks,
 * in order, the structure of the Instructivo Normativo para la Asignación de la CURP (RENAPO):
 *
 * <pre>
 *   G O M A 8 5 0 1 1 4 H D F R R N 0 9
 *   └─1-4─┘ └──5-10───┘ 11 └12┘ └14-16┘ 17 18
 *   letters  YYMMDD    sex state consonants differentiator, check digit
 * </pre>
 *
 * A digit differentiator means born 19YY, a letter 20YY; the birth date must be a real date not
 * later than today; the first four letters may not be one of RENAPO's palabras inconvenientes.
 * The check is allocation-light and never throws, so callers can run it on every request and test
 * harnesses can filter generated CURPs with it.
 *
 * <p>{@link #toString()} masks the value: a CURP is personal data and must not reach logs.
 */
public final class Curp {

    static final int LENGTH = 18;

    /**
     * "Today" for the future-date rule is taken in Quintana Roo, the easternmost Mexican time zone,
     * so that nobody born today anywhere in Mexico is told their birth date is in the future.
     */
    private static final Clock MEXICO_EASTERNMOST = Clock.system(ZoneId.of("America/Cancun"));

    /**
     * State codes of the Catálogo de las claves de las Entidades Federativas (Instructivo Normativo,
     * anexo 4), plus {@code NE}: born abroad.
     */
    private static final Set<String> STATES = Set.of(
            "AS", "BC", "BS", "CC", "CL", "CM", "CS", "CH", "DF", "DG", "GT", "GR", "HG", "JC", "MC",
            "MN", "MS", "NT", "NL", "OC", "PL", "QT", "QR", "SP", "SL", "SR", "TC", "TS", "TL", "VZ",
            "YN", "ZS", "NE");

    /**
     * The 81 entries of the Catálogo de palabras inconvenientes: Instructivo Normativo para la
     * Asignación de la Clave Única de Registro de Población (Secretaría de Gobernación, RENAPO,
     * marzo 2006), anexo 2. RENAPO replaces the second letter of these by X (PUTO → PXTO), so a
     * CURP that starts with one of them was never issued.
     */
    static final Set<String> INAPPROPRIATE_WORDS = Set.of(
            "BACA", "BAKA", "BUEI", "BUEY", "CACA", "CACO", "CAGA", "CAGO", "CAKA", "CAKO",
            "COGE", "COGI", "COJA", "COJE", "COJI", "COJO", "COLA", "CULO", "FALO", "FETO",
            "GETA", "GUEI", "GUEY", "JETA", "JOTO", "KACA", "KACO", "KAGA", "KAGO", "KAKA",
            "KAKO", "KOGE", "KOGI", "KOJA", "KOJE", "KOJI", "KOJO", "KOLA", "KULO", "LILO",
            "LOCA", "LOCO", "LOKA", "LOKO", "MAME", "MAMO", "MEAR", "MEAS", "MEON", "MIAR",
            "MION", "MOCO", "MOKO", "MULA", "MULO", "NACA", "NACO", "PEDA", "PEDO", "PENE",
            "PIPI", "PITO", "POPO", "PUTA", "PUTO", "QULO", "RATA", "ROBA", "ROBE", "ROBO",
            "RUIN", "SENO", "TETA", "VACA", "VAGA", "VAGO", "VAKA", "VUEI", "VUEY", "WUEI",
            "WUEY");

    private final String value;

    private Curp(String value) {
        this.value = value;
    }

    /**
     * Normalises and validates {@code input} against today's date. Never throws.
     *
     * @param input what a person typed, or a stored (lower-case) username; may be {@code null}
     */
    public static CurpCheck check(String input) {
        return check(input, MEXICO_EASTERNMOST);
    }

    /** As {@link #check(String)}, with "today" taken from {@code clock} (for tests). */
    public static CurpCheck check(String input, Clock clock) {
        if (input == null) {
            return CurpCheck.failed(CurpProblem.EMPTY);
        }
        int start = 0;
        int end = input.length();
        while (start < end && isBlank(input.charAt(start))) {
            start++;
        }
        while (end > start && isBlank(input.charAt(end - 1))) {
            end--;
        }
        if (start == end) {
            return CurpCheck.failed(CurpProblem.EMPTY);
        }
        if (end - start != LENGTH) {
            return CurpCheck.failed(CurpProblem.LENGTH);
        }
        char[] c = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            char folded = fold(input.charAt(start + i));
            if (folded == 0) {
                return CurpCheck.failed(CurpProblem.CHARACTERS);
            }
            c[i] = folded;
        }
        return checkStructure(c, clock);
    }

    private static CurpCheck checkStructure(char[] c, Clock clock) {
        if (!isLatinLetter(c[0]) || !isOneOf(c[1], "AEIOUX") || !isLatinLetter(c[2]) || !isLatinLetter(c[3])) {
            return CurpCheck.failed(CurpProblem.FIRST_LETTERS);
        }
        if (INAPPROPRIATE_WORDS.contains(new String(c, 0, 4))) {
            return CurpCheck.failed(CurpProblem.INAPPROPRIATE_WORD);
        }
        char differentiator = c[16];
        boolean bornBefore2000 = isDigit(differentiator);
        if (!bornBefore2000 && !isLatinLetter(differentiator)) {
            return CurpCheck.failed(CurpProblem.DIFFERENTIATOR);
        }
        for (int i = 4; i < 10; i++) {
            if (!isDigit(c[i])) {
                return CurpCheck.failed(CurpProblem.DATE);
            }
        }
        int year = (bornBefore2000 ? 1900 : 2000) + twoDigits(c, 4);
        int month = twoDigits(c, 6);
        int day = twoDigits(c, 8);
        if (month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month)) {
            return CurpCheck.failed(CurpProblem.DATE);
        }
        LocalDate birthDate = LocalDate.of(year, month, day);
        LocalDate today = LocalDate.now(clock);
        if (birthDate.isAfter(today)) {
            return CurpCheck.failed(!bornBefore2000 && year > today.getYear()
                    ? CurpProblem.CENTURY : CurpProblem.FUTURE_DATE);
        }
        if (!isOneOf(c[10], "HMX")) {
            return CurpCheck.failed(CurpProblem.SEX);
        }
        if (!STATES.contains(new String(c, 11, 2))) {
            return CurpCheck.failed(CurpProblem.STATE);
        }
        for (int i = 13; i < 16; i++) {
            if (!isLatinLetter(c[i]) || isOneOf(c[i], "AEIOU")) {
                return CurpCheck.failed(CurpProblem.CONSONANTS);
            }
        }
        if (!isDigit(c[17]) || CurpCheckDigit.of(new String(c, 0, 17)) != c[17] - '0') {
            return CurpCheck.failed(CurpProblem.CHECK_DIGIT);
        }
        return CurpCheck.ok(new Curp(new String(c)));
    }

    /**
     * Folds one typed character to the CURP alphabet {@code 0-9 A-N Ñ O-Z}, or returns 0 when it
     * has no place there. Only ASCII, {@code ñ} and the full-width forms of letters and digits are
     * folded: a general case mapping would turn the Turkish dotless {@code ı} or the long {@code ſ}
     * into ASCII letters, and NFKC would turn {@code ²} into {@code 2}.
     */
    private static char fold(char ch) {
        if (ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9') {
            return ch;
        }
        if (ch >= 'a' && ch <= 'z') {
            return (char) (ch - 'a' + 'A');
        }
        if (ch == 'Ñ' || ch == 'ñ') {
            return 'Ñ';
        }
        if (ch >= '０' && ch <= '９') {
            return (char) (ch - '０' + '0');
        }
        if (ch >= 'Ａ' && ch <= 'Ｚ') {
            return (char) (ch - 'Ａ' + 'A');
        }
        if (ch >= 'ａ' && ch <= 'ｚ') {
            return (char) (ch - 'ａ' + 'A');
        }
        return 0;
    }

    private static boolean isBlank(char ch) {
        return Character.isWhitespace(ch) || Character.isSpaceChar(ch)
                || Character.getType(ch) == Character.FORMAT;
    }

    private static boolean isLatinLetter(char ch) {
        return ch >= 'A' && ch <= 'Z';
    }

    private static boolean isDigit(char ch) {
        return ch >= '0' && ch <= '9';
    }

    private static boolean isOneOf(char ch, String allowed) {
        return allowed.indexOf(ch) >= 0;
    }

    private static int twoDigits(char[] c, int at) {
        return (c[at] - '0') * 10 + (c[at + 1] - '0');
    }

    private static int lengthOfMonth(int year, int month) {
        return switch (month) {
            case 2 -> Year.isLeap(year) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** @return the normalised CURP: 18 characters, upper case, e.g. {@code GOMA850114HDFRRN09} */
    public String value() {
        return value;
    }

    /** @return the CURP as Keycloak stores it as a username: lower case */
    public String username() {
        return value.toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Curp that && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value);
    }

    /** Masked: the first four characters only, so a CURP never reaches a log by accident. */
    @Override
    public String toString() {
        return "Curp[" + value.substring(0, 4) + "**************]";
    }
}
