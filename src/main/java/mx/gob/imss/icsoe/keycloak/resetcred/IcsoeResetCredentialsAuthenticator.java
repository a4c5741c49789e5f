package mx.gob.imss.icsoe.keycloak.resetcred;

import mx.gob.imss.icsoe.keycloak.OwnErrorPage;
import mx.gob.imss.icsoe.keycloak.UserlessStep;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.utils.FormMessage;

import mx.gob.imss.icsoe.keycloak.IcsoeEventDetails;
import mx.gob.imss.icsoe.keycloak.metrics.IcsoeMetrics;
import mx.gob.imss.icsoe.keycloak.privacy.RealmSecrets;
import mx.gob.imss.icsoe.keycloak.privacy.SubjectHasher;

/**
 * First step of the ICSOE reset-credentials flow, in place of Keycloak's "choose user".
 * <p>
 * First leg: asks for CURP and registered email. Every submission takes a slot of the client
 * address's limit. Malformed input gets the form again with field errors. Well-formed input always
 * gets the same confirmation page, and within the address's limit the request thread does nothing
 * more than write the request's row to the mail outbox ({@link ResetMail}), in its own transaction,
 * so it commits before the answer goes: the lookup, the match, the per-user limit and the signing
 * all happen on a mail thread, so the answer's time cannot tell who is registered. The
 * step never sets the user on this leg, so Keycloak's "send reset email" step behind it never runs here.
 * Each post ends in one {@link IcsoeMetrics#RESET_REQUESTS} outcome: {@code invalid} (past the
 * address's limit too), {@code throttled_address}, {@code failed} when the step cannot run, or, for a
 * request written to the mail outbox, the outcome {@link ResetMail} counts.
 * <p>
 * Second leg (the emailed link, verified by Keycloak's action-token endpoint): the token is
 * re-verified and the user set, and Keycloak's "send reset email" (force-login) and "reset password"
 * steps follow.
 */
final class IcsoeResetCredentialsAuthenticator implements UserlessStep {

    private static final Logger LOG = Logger.getLogger(IcsoeResetCredentialsAuthenticator.class);

    static final String FORM_TEMPLATE = "icsoe-reset-credentials.ftl";
    /** The email typed in a refused request, shown again in its field. */
    static final String TYPED_EMAIL_ATTRIBUTE = "icsoeTypedEmail";
    static final String SENT_TEMPLATE = "icsoe-reset-sent.ftl";
    static final String LINK_SUPERSEDED_MESSAGE = "icsoeResetLinkSupersededMessage";
    static final String UNAVAILABLE_MESSAGE = "icsoeResetUnavailableMessage";

    static final String KEY_PREFIX = "icsoe-reset:";
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
        RealmSecrets secrets;
        try {
            secrets = RealmSecrets.active(context.getSession(), context.getRealm());
        } catch (IllegalStateException e) {
            LOG.errorf("Reset step of realm %s is off: %s", context.getRealm().getName(), e.getMessage());
            ResetOutcome.FAILED.record(context.getRealm().getName(), null, null, Runnable::run);
            OwnErrorPage.mark(context.getSession());
            context.challenge(context.form().setError(UNAVAILABLE_MESSAGE).createErrorPage(Response.Status.SERVICE_UNAVAILABLE));
            return;
        }
        SubjectHasher hasher = secrets.hasher();
        ResetThrottleConfig limits = ResetThrottleConfig.from(UserlessStep.configOf(context));
        String addressKey = KEY_PREFIX + "a:" + hasher.hash("ip", ClientAddress.bucket(context.getConnection().getRemoteAddr()));
        boolean withinLimit = new SlotThrottle(context.getSession().singleUseObjects())
                .tryAcquire(addressKey, limits.requestsPerAddress(), limits.addressWindow());

        if (!request.valid()) {
            EventBuilder event = null;
            if (withinLimit) {
                // the detail word of this outcome is the field errors' message keys
                event = context.getEvent().clone().event(EventType.SEND_RESET_PASSWORD)
                        .detail(IcsoeEventDetails.OUTCOME, String.join(",", request.fieldErrors().values()));
            } else {
                LOG.debug("Malformed reset request past the per-address limit");
            }
            ResetOutcome.INVALID.record(context.getRealm().getName(), event, null, Runnable::run);
            var page = context.form();
            request.fieldErrors().forEach((field, key) -> page.addError(new FormMessage(field, key)));
            page.setAttribute(TYPED_EMAIL_ATTRIBUTE, ResetRequest.typedEmail(form.getFirst(ResetRequest.FIELD_EMAIL)));
            context.challenge(page.createForm(FORM_TEMPLATE));
            return;
        }
        String subjectHash = hasher.hash("curp", request.curp().value());
        if (withinLimit) {
            // the row commits with this request, before the answer: "enviada" is then a promise kept
            ResetMail.add(context, request, subjectHash, secrets, limits);
        } else {
            ResetOutcome.THROTTLED_ADDRESS.record(context.getRealm().getName(),
                    throttledAddressEvent(context, addressKey, limits, subjectHash), null, Runnable::run);
        }
        context.challenge(context.form().createForm(SENT_TEMPLATE));
    }

    /**
     * The event of a request past its address's limit: one per address and window, when it first
     * hits the limit; later requests from it log at DEBUG only ({@code null}), so a flood cannot
     * flood the log too.
     */
    private static EventBuilder throttledAddressEvent(AuthenticationFlowContext context, String addressKey,
                                                      ResetThrottleConfig limits, String subjectHash) {
        if (context.getSession().singleUseObjects().putIfAbsent(addressKey + ":reported",
                Math.max(1, limits.addressWindow().toSeconds()))) {
            return context.getEvent().clone().event(EventType.SEND_RESET_PASSWORD).detail(IcsoeEventDetails.SUBJECT, subjectHash);
        }
        LOG.debugf("Reset request for subject %s past the per-address limit", subjectHash);
        return null;
    }
}
