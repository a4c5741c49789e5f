package mx.gob.imss.icsoe.keycloak.event;

import org.keycloak.email.EmailException;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import mx.gob.imss.icsoe.keycloak.privacy.MailFailureLogFilter;
import mx.gob.imss.icsoe.keycloak.mail.MailJob;
import mx.gob.imss.icsoe.keycloak.metrics.IcsoeMetrics;
import mx.gob.imss.icsoe.keycloak.metrics.IcsoeMetrics.Email;
import mx.gob.imss.icsoe.keycloak.metrics.IcsoeMetrics.MailResult;

/**
 * The confirmation email of one password change, as a background mail job. Only a failure is an
 * event ({@code CUSTOM_REQUIRED_ACTION_ERROR} naming this listener): the change itself already has
 * Keycloak's own event. Each job is one {@code password_updated} email of
 * {@link IcsoeMetrics#MAIL_MESSAGES}: {@code sent}, {@code failed} (the send or the job) or
 * {@code refused}; a user without an address by the time the job runs is neither sent nor failed.
 */
record PasswordUpdatedMailJob(PasswordUpdatedEmailListener.Change change, PasswordUpdatedEmailSender sender)
        implements MailJob {

    static final String EVENT_SEND_FAILED = Errors.EMAIL_SEND_FAILED;
    static final String EVENT_QUEUE_FULL = "icsoe_mail_queue_full";
    static final String EVENT_JOB_FAILED = "icsoe_mail_job_failed";

    @Override
    public void run(KeycloakSession session) {
        try {
            if (sender.send(session, change)) {
                IcsoeMetrics.global().mail(Email.PASSWORD_UPDATED, MailResult.SENT);
            }
        } catch (EmailException e) {
            IcsoeMetrics.global().mail(Email.PASSWORD_UPDATED, MailResult.FAILED);
            failure(session, EVENT_SEND_FAILED, e);
        }
    }

    @Override
    public void failed(KeycloakSession session, RuntimeException cause) {
        IcsoeMetrics.global().mail(Email.PASSWORD_UPDATED, MailResult.FAILED);
        failure(session, EVENT_JOB_FAILED, cause);
    }

    @Override
    public void refused(KeycloakSession session) {
        IcsoeMetrics.global().mail(Email.PASSWORD_UPDATED, MailResult.REFUSED);
        failure(session, EVENT_QUEUE_FULL, null);
    }

    private void failure(KeycloakSession session, String error, Exception cause) {
        RealmModel realm = session.realms().getRealm(change.realmId());
        if (realm == null) {
            return;
        }
        session.getContext().setRealm(realm);
        EventBuilder event = new EventBuilder(realm, session).event(EventType.CUSTOM_REQUIRED_ACTION)
                .user(change.userId()).detail(Details.CUSTOM_REQUIRED_ACTION, PasswordUpdatedEmailListenerFactory.PROVIDER_ID);
        if (cause != null) {
            event.detail(Details.REASON, MailFailureLogFilter.classChain(cause));
        }
        event.error(error);
    }
}
