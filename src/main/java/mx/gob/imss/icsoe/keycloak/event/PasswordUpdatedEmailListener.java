package mx.gob.imss.icsoe.keycloak.event;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jboss.logging.Logger;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;

import mx.gob.imss.icsoe.keycloak.privacy.MailFailureLogFilter;
import mx.gob.imss.icsoe.keycloak.mail.BackgroundMail;
import mx.gob.imss.icsoe.keycloak.metrics.IcsoeMetrics;
import mx.gob.imss.icsoe.keycloak.metrics.IcsoeMetrics.Email;
import mx.gob.imss.icsoe.keycloak.metrics.IcsoeMetrics.MailResult;
import mx.gob.imss.icsoe.keycloak.metrics.IcsoeMetrics.Via;

/**
 * Collects the password changes of one Keycloak session (one request) and, only once its
 * transaction has committed, hands one confirmation email per changed user to the background mailer,
 * so the request never waits for SMTP. A change that is rolled back (policy refused, error later in
 * the request) sends nothing. Each committed change counts once in
 * {@link IcsoeMetrics#PASSWORD_CHANGES}, by realm and {@link Via}.
 */
final class PasswordUpdatedEmailListener implements EventListenerProvider {

    private static final Logger LOG = Logger.getLogger(PasswordUpdatedEmailListener.class);

    private final KeycloakSession session;
    private final Delivery delivery;
    /** realmId + userId → change; at most one email per user per transaction. */
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private boolean enlisted;

    PasswordUpdatedEmailListener(KeycloakSession session, Delivery delivery) {
        this.session = session;
        this.delivery = delivery;
    }

    /** Queues one email on the background mailer (the request's transaction is over). */
    static Delivery inBackground(KeycloakSession session, PasswordUpdatedEmailSender sender) {
        return change -> {
            if (BackgroundMail.queue(session, new PasswordUpdatedMailJob(change, sender))) {
                IcsoeMetrics.global().mail(Email.PASSWORD_UPDATED, MailResult.QUEUED);
            }
        };
    }

    @Override
    public void onEvent(Event event) {
        PasswordChange.userOf(event).ifPresent(userId -> schedule(event.getRealmId(), event.getRealmName(), userId,
                event.getTime(), Via.USER));
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        PasswordChange.userOf(event).ifPresent(userId -> schedule(event.getRealmId(), event.getRealmName(), userId,
                event.getTime(), Via.ADMIN));
    }

    private void schedule(String realmId, String realmName, String userId, long time, Via via) {
        if (realmId == null) {
            return;
        }
        pending.putIfAbsent(realmId + '/' + userId,
                new Pending(new Change(realmId, userId, Instant.ofEpochMilli(time)), realmName, via));
        if (!enlisted) {
            enlisted = true;
            session.getTransactionManager().enlistAfterCompletion(new AfterCommit());
        }
    }

    @Override
    public void close() {
        // nothing held
    }

    record Change(String realmId, String userId, Instant when) {
    }

    /** A change with what its count needs: the realm's name and who made it. */
    private record Pending(Change change, String realmName, Via via) {
    }

    @FunctionalInterface
    interface Delivery {
        void deliver(Change change);
    }

    /** Runs after the request's transaction: sends on commit, drops everything on rollback. */
    private final class AfterCommit extends AbstractKeycloakTransaction {

        @Override
        protected void commitImpl() {
            for (Pending each : pending.values()) {
                Change change = each.change();
                IcsoeMetrics.global().passwordChange(each.realmName(), each.via());
                try {
                    delivery.deliver(change);
                } catch (RuntimeException e) {
                    // The password is changed: a failing hand-off must not turn the request into an error.
                    LOG.warnf("password-updated email for user %s not queued: %s", change.userId(),
                            MailFailureLogFilter.classChain(e));
                }
            }
            pending.clear();
        }

        @Override
        protected void rollbackImpl() {
            LOG.debugf("transaction rolled back: %d password-updated email(s) not sent", pending.size());
            pending.clear();
        }
    }
}
