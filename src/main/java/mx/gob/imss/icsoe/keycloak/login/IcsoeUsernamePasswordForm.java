package mx.gob.imss.icsoe.keycloak.login;

import jakarta.ws.rs.core.MultivaluedMap;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.browser.UsernamePasswordForm;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.validation.Validation;

/**
 * Keycloak's username-and-password form, with the same work for every well-formed sign-in whether
 * the account exists or not (Keycloak #51887). The stock form pays a dummy hash for an unknown
 * username, but returns without any hash for an existing one in two cases, so one request told who
 * is registered: an empty password (17 ms against 61 ms, measured) and a user held by brute-force
 * protection (12 ms against 52 ms). Here an empty password is refused before the username is looked
 * up, and a held user pays the dummy hash an unknown one pays. The pages and messages stay Keycloak's
 * (the same text for an unknown, a wrong and a held account).
 */
public class IcsoeUsernamePasswordForm extends UsernamePasswordForm {

    public IcsoeUsernamePasswordForm(KeycloakSession session) {
        super(session);
    }

    @Override
    public boolean validateUserAndPassword(AuthenticationFlowContext context, MultivaluedMap<String, String> inputData) {
        String username = inputData.getFirst(AuthenticationManager.FORM_USERNAME);
        if (isEmpty(inputData.getFirst(CredentialRepresentation.PASSWORD)) && username != null && !username.isBlank()
                && !isUserAlreadySetBeforeUsernamePasswordAuth(context)) {
            refuseEmptyPassword(context, username.trim());
            return false;
        }
        return super.validateUserAndPassword(context, inputData);
    }

    @Override
    public boolean validatePassword(AuthenticationFlowContext context, UserModel user, MultivaluedMap<String, String> inputData,
            boolean clearUser) {
        if (!isEmpty(inputData.getFirst(CredentialRepresentation.PASSWORD))
                && AuthenticatorUtils.getDisabledByBruteForceEventError(context, user) != null) {
            // the refusal below skips the password check: pay what an unknown username pays
            AuthenticatorUtils.dummyHash(context);
        }
        return super.validatePassword(context, user, inputData, clearUser);
    }

    /** As Keycloak answers an empty password, without the look-up that made it faster for an existing account. */
    private void refuseEmptyPassword(AuthenticationFlowContext context, String username) {
        context.clearUser();
        context.getEvent().detail(Details.USERNAME, username);
        context.getAuthenticationSession().setAuthNote(ATTEMPTED_USERNAME, username);
        context.getEvent().error(Errors.INVALID_USER_CREDENTIALS);
        context.forceChallenge(challenge(context, getDefaultChallengeMessage(context), Validation.FIELD_PASSWORD));
    }

    private static boolean isEmpty(String value) {
        return value == null || value.isEmpty();
    }
}
