package mx.gob.imss.icsoe.keycloak.curp;

/**
 * The 18th character of a CURP (RENAPO): every one of the first 17 characters is valued by its
 * position in {@code 0-9 A-N Ñ O-Z} (0–36) and weighted 18 down to 2; the digit is
 * {@code (10 - sum mod 10) mod 10}.
 */
public final class CurpCheckDigit {

    static final String DICTIONARY = "0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ";

    private CurpCheckDigit() {
    }

    /**
     * @param first17 the first 17 characters of an upper-case CURP
     * @return the check digit, or {@code -1} when the input is not 17 characters of the dictionary
     */
    public static int of(CharSequence first17) {
        if (first17 == null || first17.length() != 17) {
            return -1;
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int value = DICTIONARY.indexOf(first17.charAt(i));
            if (value < 0) {
                return -1;
            }
            sum += value * (18 - i);
        }
        return (10 - sum % 10) % 10;
    }
}
