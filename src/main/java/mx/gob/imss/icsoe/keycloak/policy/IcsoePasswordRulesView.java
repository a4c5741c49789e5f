package mx.gob.imss.icsoe.keycloak.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectWriter;
import org.keycloak.models.PasswordPolicy;
import org.keycloak.policy.DigitsPasswordPolicyProviderFactory;
import org.keycloak.policy.LengthPasswordPolicyProviderFactory;
import org.keycloak.policy.LowerCasePasswordPolicyProviderFactory;
import org.keycloak.policy.MaximumLengthPasswordPolicyProviderFactory;
import org.keycloak.policy.UpperCasePasswordPolicyProviderFactory;
import org.keycloak.util.JsonSerialization;

/**
 * The realm's password rules as plain data for the update-password page, so its live checklist
 * uses the same parameters as the server: keys {@code minLength}, {@code maxLength},
 * {@code upperCase}, {@code lowerCase}, {@code digits}, {@code keyboardRun}, {@code sequenceRun},
 * {@code repeatRun} (Integer, absent when the policy is off), {@code specialChars} (String, absent
 * when off), {@code noWhitespace} (Boolean) and {@code keyboardLines} (lines of keys, each key the
 * lower-case characters it types).
 */
public final class IcsoePasswordRulesView {

    /** Keycloak's JSON mapper, writing every non-ASCII character as {@code \\uXXXX}. */
    private static final ObjectWriter ASCII_JSON = JsonSerialization.mapper.writer().with(JsonWriteFeature.ESCAPE_NON_ASCII);

    private IcsoePasswordRulesView() {
    }

    /** The view of a realm's policy ({@code null} reads as no policy). */
    public static Map<String, Object> of(PasswordPolicy policy) {
        PasswordPolicy p = policy == null ? PasswordPolicy.empty() : policy;
        Map<String, Object> view = new LinkedHashMap<>();
        putCount(view, "minLength", p, LengthPasswordPolicyProviderFactory.ID);
        putCount(view, "maxLength", p, MaximumLengthPasswordPolicyProviderFactory.ID);
        putCount(view, "upperCase", p, UpperCasePasswordPolicyProviderFactory.ID);
        putCount(view, "lowerCase", p, LowerCasePasswordPolicyProviderFactory.ID);
        putCount(view, "digits", p, DigitsPasswordPolicyProviderFactory.ID);
        if (p.getPolicies().contains(IcsoeRule.SPECIAL_CHARS.id)) {
            view.put("specialChars", IcsoeRule.SPECIAL_CHARS.config(p));
        }
        view.put("noWhitespace", p.getPolicies().contains(IcsoeRule.NO_WHITESPACE.id));
        putCount(view, "keyboardRun", p, IcsoeRule.NO_KEYBOARD_PATTERN.id);
        putCount(view, "sequenceRun", p, IcsoeRule.NO_SEQUENCE.id);
        putCount(view, "repeatRun", p, IcsoeRule.NO_REPEATED_CHARS.id);
        view.put("keyboardLines", KeyboardLines.LINES);
        return view;
    }

    private static void putCount(Map<String, Object> view, String key, PasswordPolicy policy, String id) {
        if (policy.getPolicies().contains(id) && policy.getPolicyConfig(id) instanceof Integer n && n > 0) {
            view.put(key, n);
        }
    }

    /**
     * JSON for a {@code <script type="application/json">} element: it can neither close the element
     * nor depend on the page's encoding. {@code < > & '} can only stand inside JSON strings, where
     * their {@code \\u00XX} escapes mean the same.
     */
    public static String toJson(Map<String, Object> view) {
        try {
            return ASCII_JSON.writeValueAsString(view).replace("<", "\\u003C").replace(">", "\\u003E")
                    .replace("&", "\\u0026").replace("'", "\\u0027");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
