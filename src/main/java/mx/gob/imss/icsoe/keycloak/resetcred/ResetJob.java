package mx.gob.imss.icsoe.keycloak.resetcred;

import java.net.URI;

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
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.services.Urls;
import org.keycloak.sessions.AuthenticationSessionCompoundId;
import org.keycloak.sessions.AuthenticationSessionModel;

import mx.gob.imss.icsoe.keycloak.event.IcsoeEventDetails;
import mx.gob.imss.icsoe.keycloak.mail.MailJob;
import mx.gob.imss.icsoe.keycloak.metrics.IcsoeMetrics;
import mx.gob.imss.icsoe.keycloak.metrics.IcsoeMetrics.Email;
import mx.gob.imss.icsoe.keycloak.metrics.IcsoeMetrics.MailResult;
import mx.gob.imss.icsoe.keycloak.metrics.IcsoeMetrics.ResetOutcome;

/**
 * Everything a well-formed reset request leads to, done in the background so the request thread
 * does the same work whoever asks: look the CURP up, match the email, take the per-user slot, sign
 * Keycloak's reset action token, make it the user's only valid link (committed at once, in a
 * transaction of its own), and send it. Every outcome is one {@code SEND_RESET_PASSWORD} event
 * and one count of {@link IcsoeMetrics#RESET_REQUESTS}: an outcome of {@link #run} counts once the
 * job's transaction has committed, so a job whose commit fails counts only as {@code failed}. Only
 * values cross the thread boundary; the models are read in the job's own session.
 *
 * @param realmName    the realm's name when the request came: the meters' realm tag, also when the
 *                     realm can no longer be read
 * @param linkTemplate the request's action-token URL (base URI, execution, client, tab) with
 *                     {@link #TOKEN_PLACEHOLDER} where the token goes
 * @param requestedAt  Keycloak time (seconds) of the request; the link expires a lifespan after it
 */
record ResetJob(String realmId, String realmName, String clientId, String ipAddress, String subjectHash, String username,
                String typedEmail, String userSlotKey, ResetThrottleConfig limits, URI baseUri,
                String authSessionId, String linkTemplate, int requestedAt) implements MailJob {

    private static final Logger LOG = Logger.getLogger(ResetJob.class);

    /** URL-safe, so the URL builder leaves it as it is; replaced by the signed token. */
    static final String TOKEN_PLACEHOLDER = "ICSOE-RESET-TOKEN";

    static final String EVENT_THROTTLED_USER = "icsoe_throttled_user";
    static final String EVENT_LINK_STALE = "icsoe_reset_link_stale";
    static final String EVENT_JOB_FAILED = "icsoe_reset_job_failed";
    static final String EVENT_QUEUE_FULL = "icsoe_mail_queue_full";

    /** Captures what the job needs from the request; the same work for every well-formed request. */
    static ResetJob capture(AuthenticationFlowContext context, ResetRequest request, String subjectHash,
                            String userSlotKey, ResetThrottleConfig limits) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        return new ResetJob(context.getRealm().getId(), context.getRealm().getName(), authSession.getClient().getClientId(),
                context.getConnection().getRemoteAddr(), subjectHash, request.curp().username(), request.email(),
                userSlotKey, limits, context.getUriInfo().getBaseUri(),
                AuthenticationSessionCompoundId.fromAuthSession(authSession).getEncodedId(),
                context.getActionTokenUrl(TOKEN_PLACEHOLDER).toString(), Time.currentTime());
    }

    @Override
    public void run(KeycloakSession session) {
        RealmModel realm = realmIn(session);
        if (realm == null) {
            count(session, ResetOutcome.FAILED);
            return;
        }
        EventBuilder event = event(session, realm);
        UserModel user = session.users().getUserByUsername(realm, username);
        if (user != null) {
            event.user(user.getId());
        }
        ResetMatch match = ResetMatch.of(user != null, user != null && user.isEnabled(),
                user == null ? null : user.getEmail(), typedEmail);
        if (match != ResetMatch.MATCH) {
            event.detail(IcsoeEventDetails.OUTCOME, "no_match").error(match.eventError());
            count(session, ResetOutcome.NO_MATCH);
            return;
        }
        int lifespan = ResetLinkCheck.validitySeconds(realm);
        int expires = requestedAt + lifespan;
        int left = expires - Time.currentTime();
        if (tooLittleLeft(left, lifespan)) {
            event.detail(IcsoeEventDetails.OUTCOME, "stale").error(EVENT_LINK_STALE);
            count(session, ResetOutcome.STALE);
            return;
        }
        SlotThrottle throttle = new SlotThrottle(session.singleUseObjects());
        if (!throttle.tryAcquire(userSlotKey, limits.emailsPerUser(), limits.userWindow())) {
            event.detail(IcsoeEventDetails.OUTCOME, "throttled").error(EVENT_THROTTLED_USER);
            count(session, ResetOutcome.THROTTLED_USER);
            return;
        }
        ResetCredentialsActionToken token = new ResetCredentialsActionToken(user.getId(), user.getEmail(), expires,
                authSessionId, clientId);
        String link = linkTemplate.replace(TOKEN_PLACEHOLDER, sign(session, realm, token));
        // Committed before the email goes. The single-use store writes on commit, and this job commits
        // only after the mail server has answered; a person who opened the link in between (a load run
        // did) found no record, and the link was refused as superseded.
        String userId = user.getId();
        KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(),
                own -> new LatestLink(own.singleUseObjects()).issued(userId, token.getId(), left));
        count(session, ResetOutcome.QUEUED);
        IcsoeMetrics.global().mail(Email.RESET_LINK, MailResult.QUEUED);
        try {
            session.getProvider(EmailTemplateProvider.class).setRealm(realm).setUser(user)
                    .sendPasswordReset(link, Math.max(1, left / 60));
            IcsoeMetrics.global().mail(Email.RESET_LINK, MailResult.SENT);
            event.detail(IcsoeEventDetails.OUTCOME, "sent").success();
        } catch (EmailException e) {
            IcsoeMetrics.global().mail(Email.RESET_LINK, MailResult.FAILED);
            event.detail(IcsoeEventDetails.OUTCOME, "send_failed").detail(Details.REASON, e.getClass().getSimpleName())
                    .error(Errors.EMAIL_SEND_FAILED);
        }
    }

    @Override
    public void failed(KeycloakSession session, RuntimeException cause) {
        IcsoeMetrics.global().resetRequest(realmName, ResetOutcome.FAILED);
        RealmModel realm = realmIn(session);
        if (realm != null) {
            event(session, realm).detail(IcsoeEventDetails.OUTCOME, "failed").detail(Details.REASON, cause.getClass().getName())
                    .error(EVENT_JOB_FAILED);
        }
    }

    @Override
    public void refused(KeycloakSession session) {
        IcsoeMetrics.global().resetRequest(realmName, ResetOutcome.QUEUE_FULL);
        IcsoeMetrics.global().mail(Email.RESET_LINK, MailResult.REFUSED);
        RealmModel realm = realmIn(session);
        if (realm != null) {
            event(session, realm).detail(IcsoeEventDetails.OUTCOME, "queue_full").error(EVENT_QUEUE_FULL);
        }
    }

    /** Counts {@code outcome} once the job's transaction commits; on rollback {@link #failed} counts instead. */
    private void count(KeycloakSession session, ResetOutcome outcome) {
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                IcsoeMetrics.global().resetRequest(realmName, outcome);
            }

            @Override
            protected void rollbackImpl() {
                // the job failed: failed(...) counts it
            }
        });
    }

    /**
     * A link delayed in the queue past half its lifespan is not sent: the person would get a link
     * about to expire, and a fresh request costs them less than a dead link.
     */
    static boolean tooLittleLeft(int secondsLeft, int lifespan) {
        return secondsLeft * 2L < lifespan;
    }

    /**
     * Signs as {@code DefaultActionToken.serialize} does (nonce as id, now as iat, the realm's issuer
     * as issuer and audience), from the request's base URI instead of a live request.
     */
    private String sign(KeycloakSession session, RealmModel realm, ResetCredentialsActionToken token) {
        String issuer = Urls.realmIssuer(baseUri, realm.getName());
        token.id(token.getActionVerificationNonce().toString());
        token.iat((long) Time.currentTime());
        token.issuer(issuer);
        token.audience(issuer);
        return session.tokens().encode(token);
    }

    private RealmModel realmIn(KeycloakSession session) {
        RealmModel realm = session.realms().getRealm(realmId);
        if (realm == null) {
            LOG.debugf("Realm %s gone before its reset job ran", realmId);
            return null;
        }
        session.getContext().setRealm(realm);
        return realm;
    }

    private EventBuilder event(KeycloakSession session, RealmModel realm) {
        return new EventBuilder(realm, session).event(EventType.SEND_RESET_PASSWORD).client(clientId)
                .ipAddress(ipAddress).detail(IcsoeEventDetails.SUBJECT, subjectHash);
    }

    /** Never the typed email or the CURP: a job may end up in a log line or a heap dump summary. */
    @Override
    public String toString() {
        return "ResetJob[subject=" + subjectHash + ']';
    }
}
