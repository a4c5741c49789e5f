package mx.gob.imss.icsoe.keycloak.event;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * {@code users/{id}/reset-password}.</li>
 * </ul>
 * Failed attempts come as {@code *_ERROR} types or carry an error, and are never a change.
 */
final class PasswordChange {

    private static final Pattern ADMIN_RESET_PATH = Pattern.compile("users/([^/]+)/reset-password");

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
        if (event == null || event.getOperationType() != OperationType.ACTION || event.getError() != null
                || !ResourceType.USER.name().equals(event.getResourceTypeAsString())
                || event.getResourcePath() == null) {
            return Optional.empty();
        }
        Matcher path = ADMIN_RESET_PATH.matcher(event.getResourcePath());
        return path.matches() ? Optional.of(path.group(1)) : Optional.empty();
    }
}
