package mx.gob.imss.icsoe.keycloak.resetcred;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.actiontoken.resetcred.ResetCredentialsActionToken;
import org.keycloak.common.util.Time;
import org.keycloak.email.EmailException;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.DefaultActionTokenKey;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.services.Urls;
import org.keycloak.sessions.AuthenticationSessionCompoundId;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.util.JsonSerialization;

import mx.gob.imss.icsoe.keycloak.IcsoeEventDetails;
import mx.gob.imss.icsoe.keycloak.mail.EmailRendering;
import mx.gob.imss.icsoe.keycloak.mail.MailKind;
import mx.gob.imss.icsoe.keycloak.mail.Outbox;
import mx.gob.imss.icsoe.keycloak.mail.OutboxEntry;
import mx.gob.imss.icsoe.keycloak.metrics.IcsoeMetrics;
import mx.gob.imss.icsoe.keycloak.metrics.IcsoeMetrics.Email;
import mx.gob.imss.icsoe.keycloak.metrics.IcsoeMetrics.MailResult;
import mx.gob.imss.icsoe.keycloak.privacy.RealmSeal;
import mx.gob.imss.icsoe.keycloak.privacy.RealmSecrets;
import mx.gob.imss.icsoe.keycloak.privacy.SubjectHasher;

/**
 * A reset request as an outbox row ({@value #KIND}). The request thread only writes the row
 * ({@link #add}): the same work for every well-formed request. The first attempt, on a mail thread,
 * looks the CURP up, matches the email, takes the per-user slot and fixes the link (making it the
 * user's only valid one, committed at once); every attempt then renders and sends that same link.
 * Each request ends in one count of {@link IcsoeMetrics#RESET_REQUESTS} ({@code queued} when the
 * link is fixed) and one {@code SEND_RESET_PASSWORD} event: its outcome for a request that sends
 * nothing, or, for a matched one, when its email is sent or given up. Models are read in the attempt's own session; only
 * values come from the row.
 */
final class ResetMail implements MailKind {

    private static final Logger LOG = Logger.getLogger(ResetMail.class);

    static final String KIND = "RESET_LINK";
    /** URL-safe, so the URL builder leaves it as it is; replaced by the signed token. */
    static final String TOKEN_PLACEHOLDER = "ICSOE-RESET-TOKEN";

    /** A matched link given up for time or attempts: the same words as a request never looked at ({@link ResetOutcome#STALE}). */
    static final String EVENT_ABANDONED = ResetOutcome.STALE.eventError();

    @Override
    public String id() {
        return KIND;
    }

    /** Writes the row of a well-formed request within its address's limit, in the request's transaction. */
    static void add(AuthenticationFlowContext context, ResetRequest request, String subjectHash, RealmSecrets secrets,
                    ResetThrottleConfig limits) {
        KeycloakSession session = context.getSession();
        RealmModel realm = context.getRealm();
        SubjectHasher hasher = secrets.hasher();
        RealmSeal seal = secrets.seal();
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        String ip = context.getConnection().getRemoteAddr();
        ResetRow row = new ResetRow(realm.getName(), authSession.getClient().getClientId(), subjectHash, hasher.keyId(),
                seal.seal(request.curp().username()), seal.seal(ip == null ? "" : ip),
                hasher.hash("email", ResetMatch.normalise(request.email())), limits.emailsPerUser(),
                limits.userWindow().toSeconds(), context.getUriInfo().getBaseUri().toString(),
                AuthenticationSessionCompoundId.fromAuthSession(authSession).getEncodedId(),
                context.getActionTokenUrl(TOKEN_PLACEHOLDER).toString(), Time.currentTime(),
                ResetLinkCheck.validitySeconds(realm), null, null, null);
        Outbox.add(session, KIND, realm.getId(), row, row.notAfterMillis());
    }

    @Override
    public Preparation prepare(KeycloakSession session, OutboxEntry entry) {
        ResetRow row = Outbox.read(entry, ResetRow.class);
        RealmModel realm = Outbox.realmOf(session, entry);
        if (realm == null) {
            ResetOutcome.FAILED.record(row.realmName(), null, null, afterCommit(session));
            return Preparation.done();
        }
        RealmSecrets secrets = RealmSecrets.forKey(session, realm, row.keyId());
        SubjectHasher hasher = secrets.hasher();
        RealmSeal seal = secrets.seal();
        EventBuilder event = event(session, realm, row, seal);
        if (!row.matched()) {
            row = match(session, realm, row, hasher, event, seal);
            if (row == null) {
                return Preparation.done();
            }
            entry.setPayload(Outbox.json(row));
        }
        UserModel user = session.users().getUserById(realm, row.userId());
        if (user == null || !user.isEnabled() || !sameEmail(user, row, hasher)) {
            // gone, disabled or readdressed since the match: this link must not go
            event.user(row.userId()).detail(IcsoeEventDetails.OUTCOME, "no_match")
                    .error(user == null ? Errors.USER_NOT_FOUND : user.isEnabled() ? "icsoe_email_mismatch" : Errors.USER_DISABLED);
            IcsoeMetrics.global().mail(Email.RESET_LINK, MailResult.FAILED);
            return Preparation.done();
        }
        int left = row.expires() - Time.currentTime();
        String link = row.linkTemplate().replace(TOKEN_PLACEHOLDER, sign(session, realm, row, user));
        EmailRendering email = new EmailRendering(session);
        try {
            email.setRealm(realm).setUser(user).sendPasswordReset(link, minutesLeft(left));
        } catch (EmailException e) {
            throw new IllegalStateException("reset email not rendered", e);
        }
        return Preparation.send(email.rendered());
    }

    /**
     * The link's remaining life as the email states it: whole minutes to the nearest (a link
     * signed a second after a 15-minute request still "vence en 15 minutos"), never less than 1.
     */
    static int minutesLeft(int secondsLeft) {
        return Math.max(1, (secondsLeft + 30) / 60);
    }

    /** The first attempt's decision; the row once matched, or {@code null} when this request sends nothing. */
    private ResetRow match(KeycloakSession session, RealmModel realm, ResetRow row, SubjectHasher hasher, EventBuilder event,
                           RealmSeal seal) {
        UserModel user = session.users().getUserByUsername(realm, seal.open(row.sealedUsername()));
        if (user != null) {
            event.user(user.getId());
        }
        ResetMatch match = ResetMatch.of(user != null, user != null && user.isEnabled(),
                user == null ? null : user.getEmail(), registered -> sameEmail(registered, row, hasher));
        if (match != ResetMatch.MATCH) {
            ResetOutcome.NO_MATCH.record(row.realmName(), event, match.eventError(), afterCommit(session));
            return null;
        }
        SlotThrottle throttle = new SlotThrottle(session.singleUseObjects());
        if (!throttle.tryAcquire(IcsoeResetCredentialsAuthenticator.KEY_PREFIX + "u:" + row.subjectHash(),
                row.emailsPerUser(), java.time.Duration.ofSeconds(row.userWindowSeconds()))) {
            ResetOutcome.THROTTLED_USER.record(row.realmName(), event, null, afterCommit(session));
            return null;
        }
        String tokenId = UUID.randomUUID().toString();
        String userId = user.getId();
        int lifeLeft = row.expires() - Time.currentTime();
        // Committed before the email goes (the single-use store writes on commit): a person who opens
        // the link the moment it arrives must find it is the latest.
        KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(),
                own -> new LatestLink(own.singleUseObjects()).issued(userId, tokenId, Math.max(1, lifeLeft)));
        // its event comes with the email: sent, or given up
        ResetOutcome.QUEUED.record(row.realmName(), null, null, afterCommit(session));
        IcsoeMetrics.global().mail(Email.RESET_LINK, MailResult.QUEUED);
        return row.matched(userId, tokenId, Time.currentTime());
    }

    @Override
    public void sent(KeycloakSession session, OutboxEntry entry) {
        ResetRow row = Outbox.read(entry, ResetRow.class);
        IcsoeMetrics.global().mail(Email.RESET_LINK, MailResult.SENT);
        RealmModel realm = Outbox.realmOf(session, entry);
        if (realm != null) {
            event(session, realm, row, null).user(row.userId()).detail(IcsoeEventDetails.OUTCOME, "sent").success();
        }
    }

    @Override
    public void gaveUp(KeycloakSession session, OutboxEntry entry, GiveUp why, String reason) {
        ResetRow row = Outbox.read(entry, ResetRow.class);
        RealmModel realm = Outbox.realmOf(session, entry);
        EventBuilder event = realm == null ? null : event(session, realm, row, null).detail(Details.REASON, reason);
        if (!row.matched()) {
            // never looked at in time: its one outcome is this (only a matched row reaches the relay)
            ResetOutcome.STALE.record(row.realmName(), event, null, afterCommit(session));
            return;
        }
        IcsoeMetrics.global().mail(Email.RESET_LINK, MailResult.FAILED);
        if (event == null) {
            return;
        }
        event.user(row.userId());
        if (why == GiveUp.ABANDONED) {
            event.detail(IcsoeEventDetails.OUTCOME, ResetOutcome.STALE.detail()).error(EVENT_ABANDONED);
        } else {
            event.detail(IcsoeEventDetails.OUTCOME, "send_failed").error(Errors.EMAIL_SEND_FAILED);
        }
    }

    private static boolean sameEmail(UserModel user, ResetRow row, SubjectHasher hasher) {
        return user.getEmail() != null && sameEmail(user.getEmail(), row, hasher);
    }

    private static boolean sameEmail(String registered, ResetRow row, SubjectHasher hasher) {
        return hasher.hash("email", ResetMatch.normalise(registered)).equals(row.emailHash());
    }

    /**
     * The row's link, signed as {@code DefaultActionToken.serialize} does (nonce as id, the realm's
     * issuer as issuer and audience) from the request's base URI, with the nonce and issue time the
     * match fixed: every attempt signs the same token, so a copy resent after a cut carries the same link.
     */
    private static String sign(KeycloakSession session, RealmModel realm, ResetRow row, UserModel user) {
        ResetCredentialsActionToken fresh = new ResetCredentialsActionToken(row.userId(), user.getEmail(), row.expires(),
                row.authSessionId(), row.clientId());
        ResetCredentialsActionToken token;
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> claims = JsonSerialization.readValue(JsonSerialization.writeValueAsBytes(fresh), Map.class);
            claims.put(DefaultActionTokenKey.JSON_FIELD_ACTION_VERIFICATION_NONCE, row.tokenId());
            token = JsonSerialization.readValue(JsonSerialization.writeValueAsBytes(claims), ResetCredentialsActionToken.class);
        } catch (IOException e) {
            throw new IllegalStateException("reset token not built", e);
        }
        String issuer = Urls.realmIssuer(URI.create(row.baseUri()), realm.getName());
        token.id(row.tokenId());
        token.iat((long) row.issuedAt());
        token.issuer(issuer);
        token.audience(issuer);
        return session.tokens().encode(token);
    }

    /** The request's event; its client address is opened from the row when {@code seal} is given. */
    private static EventBuilder event(KeycloakSession session, RealmModel realm, ResetRow row, RealmSeal seal) {
        EventBuilder event = new EventBuilder(realm, session).event(EventType.SEND_RESET_PASSWORD).client(row.clientId())
                .detail(IcsoeEventDetails.SUBJECT, row.subjectHash());
        try {
            RealmSeal open = seal != null ? seal : RealmSecrets.forKey(session, realm, row.keyId()).seal();
            String ip = open.open(row.sealedIp());
            if (!ip.isEmpty()) {
                event.ipAddress(ip);
            }
        } catch (RuntimeException e) {
            LOG.debug("Reset row's client address not readable (realm key rotated out)");
        }
        return event;
    }

    /** Counting once the attempt's transaction commits (a rolled-back attempt counts when retried). */
    private static Consumer<Runnable> afterCommit(KeycloakSession session) {
        return count -> Outbox.afterCommit(session, count);
    }
}
