package mx.gob.imss.icsoe.keycloak.resetcred;

import jakarta.ws.rs.core.Response;

import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.actiontoken.resetcred.ResetCredentialsActionToken;
import org.keycloak.authentication.authenticators.resetcred.ResetCredentialEmail;
import org.keycloak.events.EventType;
import org.keycloak.jose.jws.JWSInput;
import org.keycloak.jose.jws.JWSInputException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.representations.JsonWebToken;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The checks of an opened reset link ({@link ResetLinkCheck}), made again when its "Guardar
 * contraseña" is submitted: a form left open in one browser must not override a newer reset completed
 * in another. The link must still be the user's latest and unused, the user enabled, the email the
 * link went to still hers, and the password unchanged since the link was issued. Its expiry is not
 * checked again: Keycloak's action tokens are checked when opened, as before.
 */
public final class ResetLinkSubmit {

    private ResetLinkSubmit() {
    }

    /** True when {@code context}'s session came through no reset link, or through one that still holds. */
    public static boolean stillValid(RequiredActionContext context) {
        KeycloakSession session = context.getSession();
        RealmModel realm = context.getRealm();
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        if (!isResetLink(authSession.getAuthNote(ResetLinkCheck.TOKEN_NOTE))) {
            // no link, or another action token (an administrator's "execute actions" email): not ours
            return true;
        }
        ResetLinkCheck.Result link = ResetLinkCheck.of(session, realm, authSession,
                user -> ResetCredentialEmail.getLastChangedTimestamp(session, realm, user),
                new LatestLink(session.singleUseObjects()), false);
        String usedKey = authSession.getAuthNote(AuthenticationManager.INVALIDATE_ACTION_TOKEN);
        boolean used = usedKey != null && session.singleUseObjects().contains(usedKey);
        return link.state() == ResetLinkCheck.State.VALID && !used && link.user().getId().equals(context.getUser().getId());
    }

    /** Whether {@code rawToken} claims to be a reset link; whether it still verifies is {@link ResetLinkCheck}'s question. */
    static boolean isResetLink(String rawToken) {
        if (rawToken == null) {
            return false;
        }
        try {
            return ResetCredentialsActionToken.TOKEN_TYPE.equals(new JWSInput(rawToken).readJsonContent(JsonWebToken.class).getType());
        } catch (JWSInputException e) {
            return true; // unreadable: let the full check refuse it
        }
    }

    /** Answers with the page of an outdated link ("Esta liga ya no es válida…") and records the refusal. */
    public static void refuse(RequiredActionContext context) {
        context.getEvent().clone().event(EventType.RESET_PASSWORD).user(context.getUser().getId())
                .error(IcsoeResetCredentialsAuthenticator.EVENT_LINK_SUPERSEDED);
        context.challenge(context.form().setError(IcsoeResetCredentialsAuthenticator.LINK_SUPERSEDED_MESSAGE)
                .createErrorPage(Response.Status.BAD_REQUEST));
    }
}
