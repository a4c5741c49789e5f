package mx.gob.imss.icsoe.keycloak.passwordupdated;

import java.util.List;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import mx.gob.imss.icsoe.keycloak.mail.MailFailureLogFilter;
import mx.gob.imss.icsoe.keycloak.updatepassword.IcsoeUpdatePassword;

/**
 * The realm's {@code end_other_sessions} for an administrator's password change (reset-password, or a
 * user update with credentials): once the change has committed, every session of the user ends,
 * offline ones too, in a transaction of its own. Online sessions are removed from the session store
 * (their refresh tokens stop at once; clients are not called back, as there is no browser session of
 * the user in an admin request), offline ones revoked as the update-password page does. Nothing of the
 * administrator's request depends on it: a failure is a WARN line, the change stands.
 */
final class AdminChangeLogout {

    private static final Logger LOG = Logger.getLogger(AdminChangeLogout.class);

    private AdminChangeLogout() {
    }

    static void run(KeycloakSessionFactory factory, Change change) {
        try {
            KeycloakModelUtils.runJobInTransaction(factory, job -> {
                RealmModel realm = job.realms().getRealm(change.realmId());
                if (realm == null || !IcsoeUpdatePassword.endsSessionsOnEveryChange(realm)) {
                    return;
                }
                job.getContext().setRealm(realm);
                UserModel user = job.users().getUserById(realm, change.userId());
                if (user == null) {
                    return;
                }
                List<UserSessionModel> online = job.sessions().getUserSessionsStream(realm, user).toList();
                online.forEach(each -> job.sessions().removeUserSession(realm, each));
                IcsoeUpdatePassword.revokeOfflineSessions(job, realm, user);
                LOG.debugf("Ended %d session(s) of user %s after an administrator's password change", online.size(),
                        change.userId());
            });
        } catch (RuntimeException e) {
            LOG.warnf("Sessions of user %s not ended after an administrator's password change: %s", change.userId(),
                    MailFailureLogFilter.classChain(e));
        }
    }
}
