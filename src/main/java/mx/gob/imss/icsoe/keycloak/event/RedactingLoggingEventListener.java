package mx.gob.imss.icsoe.keycloak.event;

import java.nio.charset.StandardCharsets;
import java.util.function.BinaryOperator;
import java.util.function.Supplier;

import org.jboss.logging.Logger;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import mx.gob.imss.icsoe.keycloak.privacy.SubjectHasher;

/**
 * Writes every user and admin event to the log as {@link RedactedEventLine} does: errors at the
 * error level, the rest at the success level (both set on the factory). The hash key is the event's
 * realm's HMAC key, looked up only when a line is actually written.
 */
final class RedactingLoggingEventListener implements EventListenerProvider {

    static final Logger LOG = Logger.getLogger("mx.gob.imss.icsoe.keycloak.events");

    private final KeycloakSession session;
    private final Logger.Level successLevel;
    private final Logger.Level errorLevel;

    RedactingLoggingEventListener(KeycloakSession session, Logger.Level successLevel, Logger.Level errorLevel) {
        this.session = session;
        this.successLevel = successLevel;
        this.errorLevel = errorLevel;
    }

    @Override
    public void onEvent(Event event) {
        log(event.getError(), () -> RedactedEventLine.of(event, hashIn(event.getRealmId())));
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        log(event.getError(), () -> RedactedEventLine.of(event, hashIn(event.getRealmId())));
    }

    /** The line is only built (and the realm key only looked up) when the level is enabled. */
    private void log(String error, Supplier<String> line) {
        Logger.Level level = error == null ? successLevel : errorLevel;
        if (LOG.isEnabled(level)) {
            LOG.log(level, line.get());
        }
    }

    /** Keyed by the realm's HMAC key; by the realm id when the realm is gone. */
    private BinaryOperator<String> hashIn(String realmId) {
        RealmModel realm = realmId == null ? null : session.realms().getRealm(realmId);
        SubjectHasher hasher = realm != null ? SubjectHasher.forRealm(session, realm)
                : new SubjectHasher(("icsoe-log:" + realmId).getBytes(StandardCharsets.UTF_8));
        return hasher::hash;
    }

    @Override
    public void close() {
        // nothing held
    }
}
