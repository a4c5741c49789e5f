package mx.gob.imss.icsoe.keycloak.passwordupdated;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.keycloak.events.Details;
import org.keycloak.events.Event;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.credential.PasswordCredentialModel;

/**
 * Which events are a successful password change, and whose. Exactly one event per change is
 * recognised:
 * <ul>
 * <li>the update-password required action (reset-credentials flow, account console's
 * {@code kc_action=UPDATE_PASSWORD}, execute-actions email) fires, since Keycloak 26.0, both
 * {@code UPDATE_PASSWORD} (deprecated) and {@code UPDATE_CREDENTIAL} with
 * {@code credential_type=password}: only the latter is taken;</li>
 * <li>an administrator's reset ({@code PUT /admin/realms/{realm}/users/{id}/reset-password}) fires
 * no user event, only an admin event: {@code ACTION} on a {@code USER} at
 * {@code users/{id}/reset-password};</li>
 * <li>an administrator's user update with a {@code credentials} array ({@code PUT …/users/{id}})
 * fires no user event either, only {@code UPDATE} on a {@code USER} at {@code users/{id}}, the same
 * event as any other edit of the user. Its representation cannot tell them apart: Keycloak strips
 * {@code credentials} from it ({@code StripSecretsUtils}). What tells them apart is the stored
 * password: any credential with a value makes Keycloak replace the password, and a replaced password
 * is a new credential created at that moment. So the update is a change only when the user's password
 * credential was created at or after {@code since} (the start of the request: when its listener was
 * created, before the resource method ran), see {@link #passwordSetSince}.</li>
 * </ul>
 * Failed attempts come as {@code *_ERROR} types or carry an error, and are never a change.
 */
final class PasswordChange {

    private static final Pattern ADMIN_RESET_PATH = Pattern.compile("users/([^/]+)/reset-password");
    private static final Pattern ADMIN_USER_PATH = Pattern.compile("users/([^/]+)");

    private PasswordChange() {
    }

    /** @return the user whose password this user event changed, if it is such an event */
    static Optional<String> userOf(Event event) {
        if (event == null || event.getType() != EventType.UPDATE_CREDENTIAL || event.getError() != null
                || event.getDetails() == null
                || !PasswordCredentialModel.TYPE.equals(event.getDetails().get(Details.CREDENTIAL_TYPE))) {
            return Optional.empty();
        }
        return Optional.ofNullable(event.getUserId());
    }

    /** @return the user whose password this admin event reset, if it is such an event */
    static Optional<String> userOf(AdminEvent event) {
        return userAt(event, OperationType.ACTION, ADMIN_RESET_PATH);
    }

    /**
     * @return the user an administrator updated ({@code PUT …/users/{id}}), if it is such an event: a
     *     password change only when {@link #passwordSetSince} also holds
     */
    static Optional<String> updatedUserOf(AdminEvent event) {
        return userAt(event, OperationType.UPDATE, ADMIN_USER_PATH);
    }

    /**
     * @param passwordsCreated the creation times (epoch ms, Keycloak's clock) of the user's stored
     *     password credentials; null entries are ignored
     * @return true when one of them was created at or after {@code since}: the password was set since
     */
    static boolean passwordSetSince(Stream<Long> passwordsCreated, long since) {
        return passwordsCreated.anyMatch(created -> created != null && created >= since);
    }

    private static Optional<String> userAt(AdminEvent event, OperationType operation, Pattern pattern) {
        if (event == null || event.getOperationType() != operation || event.getError() != null
                || !ResourceType.USER.name().equals(event.getResourceTypeAsString())
                || event.getResourcePath() == null) {
            return Optional.empty();
        }
        Matcher path = pattern.matcher(event.getResourcePath());
        return path.matches() ? Optional.of(path.group(1)) : Optional.empty();
    }
}
