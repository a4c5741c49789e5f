package mx.gob.imss.icsoe.keycloak.passwordupdated;

import java.time.Duration;
import java.time.Instant;

import org.keycloak.email.EmailException;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import mx.gob.imss.icsoe.keycloak.mail.MailKind;
import mx.gob.imss.icsoe.keycloak.mail.Outbox;
import mx.gob.imss.icsoe.keycloak.mail.OutboxEntry;
import mx.gob.imss.icsoe.keycloak.metrics.IcsoeMetrics;
import mx.gob.imss.icsoe.keycloak.metrics.IcsoeMetrics.Email;
import mx.gob.imss.icsoe.keycloak.metrics.IcsoeMetrics.MailResult;

/**
 * The confirmation email of one password change as an outbox row ({@value #KIND}): the user's id and
 * the time of the change, nothing else. Only an email given up is an event
 * ({@code CUSTOM_REQUIRED_ACTION_ERROR} naming the listener): the change itself already has
 * Keycloak's own event. Each row is one {@code password_updated} email of
 * {@link IcsoeMetrics#MAIL_MESSAGES}: {@code queued} on commit, then {@code sent} or {@code failed};
 * a user without an address by the time it is sent is neither.
 */
final class PasswordUpdatedMail implements MailKind {

    static final String KIND = "PASSWORD_UPDATED";
    /** It carries no link: worth sending for a day, after which it would only puzzle. */
    static final Duration WORTH_SENDING = Duration.ofHours(24);

    static final String EVENT_SEND_FAILED = Errors.EMAIL_SEND_FAILED;
    static final String EVENT_ABANDONED = "icsoe_mail_abandoned";

    /** The row's payload. */
    /** {@code efirma}: made at the end of a recovery with the e.firma (absent in older rows: false). */
    public record Row(String userId, long changedAt, boolean efirma) {
    }

    private final PasswordUpdatedEmailSender sender;

    PasswordUpdatedMail(PasswordUpdatedEmailSender sender) {
        this.sender = sender;
    }

    @Override
    public String id() {
        return KIND;
    }

    /** Writes the row of {@code change} in {@code session}'s transaction. */
    static void add(KeycloakSession session, Change change) {
        Outbox.add(session, KIND, change.realmId(), new Row(change.userId(), change.when().toEpochMilli(), change.viaEfirma()),
                System.currentTimeMillis() + WORTH_SENDING.toMillis());
    }

    @Override
    public Preparation prepare(KeycloakSession session, OutboxEntry entry) {
        RealmModel realm = Outbox.realmOf(session, entry);
        if (realm == null) {
            return Preparation.done();
        }
        Row row = Outbox.read(entry, Row.class);
        try {
            return sender.render(session, realm, new Change(entry.getRealmId(), row.userId(),
                    Instant.ofEpochMilli(row.changedAt()), row.efirma())).map(Preparation::send).orElseGet(Preparation::done);
        } catch (EmailException e) {
            throw new IllegalStateException("password-updated email not rendered", e);
        }
    }

    @Override
    public void sent(KeycloakSession session, OutboxEntry entry) {
        IcsoeMetrics.global().mail(Email.PASSWORD_UPDATED, MailResult.SENT);
    }

    @Override
    public void gaveUp(KeycloakSession session, OutboxEntry entry, GiveUp why, String reason) {
        IcsoeMetrics.global().mail(Email.PASSWORD_UPDATED, MailResult.FAILED);
        RealmModel realm = Outbox.realmOf(session, entry);
        if (realm == null) {
            return;
        }
        Row row = Outbox.read(entry, Row.class);
        EventBuilder event = new EventBuilder(realm, session).event(EventType.CUSTOM_REQUIRED_ACTION).user(row.userId())
                .detail(Details.CUSTOM_REQUIRED_ACTION, PasswordUpdatedEmailListenerFactory.PROVIDER_ID)
                .detail(Details.REASON, reason);
        event.error(why == GiveUp.ABANDONED ? EVENT_ABANDONED : EVENT_SEND_FAILED);
    }
}
