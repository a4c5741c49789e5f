package mx.gob.imss.icsoe.keycloak.policy;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.keycloak.models.PasswordPolicy;

/**
 * The realm's password rules as plain data for the update-password page, so its live checklist
 * uses the same parameters as the server (see DESIGN contracts): keys {@code minLength},
 * {@code maxLength}, {@code upperCase}, {@code lowerCase}, {@code digits}, {@code keyboardRun},
 * {@code sequenceRun}, {@code repeatRun} (Integer, absent when the policy is off),
 * {@code specialChars} (String, absent when off), {@code noWhitespace} (Boolean) and
 * {@code keyboardLines} (lines of keys, each key the lower-case characters it types).
 */
public final class IcsoePasswordRulesView {

    private IcsoePasswordRulesView() {
    }

    /** The view of a realm's policy ({@code null} reads as no policy). */
    public static Map<String, Object> of(PasswordPolicy policy) {
        PasswordRules rules = RealmPasswordRules.of(policy);
        Map<String, Object> view = new LinkedHashMap<>();
        putIfOn(view, "minLength", rules.minLength());
        putIfOn(view, "maxLength", rules.maxLength());
        putIfOn(view, "upperCase", rules.minUpperCase());
        putIfOn(view, "lowerCase", rules.minLowerCase());
        putIfOn(view, "digits", rules.minDigits());
        if (rules.specialChars() != null) {
            view.put("specialChars", rules.specialChars().chars());
        }
        view.put("noWhitespace", rules.noWhitespace());
        putIfOn(view, "keyboardRun", rules.keyboardRun());
        putIfOn(view, "sequenceRun", rules.sequenceRun());
        putIfOn(view, "repeatRun", rules.repeatRun());
        view.put("keyboardLines", KeyboardLines.DEFAULT.lines());
        return view;
    }

    private static void putIfOn(Map<String, Object> view, String key, int value) {
        if (value > 0) {
            view.put(key, value);
        }
    }

    /**
     * JSON for a {@code <script type="application/json">} element: strings escape {@code < > &},
     * quotes, controls, U+2028/U+2029 and every non-ASCII character, so the text can neither close
     * the element nor depend on the page's encoding. Supports maps, lists, strings, numbers,
     * booleans and null.
     */
    public static String toJson(Map<String, Object> view) {
        StringBuilder out = new StringBuilder(2048);
        write(out, view);
        return out.toString();
    }

    private static void write(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            writeString(out, s);
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
            while (entries.hasNext()) {
                Map.Entry<?, ?> entry = entries.next();
                writeString(out, String.valueOf(entry.getKey()));
                out.append(':');
                write(out, entry.getValue());
                if (entries.hasNext()) out.append(',');
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) out.append(',');
                write(out, list.get(i));
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException("not JSON-able: " + value.getClass().getName());
        }
    }

    private static void writeString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7e || c == '<' || c == '>' || c == '&' || c == '\'') {
                        out.append("\\u");
                        String hex = Integer.toHexString(c);
                        out.append("0000", hex.length(), 4).append(hex);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
