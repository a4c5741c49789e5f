package mx.gob.imss.icsoe.keycloak.policy;

import java.io.Serializable;
import java.util.Arrays;

/**
 * An immutable set of code points that count as "special characters". Membership is a bit test
 * for ASCII and a binary search otherwise; no allocation per lookup.
 */
public final class SpecialCharSet implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The ICSOE set of the guide: {@code - * ? ! @ # $ / ( ) = . , : ;}. */
    public static final String ICSOE_DEFAULT = "-*?!@#$/()=.,:;";

    private final String chars;
    private final long ascii0;
    private final long ascii1;
    private final int[] others;

    private SpecialCharSet(String chars, long ascii0, long ascii1, int[] others) {
        this.chars = chars;
        this.ascii0 = ascii0;
        this.ascii1 = ascii1;
        this.others = others;
    }

    /**
     * Parses a set written as its characters, e.g. {@code "-*?!"}. Blanks are ignored, duplicates
     * collapse, order is kept.
     *
     * @throws IllegalArgumentException when no character is left
     */
    public static SpecialCharSet parse(String spec) {
        if (spec == null) {
            throw new IllegalArgumentException("empty special character set");
        }
        StringBuilder kept = new StringBuilder();
        long a0 = 0;
        long a1 = 0;
        int[] others = new int[0];
        for (int i = 0; i < spec.length(); ) {
            int cp = spec.codePointAt(i);
            i += Character.charCount(cp);
            if (PasswordRules.isBlank(cp) || Character.isISOControl(cp)) {
                continue;
            }
            if (cp < 64) {
                if ((a0 & (1L << cp)) != 0) continue;
                a0 |= 1L << cp;
            } else if (cp < 128) {
                if ((a1 & (1L << (cp - 64))) != 0) continue;
                a1 |= 1L << (cp - 64);
            } else {
                if (Arrays.binarySearch(others, cp) >= 0) continue;
                others = Arrays.copyOf(others, others.length + 1);
                others[others.length - 1] = cp;
                Arrays.sort(others);
            }
            kept.appendCodePoint(cp);
        }
        if (kept.length() == 0) {
            throw new IllegalArgumentException("empty special character set");
        }
        return new SpecialCharSet(kept.toString(), a0, a1, others);
    }

    public boolean contains(int cp) {
        if (cp < 64) {
            return cp >= 0 && (ascii0 & (1L << cp)) != 0;
        }
        if (cp < 128) {
            return (ascii1 & (1L << (cp - 64))) != 0;
        }
        return others.length > 0 && Arrays.binarySearch(others, cp) >= 0;
    }

    /** The characters of the set, in the order given, without duplicates or blanks. */
    public String chars() {
        return chars;
    }

    /** The set for people: its characters separated by spaces ({@code "- * ? !"}). */
    public String display() {
        StringBuilder sb = new StringBuilder(chars.length() * 2);
        chars.codePoints().forEach(cp -> {
            if (sb.length() > 0) sb.append(' ');
            sb.appendCodePoint(cp);
        });
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpecialCharSet other && other.chars.equals(chars);
    }

    @Override
    public int hashCode() {
        return chars.hashCode();
    }

    @Override
    public String toString() {
        return chars;
    }
}
