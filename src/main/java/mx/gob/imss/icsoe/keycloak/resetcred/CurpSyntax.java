package mx.gob.imss.icsoe.keycloak.resetcred;

import java.util.regex.Pattern;

import mx.gob.imss.icsoe.keycloak.curp.CurpCheckDigit;

/**
 * Whether an upper-case string is a well-formed CURP: the RENAPO layout and the check digit.
 * A stop-gap until the {@code curp} feature's {@code Curp.check} is merged; then this delegates to it.
 */
final class CurpSyntax {

    private static final Pattern LAYOUT = Pattern.compile(
            "[A-Z][AEIOUX][A-Z]{2}\\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\\d|3[01])[HMX]"
                    + "(AS|BC|BS|CC|CL|CM|CS|CH|DF|DG|GT|GR|HG|JC|MC|MN|MS|NT|NL|OC|PL|QT|QR|SP|SL|SR|TC|TS|TL|VZ|YN|ZS|NE)"
                    + "[B-DF-HJ-NP-TV-Z]{3}[0-9A-Z]\\d");

    private CurpSyntax() {
    }

    static boolean isValid(String upperCase) {
        if (upperCase == null || upperCase.length() != 18 || !LAYOUT.matcher(upperCase).matches()) {
            return false;
        }
        return CurpCheckDigit.of(upperCase.substring(0, 17)) == upperCase.charAt(17) - '0';
    }
}
