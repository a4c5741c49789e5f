package mx.gob.imss.icsoe.keycloak.testing;

import java.util.List;
import java.util.random.RandomGenerator;

import mx.gob.imss.icsoe.keycloak.curp.CurpCheckDigit;

/**
 * Random, structurally valid CURPs for test users: born 1960–1999 (digit differentiator), a real
 * date, an official state code, internal consonants and the computed check digit. The third and
 * fourth letters are consonants, so no RENAPO "palabra inconveniente" (all have a vowel there) can
 * come out.
 */
public final class CurpFactory {

    private static final String CONSONANTS = "BCDFGHJKLMNPQRSTVWXYZ";
    private static final String FIRST = "BCDFGHJLMNPRSTVZAEIOU";
    private static final String VOWELS = "AEIOU";
    private static final List<String> STATES = List.of("AS", "BC", "BS", "CC", "CL", "CM", "CS", "CH", "DF",
            "DG", "GT", "GR", "HG", "JC", "MC", "MN", "MS", "NT", "NL", "OC", "PL", "QT", "QR", "SP", "SL", "SR",
            "TC", "TS", "TL", "VZ", "YN", "ZS", "NE");

    private final RandomGenerator random;

    public CurpFactory(RandomGenerator random) {
        this.random = random;
    }

    public String next() {
        StringBuilder curp = new StringBuilder(18);
        curp.append(pick(FIRST)).append(pick(VOWELS)).append(pick(CONSONANTS)).append(pick(CONSONANTS));
        int year = 60 + random.nextInt(40);
        int month = 1 + random.nextInt(12);
        int day = 1 + random.nextInt(28);
        curp.append(two(year)).append(two(month)).append(two(day));
        curp.append(random.nextBoolean() ? 'H' : 'M');
        curp.append(STATES.get(random.nextInt(STATES.size())));
        curp.append(pick(CONSONANTS)).append(pick(CONSONANTS)).append(pick(CONSONANTS));
        curp.append((char) ('0' + random.nextInt(10)));
        curp.append(CurpCheckDigit.of(curp));
        return curp.toString();
    }

    private char pick(String alphabet) {
        return alphabet.charAt(random.nextInt(alphabet.length()));
    }

    private static String two(int value) {
        return value < 10 ? "0" + value : Integer.toString(value);
    }
}
