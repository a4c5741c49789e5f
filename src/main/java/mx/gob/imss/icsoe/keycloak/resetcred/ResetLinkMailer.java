package mx.gob.imss.icsoe.keycloak.resetcred;

import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.actiontoken.resetcred.ResetCredentialsActionToken;
import org.keycloak.common.util.Time;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.executors.ExecutorsProvider;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.sessions.AuthenticationSessionCompoundId;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Issues Keycloak's own reset-credentials action token and has Keycloak's email template provider
 * send it, off the request thread: the HTTP answer must not wait for SMTP, or its duration would
 * tell whether a CURP and email matched. The token is still created and signed on the request thread
 * for matches and non-matches alike ({@link #signDecoy}), so that work costs the same on both paths.
 */
final class ResetLinkMailer {

    private static final Logger LOG = Logger.getLogger(ResetLinkMailer.class);

    /** Name of the Keycloak-managed executor the sends run on. */
    static final String EXECUTOR = "icsoe-reset-email";
    static final String DETAIL_OUTCOME = "icsoe_outcome";
    static final String DETAIL_SUBJECT = "icsoe_subject";

    private ResetLinkMailer() {
    }

    /** A signed link to the action-token endpoint for {@code user}, valid for the realm's lifespan. */
    static String signLink(AuthenticationFlowContext context, UserModel user) {
        return context.getActionTokenUrl(sign(context, user.getId(), user.getEmail())).toString();
    }

    /** Same work as {@link #signLink} for a user that does not exist; the result is dropped. */
    static void signDecoy(AuthenticationFlowContext context) {
        context.getActionTokenUrl(sign(context, UUID.randomUUID().toString(), "decoy@invalid.invalid"));
    }

    private static String sign(AuthenticationFlowContext context, String userId, String email) {
        RealmModel realm = context.getRealm();
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        int validity = validitySeconds(realm);
        ResetCredentialsActionToken token = new ResetCredentialsActionToken(userId, email,
                Time.currentTime() + validity,
                AuthenticationSessionCompoundId.fromAuthSession(authSession).getEncodedId(),
                authSession.getClient().getClientId());
        token.issuedNow();
        return token.serialize(context.getSession(), realm, context.getUriInfo());
    }

    static int validitySeconds(RealmModel realm) {
        return realm.getActionTokenGeneratedByUserLifespan(ResetCredentialsActionToken.TOKEN_TYPE);
    }

    /**
     * Queues the email once the request's transaction has committed; the send runs in its own
     * Keycloak session and transaction on a Keycloak-managed executor, and reports its outcome as an
     * event ({@code SEND_RESET_PASSWORD} success, or {@code SEND_RESET_PASSWORD_ERROR} / {@code email_send_failed}).
     */
    static void sendAfterCommit(KeycloakSession session, RealmModel realm, UserModel user, String link,
                                String clientId, String ipAddress, String subjectHash) {
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        ExecutorService executor = session.getProvider(ExecutorsProvider.class).getExecutor(EXECUTOR);
        Delivery delivery = new Delivery(realm.getId(), user.getId(), user.getEmail(), link,
                TimeUnit.SECONDS.toMinutes(validitySeconds(realm)), clientId, ipAddress, subjectHash);
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                try {
                    executor.execute(() -> KeycloakModelUtils.runJobInTransaction(factory, delivery::send));
                } catch (RejectedExecutionException e) {
                    LOG.warnf("Reset email for subject %s not queued: executor rejected it", subjectHash);
                }
            }

            @Override
            protected void rollbackImpl() {
                LOG.debugf("Reset email for subject %s dropped: the request rolled back", subjectHash);
            }
        });
    }

    /** What the background send needs; ids only, the models are re-read in the new session. */
    private record Delivery(String realmId, String userId, String email, String link, long minutes,
                            String clientId, String ipAddress, String subjectHash) {

        void send(KeycloakSession session) {
            RealmModel realm = session.realms().getRealm(realmId);
            if (realm == null) {
                return;
            }
            session.getContext().setRealm(realm);
            EventBuilder event = new EventBuilder(realm, session).event(EventType.SEND_RESET_PASSWORD)
                    .user(userId).client(clientId).ipAddress(ipAddress).detail(DETAIL_SUBJECT, subjectHash);
            UserModel user = session.users().getUserById(realm, userId);
            if (user == null || !user.isEnabled() || user.getEmail() == null || !user.getEmail().equalsIgnoreCase(email)) {
                event.detail(DETAIL_OUTCOME, "user_changed").error(Errors.USER_NOT_FOUND);
                return;
            }
            try {
                session.getProvider(EmailTemplateProvider.class).setRealm(realm).setUser(user)
                        .sendPasswordReset(link, minutes);
                event.detail(DETAIL_OUTCOME, "sent").success();
                LOG.debugf("Reset email sent for subject %s", subjectHash);
            } catch (EmailException | RuntimeException e) {
                event.detail(DETAIL_OUTCOME, "send_failed").detail(Details.REASON, e.getClass().getSimpleName())
                        .error(Errors.EMAIL_SEND_FAILED);
                LOG.warnf("Reset email for subject %s could not be sent (%s)", subjectHash, e.getClass().getSimpleName());
            }
        }
    }
}
