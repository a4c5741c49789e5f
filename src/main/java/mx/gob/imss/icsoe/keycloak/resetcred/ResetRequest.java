package mx.gob.imss.icsoe.keycloak.resetcred;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import org.keycloak.utils.EmailValidationUtil;

import mx.gob.imss.icsoe.keycloak.curp.Curp;
import mx.gob.imss.icsoe.keycloak.curp.CurpCheck;
import mx.gob.imss.icsoe.keycloak.curp.CurpProblem;

/**
 * The two fields of the reset form, checked before anything touches the user store: a well-formed
 * CURP ({@link Curp#check}: layout, date, state, check digit; normalised to upper case, white space
 * anywhere in it dropped, as people copy it in groups) and an email of Keycloak's own syntax
 * ({@link EmailValidationUtil}: the rule the user profile applied to the registered address, so it
 * never refuses a real match). Errors are
 * message keys per field; only the typed email is shown again ({@link #typedEmail}), never the CURP.
 *
 * @param curp        the CURP ({@code null} when invalid)
 * @param email       the trimmed email ({@code null} when invalid)
 * @param fieldErrors field name to message key, empty when the request is well-formed
 */
record ResetRequest(Curp curp, String email, Map<String, String> fieldErrors) {

    static final String FIELD_USERNAME = "username";
    static final String FIELD_EMAIL = "email";

    static final String MISSING_CURP = "icsoeMissingCurpMessage";
    static final String INVALID_CURP = "icsoeInvalidCurpMessage";
    static final String MISSING_EMAIL = "icsoeMissingEmailMessage";
    static final String INVALID_EMAIL = "icsoeInvalidEmailMessage";

    /** RFC 5321 path limit; anything longer cannot be a registered address. */
    static final int MAX_EMAIL_LENGTH = 254;
    /** Longer input is not a CURP (18) even with stray spaces; stop before normalising megabytes. */
    static final int MAX_CURP_INPUT = 64;

    private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");

    ResetRequest {
        fieldErrors = Map.copyOf(fieldErrors);
    }

    boolean valid() {
        return fieldErrors.isEmpty();
    }

    /**
     * What the person typed as email, stripped, for the form shown again after a refusal (so it
     * need not be typed twice); empty when nothing usable was typed. The page escapes it.
     */
    static String typedEmail(String rawEmail) {
        return rawEmail == null || rawEmail.length() > MAX_EMAIL_LENGTH ? "" : rawEmail.strip();
    }

    static ResetRequest parse(String rawCurp, String rawEmail) {
        Map<String, String> errors = new LinkedHashMap<>();
        Curp curp = null;
        if (rawCurp == null || rawCurp.isBlank()) {
            errors.put(FIELD_USERNAME, MISSING_CURP);
        } else if (rawCurp.length() > MAX_CURP_INPUT) {
            errors.put(FIELD_USERNAME, INVALID_CURP);
        } else {
            CurpCheck check = Curp.check(WHITE_SPACE.matcher(rawCurp).replaceAll(""));
            if (check.valid()) {
                curp = check.curp();
            } else {
                errors.put(FIELD_USERNAME, check.problem() == CurpProblem.EMPTY ? MISSING_CURP : INVALID_CURP);
            }
        }
        String email = null;
        if (rawEmail == null || rawEmail.isBlank()) {
            errors.put(FIELD_EMAIL, MISSING_EMAIL);
        } else {
            String candidate = rawEmail.strip();
            if (candidate.length() <= MAX_EMAIL_LENGTH && EmailValidationUtil.isValidEmail(candidate)) {
                email = candidate;
            } else {
                errors.put(FIELD_EMAIL, INVALID_EMAIL);
            }
        }
        return errors.isEmpty() ? new ResetRequest(curp, email, Map.of()) : new ResetRequest(null, null, errors);
    }
}
