package mx.gob.imss.icsoe.keycloak.passwordupdated;


import mx.gob.imss.icsoe.keycloak.IcsoeProviderFactory;
import mx.gob.imss.icsoe.keycloak.mail.Outbox;
import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Event listener {@value #PROVIDER_ID}: one Spanish confirmation email ("tu contraseña se
 * actualizó") after every successful password change, whoever made it: the person through the
 * reset-credentials flow or the account console, or an administrator. Enable it per realm in
 * {@code eventsListeners}; it needs neither user nor admin events to be stored.
 */
public final class PasswordUpdatedEmailListenerFactory
        implements EventListenerProviderFactory, IcsoeProviderFactory<EventListenerProvider> {

    public static final String PROVIDER_ID = "icsoe-password-updated-email";

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new PasswordUpdatedEmailListener(session, toOutbox(session),
                change -> AdminChangeLogout.run(session.getKeycloakSessionFactory(), change));
    }

    /**
     * Writes the change's outbox row in the request's transaction; where a listener is called with no
     * transaction open (none is known today), in one of its own.
     */
    static PasswordUpdatedEmailListener.Delivery toOutbox(KeycloakSession session) {
        return change -> {
            if (session.getTransactionManager().isActive()) {
                PasswordUpdatedMail.add(session, change);
            } else {
                KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(),
                        own -> PasswordUpdatedMail.add(own, change));
            }
        };
    }

    @Override
    public void init(Config.Scope config) {
        // no settings
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // this node sends the confirmation rows of the mail outbox
        Outbox.register(factory, new PasswordUpdatedMail(new PasswordUpdatedEmailSender()));
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
