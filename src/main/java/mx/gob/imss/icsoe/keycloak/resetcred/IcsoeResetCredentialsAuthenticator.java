package mx.gob.imss.icsoe.keycloak.resetcred;

import java.util.Map;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;

import mx.gob.imss.icsoe.keycloak.privacy.SubjectHasher;

/**
 * First step of the ICSOE reset-credentials flow, in place of Keycloak's "choose user".
 * <p>
 * First leg: asks for CURP and registered email. Malformed input gets the form again with field
 * errors. Well-formed input always gets the same confirmation page; only when the CURP (exact
 * username lookup) belongs to an enabled user whose email equals the typed one, and no throttle
 * limit is hit, is Keycloak's reset link emailed, in the background. The step never sets the user on
 * this leg, so Keycloak's "send reset email" step behind it never runs here.
 * <p>
 * Second leg (the emailed link, verified by Keycloak's action-token endpoint): the token is
 * re-verified and the user set, and Keycloak's "send reset email" (force-login) and "reset password"
 * steps follow.
 */
final class IcsoeResetCredentialsAuthenticator implements Authenticator {

    private static final Logger LOG = Logger.getLogger(IcsoeResetCredentialsAuthenticator.class);

    static final String FORM_TEMPLATE = "icsoe-reset-credentials.ftl";
    static final String SENT_TEMPLATE = "icsoe-reset-sent.ftl";
    static final String LINK_SUPERSEDED_MESSAGE = "icsoeResetLinkSupersededMessage";

    static final String KEY_PREFIX = "icsoe-reset:";
    static final String EVENT_INVALID_INPUT = "icsoe_invalid_input";
    static final String EVENT_THROTTLED_USER = "icsoe_throttled_user";
    static final String EVENT_THROTTLED_ADDRESS = "icsoe_throttled_address";
    static final String EVENT_LINK_SUPERSEDED = "icsoe_reset_link_superseded";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        ResetLinkCheck.Result link = ResetLinkCheck.of(context);
        switch (link.state()) {
            case VALID -> {
                context.setUser(link.user());
                context.success();
            }
            case SUPERSEDED -> {
                context.clearUser();
                context.getEvent().clone().event(EventType.RESET_PASSWORD).user(link.user().getId())
                        .error(EVENT_LINK_SUPERSEDED);
                context.challenge(context.form().setError(LINK_SUPERSEDED_MESSAGE)
                        .createErrorPage(Response.Status.BAD_REQUEST));
            }
            default -> {
                context.clearUser();
                context.challenge(context.form().createForm(FORM_TEMPLATE));
            }
        }
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        context.clearUser();
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        ResetRequest request = ResetRequest.parse(form.getFirst(ResetRequest.FIELD_USERNAME), form.getFirst(ResetRequest.FIELD_EMAIL));
        if (!request.valid()) {
            context.getEvent().clone().event(EventType.SEND_RESET_PASSWORD)
                    .detail(ResetLinkMailer.DETAIL_OUTCOME, String.join(",", request.fieldErrors().values()))
                    .error(EVENT_INVALID_INPUT);
            var page = context.form();
            request.fieldErrors().forEach((field, key) -> page.addError(new FormMessage(field, key)));
            context.challenge(page.createForm(FORM_TEMPLATE));
            return;
        }
        handle(context, request);
        context.challenge(context.form().createForm(SENT_TEMPLATE));
    }

    /** Everything between a well-formed request and the (always identical) confirmation page. */
    private void handle(AuthenticationFlowContext context, ResetRequest request) {
        KeycloakSession session = context.getSession();
        RealmModel realm = context.getRealm();
        ResetThrottleConfig limits = ResetThrottleConfig.from(configOf(context.getAuthenticatorConfig()));
        SubjectHasher hasher = SubjectHasher.forRealm(session, realm);
        SlotThrottle throttle = new SlotThrottle(slotStore(session.singleUseObjects()));
        String ip = context.getConnection().getRemoteAddr();
        String curpHash = hasher.hash("curp", request.curp().value());
        EventBuilder event = context.getEvent().clone().event(EventType.SEND_RESET_PASSWORD)
                .detail(ResetLinkMailer.DETAIL_SUBJECT, curpHash);

        if (!throttle.tryAcquire(KEY_PREFIX + "a:" + hasher.hash("ip", ip == null ? "" : ip),
                limits.requestsPerAddress(), limits.addressWindow())) {
            event.detail(ResetLinkMailer.DETAIL_OUTCOME, "throttled").error(EVENT_THROTTLED_ADDRESS);
            return;
        }

        UserModel user = session.users().getUserByUsername(realm, request.curp().username());
        ResetMatch match = ResetMatch.of(user != null, user != null && user.isEnabled(),
                user == null ? null : user.getEmail(), request.email());
        String userKey = KEY_PREFIX + "u:" + curpHash;
        if (match != ResetMatch.MATCH) {
            throttle.probe(userKey);
            ResetLinkMailer.signDecoy(context);
            if (user != null) {
                event.user(user.getId());
            }
            event.detail(ResetLinkMailer.DETAIL_OUTCOME, "no_match").error(match.eventError());
            return;
        }
        event.user(user.getId());
        if (!throttle.tryAcquire(userKey, limits.emailsPerUser(), limits.userWindow())) {
            ResetLinkMailer.signDecoy(context);
            event.detail(ResetLinkMailer.DETAIL_OUTCOME, "throttled").error(EVENT_THROTTLED_USER);
            return;
        }
        String link = ResetLinkMailer.signLink(context, user);
        ResetLinkMailer.sendAfterCommit(session, realm, user, link,
                context.getAuthenticationSession().getClient().getClientId(), ip, curpHash);
        event.detail(ResetLinkMailer.DETAIL_OUTCOME, "queued").success();
        LOG.debugf("Reset email queued for subject %s", curpHash);
    }

    private static Map<String, String> configOf(AuthenticatorConfigModel config) {
        return config == null ? null : config.getConfig();
    }

    static SlotStore slotStore(SingleUseObjectProvider store) {
        return new SlotStore() {
            @Override
            public boolean putIfAbsent(String key, long lifespanSeconds) {
                return store.putIfAbsent(key, lifespanSeconds);
            }

            @Override
            public boolean contains(String key) {
                return store.contains(key);
            }
        };
    }

    @Override
    public boolean requiresUser() {
        return false;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
        // nothing to set up
    }

    @Override
    public void close() {
        // stateless
    }
}
