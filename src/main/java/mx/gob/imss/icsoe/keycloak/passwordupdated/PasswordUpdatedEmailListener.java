package mx.gob.imss.icsoe.keycloak.passwordupdated;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import org.jboss.logging.Logger;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;

import mx.gob.imss.icsoe.keycloak.efirma.EfirmaRecoveryAuthenticatorFactory;
import mx.gob.imss.icsoe.keycloak.mail.MailFailureLogFilter;
import mx.gob.imss.icsoe.keycloak.metrics.IcsoeMetrics;
import mx.gob.imss.icsoe.keycloak.metrics.IcsoeMetrics.Email;
import mx.gob.imss.icsoe.keycloak.metrics.IcsoeMetrics.MailResult;
import mx.gob.imss.icsoe.keycloak.metrics.IcsoeMetrics.Via;

/**
 * Writes one confirmation email per user whose password a Keycloak session (one request) changes to
 * the mail outbox, in that request's transaction: the row commits with the change, or goes with it
 * when it is rolled back (policy refused, error later in the request), and the request never waits
 * for SMTP. Each committed change counts once in {@link IcsoeMetrics#PASSWORD_CHANGES}, by realm and
 * {@link Via}, and its email once as {@code queued}. Once an administrator's change has committed, the
 * user's sessions end as the realm's {@code end_other_sessions} asks ({@link AdminChangeLogout}).
 */
final class PasswordUpdatedEmailListener implements EventListenerProvider {

    private static final Logger LOG = Logger.getLogger(PasswordUpdatedEmailListener.class);

    private final KeycloakSession session;
    private final Delivery delivery;
    private final Consumer<Change> afterAdminChange;
    /** Keycloak's clock when this session (one request) first asked for the listener: before any change in it. */
    private final long opened = Time.currentTimeMillis();
    /** realmId + userId → change; at most one email per user per transaction. */
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private boolean enlisted;

    /** {@code afterAdminChange} runs once per administrator's change, after it has committed. */
    PasswordUpdatedEmailListener(KeycloakSession session, Delivery delivery, Consumer<Change> afterAdminChange) {
        this.session = session;
        this.delivery = delivery;
        this.afterAdminChange = afterAdminChange;
    }

    @Override
    public void onEvent(Event event) {
        PasswordChange.userOf(event).ifPresent(userId -> schedule(event.getRealmId(), event.getRealmName(), userId,
                event.getTime(), Via.USER, viaEfirma()));
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        PasswordChange.userOf(event)
                .or(() -> PasswordChange.updatedUserOf(event).filter(userId -> passwordSetInThisRequest(event.getRealmId(), userId)))
                .ifPresent(userId -> schedule(event.getRealmId(), event.getRealmName(), userId, event.getTime(), Via.ADMIN, false));
    }

    /** The change ends a password recovery with the e.firma: the password form marked this request so. */
    private boolean viaEfirma() {
        return Boolean.TRUE.equals(session.getAttribute(EfirmaRecoveryAuthenticatorFactory.RECOVERY_NOTE));
    }

    /** Whether the user's stored password was created during this request (read in its transaction). */
    private boolean passwordSetInThisRequest(String realmId, String userId) {
        RealmModel realm = realmId == null ? null : session.realms().getRealm(realmId);
        UserModel user = realm == null ? null : session.users().getUserById(realm, userId);
        return user != null && PasswordChange.passwordSetSince(user.credentialManager()
                .getStoredCredentialsByTypeStream(PasswordCredentialModel.TYPE).map(CredentialModel::getCreatedDate), opened);
    }

    private void schedule(String realmId, String realmName, String userId, long time, Via via, boolean viaEfirma) {
        if (realmId == null) {
            return;
        }
        String key = realmId + '/' + userId;
        if (pending.containsKey(key)) {
            return;
        }
        Change change = new Change(realmId, userId, Instant.ofEpochMilli(time), viaEfirma);
        boolean written = true;
        try {
            delivery.deliver(change);
        } catch (RuntimeException e) {
            // The password change must not fail for its confirmation; the failure is logged and counted.
            written = false;
            IcsoeMetrics.global().mail(Email.PASSWORD_UPDATED, MailResult.FAILED);
            LOG.warnf("password-updated email for user %s not written to the outbox: %s", userId,
                    MailFailureLogFilter.classChain(e));
        }
        pending.put(key, new Pending(change, realmName, via, written));
        if (!enlisted) {
            enlisted = true;
            session.getTransactionManager().enlistAfterCompletion(new AfterCommit());
        }
    }

    @Override
    public void close() {
        // nothing held
    }

    /** A change with what its count needs: the realm's name, who made it, whether its row was written. */
    private record Pending(Change change, String realmName, Via via, boolean written) {
    }

    @FunctionalInterface
    interface Delivery {
        void deliver(Change change);
    }

    /** Runs after the request's transaction: counts on commit; on rollback the rows went with it. */
    private final class AfterCommit extends AbstractKeycloakTransaction {

        @Override
        protected void commitImpl() {
            for (Pending each : pending.values()) {
                IcsoeMetrics.global().passwordChange(each.realmName(), each.via());
                if (each.written()) {
                    IcsoeMetrics.global().mail(Email.PASSWORD_UPDATED, MailResult.QUEUED);
                }
                if (each.via() == Via.ADMIN) {
                    afterAdminChange.accept(each.change());
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
