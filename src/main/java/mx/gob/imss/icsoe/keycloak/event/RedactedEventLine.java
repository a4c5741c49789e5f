package mx.gob.imss.icsoe.keycloak.event;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BinaryOperator;

import org.keycloak.events.Details;
import org.keycloak.events.Event;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.AuthDetails;

import mx.gob.imss.icsoe.keycloak.IcsoeEventDetails;

/**
 * One log line per Keycloak event, in the shape of Keycloak's {@code jboss-logging} listener
 * ({@code type="LOGIN_ERROR", realmId="…", …}) but with personal data replaced by keyed hashes:
 * only event details known to carry no personal data are written as they are ({@link #PLAIN_DETAILS});
 * every other detail (username — the CURP —, email, names, identity-provider identities, X.509
 * names, …) becomes {@code #} plus a keyed hash, so repeated attempts can still be correlated. Values
 * are quoted with control characters and quotes escaped, so a typed value can never forge a line.
 * Admin events never include their representation.
 */
final class RedactedEventLine {

    /** Keycloak and ICSOE detail keys whose values are ids, codes or settings, never personal data. */
    static final Set<String> PLAIN_DETAILS = Set.of(
            Details.ACCESS_TOKEN_EXPIRATION_TIME, Details.ACTION, Details.AGE_OF_REFRESH_TOKEN,
            Details.AUDIENCE, Details.AUTH_METHOD, Details.AUTH_TYPE, Details.AUTHENTICATION_ERROR_DETAIL,
            Details.CLIENT_AUTH_METHOD, Details.CLIENT_POLICY_ERROR, Details.CLIENT_POLICY_ERROR_DETAIL,
            Details.CLIENT_REGISTRATION_POLICY, Details.CODE_ID, Details.CONSENT, Details.CONTEXT,
            Details.CREDENTIAL_ID, Details.CREDENTIAL_TYPE, Details.CUSTOM_REQUIRED_ACTION,
            Details.FIELDS_TO_UPDATE, Details.GRANT_TYPE, Details.GRANTED_CLIENT, Details.IDENTITY_PROVIDER,
            Details.INVALID_USER_SESSION_REMEMBER_ME_REASON, Details.LOGIN_RETRY,
            Details.LOGOUT_TRIGGERED_BY_ACTION_TOKEN, Details.LOGOUT_TRIGGERED_BY_REQUIRED_ACTION,
            Details.NODE_HOST, Details.NOT_BEFORE, Details.NUM_FAILURES, Details.ORG_ID, Details.REASON,
            Details.REDIRECT_URI, Details.REDIRECTED_TO_CLIENT, Details.REFRESH_TOKEN_ID,
            Details.REFRESH_TOKEN_SUB, Details.REFRESH_TOKEN_TYPE, Details.REGISTER_METHOD,
            Details.REMEMBER_ME, Details.RESPONSE_MODE, Details.RESPONSE_TYPE, Details.RESTART_AFTER_TIMEOUT,
            Details.REVOKED_CLIENT, Details.SCOPE, Details.SELECTED_CREDENTIAL_ID,
            Details.SIGNATURE_ALGORITHM, Details.SIGNATURE_REQUIRED, Details.TOKEN_ID,
            Details.TOKEN_ISSUED_FOR, Details.TOKEN_TYPE, Details.UPDATED_REFRESH_TOKEN_ID,
            Details.USER_SESSION_EXPIRED_REASON,
            // this jar's reset-step details: an outcome word and a subject that is already a keyed hash
            IcsoeEventDetails.OUTCOME, IcsoeEventDetails.SUBJECT);

    private RedactedEventLine() {
    }

    /** {@code hash} is (kind, value) to a keyed hash, e.g. {@code SubjectHasher::hash}. */
    static String of(Event event, BinaryOperator<String> hash) {
        return of(event, hash, null);
    }

    /** With the sign-in {@code method} ({@link SignInMethod}) after the client address, when there is one. */
    static String of(Event event, BinaryOperator<String> hash, String method) {
        StringBuilder line = new StringBuilder(256);
        field(line, "type", event.getType() == null ? null : event.getType().name());
        field(line, "realmId", event.getRealmId());
        field(line, "realmName", event.getRealmName());
        field(line, "clientId", event.getClientId());
        field(line, "userId", event.getUserId());
        field(line, "sessionId", event.getSessionId());
        field(line, "ipAddress", event.getIpAddress());
        field(line, "method", method);
        field(line, "error", event.getError());
        details(line, event.getDetails(), hash);
        return line.toString();
    }

    static String of(AdminEvent event, BinaryOperator<String> hash) {
        StringBuilder line = new StringBuilder(256);
        field(line, "operationType", event.getOperationType() == null ? null : event.getOperationType().name());
        field(line, "realmId", event.getRealmId());
        field(line, "realmName", event.getRealmName());
        AuthDetails auth = event.getAuthDetails();
        if (auth != null) {
            field(line, "clientId", auth.getClientId());
            field(line, "userId", auth.getUserId());
            field(line, "ipAddress", auth.getIpAddress());
        }
        field(line, "resourceType", event.getResourceTypeAsString());
        field(line, "resourcePath", event.getResourcePath());
        field(line, "error", event.getError());
        details(line, event.getDetails(), hash);
        return line.toString();
    }

    private static void details(StringBuilder line, Map<String, String> details, BinaryOperator<String> hash) {
        if (details == null) {
            return;
        }
        details.forEach((key, value) -> {
            if (value == null || PLAIN_DETAILS.contains(key)) {
                field(line, key, value);
            } else {
                field(line, key, "#" + hash.apply(key, value.strip().toLowerCase(Locale.ROOT)));
            }
        });
    }

    private static void field(StringBuilder line, String name, String value) {
        if (value == null) {
            return;
        }
        if (!line.isEmpty()) {
            line.append(", ");
        }
        line.append(safeName(name)).append("=\"");
        escape(line, value);
        line.append('"');
    }

    /** Detail keys come from code, but a custom authenticator could put anything there. */
    private static String safeName(String name) {
        StringBuilder safe = new StringBuilder(name.length());
        name.codePoints().forEach(c -> safe.appendCodePoint(
                (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.' ? c : '_'));
        return safe.toString();
    }

    private static void escape(StringBuilder line, String value) {
        value.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> line.append("\\\"");
                case '\\' -> line.append("\\\\");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || Character.getType(c) == Character.LINE_SEPARATOR
                            || Character.getType(c) == Character.PARAGRAPH_SEPARATOR) {
                        line.append(String.format("\\u%04x", c));
                    } else {
                        line.appendCodePoint(c);
                    }
                }
            }
        });
    }
}
