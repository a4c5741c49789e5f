package mx.gob.imss.icsoe.keycloak.resetcred;

import java.util.function.Function;

import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.actiontoken.DefaultActionToken;
import org.keycloak.authentication.actiontoken.resetcred.ResetCredentialsActionToken;
import org.keycloak.authentication.authenticators.resetcred.ResetCredentialEmail;
import org.keycloak.models.Constants;
import org.keycloak.models.DefaultActionTokenKey;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.representations.JsonWebToken;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Recognises the second leg of the flow: the person opened the emailed link, Keycloak's action-token
 * endpoint verified it and restarted this flow. An authentication-session note alone proves nothing
 * (CVE-2026-18963 let a planted note skip the email), so the token itself, which Keycloak keeps in
 * the session as note {@value #TOKEN_NOTE}, is verified again here against the realm's keys: type,
 * expiry, subject. A link that is not the user's latest ({@link LatestLink}: a newer one was issued)
 * or was issued before the user's password last changed (a newer reset has completed) is refused,
 * even if it was never used.
 */
final class ResetLinkCheck {

    private static final Logger LOG = Logger.getLogger(ResetLinkCheck.class);

    /** Note where Keycloak's {@code LoginActionsService} keeps the action token being handled. */
    static final String TOKEN_NOTE = Constants.KEY;

    enum State { NONE, VALID, SUPERSEDED }

    record Result(State state, UserModel user) {
        static final Result NONE = new Result(State.NONE, null);
    }

    private ResetLinkCheck() {
    }

    static Result of(AuthenticationFlowContext context) {
        return of(context, user -> ResetCredentialEmail.getLastChangedTimestamp(context.getSession(), context.getRealm(), user),
                new LatestLink(context.getSession().singleUseObjects()));
    }

    /**
     * As {@link #of(AuthenticationFlowContext)}, with the user's last password change (millis or null)
     * from {@code passwordChangedAt} and the latest issued links from {@code latest}.
     */
    static Result of(AuthenticationFlowContext context, Function<UserModel, Long> passwordChangedAt, LatestLink latest) {
        return of(context.getSession(), context.getRealm(), context.getAuthenticationSession(), passwordChangedAt, latest, true);
    }

    /**
     * The link whose notes {@code authSession} carries: {@link State#NONE} without notes, or with notes
     * that carry no reset token of a still enabled user (and no unexpired one, when {@code whenOpened});
     * {@link State#SUPERSEDED} when it is not the user's latest link, was issued before the password
     * last changed, or was sent to an email the user no longer has.
     */
    static Result of(KeycloakSession session, RealmModel realm, AuthenticationSessionModel authSession,
            Function<UserModel, Long> passwordChangedAt, LatestLink latest, boolean whenOpened) {
        String noteUserId = authSession.getAuthNote(DefaultActionTokenKey.ACTION_TOKEN_USER_ID);
        String rawToken = authSession.getAuthNote(TOKEN_NOTE);
        if (noteUserId == null || rawToken == null) {
            return Result.NONE;
        }
        JsonWebToken token = session.tokens().decode(rawToken, JsonWebToken.class);
        if (token == null || !ResetCredentialsActionToken.TOKEN_TYPE.equals(token.getType())
                || !noteUserId.equals(token.getSubject()) || (whenOpened && !token.isActive())) {
            LOG.warnf("Ignoring action-token notes that do not carry a valid reset token (realm %s)", realm.getName());
            return Result.NONE;
        }
        UserModel user = session.users().getUserById(realm, noteUserId);
        if (user == null || !user.isEnabled()) {
            return Result.NONE;
        }
        if (!latest.isLatest(user.getId(), token.getId()) || supersededBy(passwordChangedAt.apply(user), token.getIat())
                || !sameEmail(token.getOtherClaims().get(DefaultActionToken.JSON_FIELD_EMAIL), user.getEmail())) {
            return new Result(State.SUPERSEDED, user);
        }
        return new Result(State.VALID, user);
    }

    /** A link names the email it was sent to; a link without one (not ours) is not judged by it. */
    static boolean sameEmail(Object linkEmail, String userEmail) {
        return linkEmail == null || (userEmail != null && userEmail.equalsIgnoreCase(linkEmail.toString()));
    }

    /** The realm's lifespan of reset links, in seconds. */
    static int validitySeconds(RealmModel realm) {
        return realm.getActionTokenGeneratedByUserLifespan(ResetCredentialsActionToken.TOKEN_TYPE);
    }

    /**
     * Whether a password set at {@code passwordCreatedMillis} is newer than a link issued at
     * {@code issuedAtSeconds}: the link predates the last completed change. A change within the
     * second the link was issued counts as older (iat has whole seconds only).
     */
    static boolean supersededBy(Long passwordCreatedMillis, Long issuedAtSeconds) {
        if (passwordCreatedMillis == null) {
            return false;
        }
        if (issuedAtSeconds == null) {
            return true;
        }
        return passwordCreatedMillis >= (issuedAtSeconds + 1) * 1000L;
    }
}
