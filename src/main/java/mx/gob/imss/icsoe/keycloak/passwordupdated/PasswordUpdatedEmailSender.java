package mx.gob.imss.icsoe.keycloak.passwordupdated;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.jboss.logging.Logger;
import org.keycloak.email.EmailException;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import mx.gob.imss.icsoe.keycloak.mail.EmailRendering;
import mx.gob.imss.icsoe.keycloak.mail.RenderedEmail;

/**
 * Renders the confirmation as Keycloak's email templates do ({@link EmailRendering}): the realm's
 * email theme, its SMTP settings, the user's locale (falling back to the realm's default, Spanish).
 * Sent whether or not the address is verified: the message tells the account holder about a change
 * and carries no link or secret.
 */
final class PasswordUpdatedEmailSender {

    static final String TEMPLATE = "icsoe-password-updated.ftl";
    static final String SUBJECT_KEY = "icsoePasswordUpdatedSubject";
    static final String ATTR_CHANGED_AT = "changedAt";
    static final String ATTR_REALM_NAME = "realmName";
    static final String ATTR_VIA_EFIRMA = "viaEfirma";

    private static final Logger LOG = Logger.getLogger(PasswordUpdatedEmailSender.class);

    /**
     * Renders the confirmation of {@code change} in {@code realm} (the session's context realm);
     * empty when the user or their address is gone.
     */
    Optional<RenderedEmail> render(KeycloakSession session, RealmModel realm, Change change)
            throws EmailException {
        UserModel user = session.users().getUserById(realm, change.userId());
        if (user == null) {
            LOG.debugf("user %s gone before the password-updated email", change.userId());
            return Optional.empty();
        }
        if (user.getEmail() == null || user.getEmail().isBlank()) {
            LOG.debugf("user %s has no email address: no password-updated email", user.getId());
            return Optional.empty();
        }
        Locale locale = session.getContext().resolveLocale(user, true);
        Map<String, Object> attributes = new HashMap<>();
        attributes.put(ATTR_CHANGED_AT, ChangedAtFormat.format(change.when(), locale));
        attributes.put(ATTR_VIA_EFIRMA, change.viaEfirma());
        attributes.put(ATTR_REALM_NAME, realm.getDisplayName() == null ? realm.getName() : realm.getDisplayName());
        EmailRendering email = new EmailRendering(session);
        email.setRealm(realm).setUser(user).setAttribute(Constants.IGNORE_ACCEPT_LANGUAGE_HEADER, Boolean.TRUE)
                .send(SUBJECT_KEY, List.of(), TEMPLATE, attributes);
        return Optional.of(email.rendered());
    }
}
