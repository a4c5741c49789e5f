package mx.gob.imss.icsoe.keycloak.event;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.BinaryOperator;
import java.util.function.Supplier;

import org.jboss.logging.Logger;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import mx.gob.imss.icsoe.keycloak.privacy.SubjectHasher;

/**
 * Writes every user and admin event to the log as {@link RedactedEventLine} does: errors at the
 * error level, the rest at the success level (both set on the factory). The audit trail of the
 * reset and password changes ({@link #AUDITED}) is written at least at the audit level (default
 * INFO), so an operator sees one line per reset request outcome, completed reset and password
 * change with the shipped settings. The hash key is derived from the event's realm's HMAC key,
 * looked up only when a line is actually written; without one, values are only masked.
 */
final class RedactingLoggingEventListener implements EventListenerProvider {

    static final Logger LOG = Logger.getLogger("mx.gob.imss.icsoe.keycloak.events");

    private final KeycloakSession session;
    private final Levels levels;

    /** The levels set on the factory. */
    record Levels(Logger.Level success, Logger.Level error, Logger.Level audit) {

        /** The audited types at the more visible of audit and the usual level; the rest as usual. */
        Logger.Level of(EventType type, boolean failed) {
            Logger.Level usual = failed ? error : success;
            return type != null && AUDITED.contains(type) && audit.ordinal() < usual.ordinal() ? audit : usual;
        }
    }

    /**
     * The audit trail: each reset request outcome (success and error types alike), each completed
     * reset and each password change, one line each ({@code UPDATE_CREDENTIAL}, which Keycloak sends
     * beside {@code UPDATE_PASSWORD} for the same change, stays at the usual level).
     */
    static final Set<EventType> AUDITED = EnumSet.of(EventType.SEND_RESET_PASSWORD, EventType.SEND_RESET_PASSWORD_ERROR,
            EventType.RESET_PASSWORD, EventType.RESET_PASSWORD_ERROR, EventType.UPDATE_PASSWORD, EventType.UPDATE_PASSWORD_ERROR);

    RedactingLoggingEventListener(KeycloakSession session, Levels levels) {
        this.session = session;
        this.levels = levels;
    }

    @Override
    public void onEvent(Event event) {
        log(levels.of(event.getType(), event.getError() != null), () -> RedactedEventLine.of(event, hashIn(event.getRealmId())));
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        log(levels.of(null, event.getError() != null), () -> RedactedEventLine.of(event, hashIn(event.getRealmId())));
    }

    /** The line is only built (and the realm key only looked up) when the level is enabled. */
    private void log(Logger.Level level, Supplier<String> line) {
        if (LOG.isEnabled(level)) {
            LOG.log(level, line.get());
        }
    }

    /** Keyed by the realm's derived key; without a realm or key, every value is just masked. */
    private BinaryOperator<String> hashIn(String realmId) {
        RealmModel realm = realmId == null ? null : session.realms().getRealm(realmId);
        if (realm != null) {
            try {
                return SubjectHasher.forRealm(session, realm)::hash;
            } catch (IllegalStateException e) {
                LOG.debugf("No pseudonyms for realm %s: %s", realm.getName(), e.getMessage());
            }
        }
        return (kind, value) -> MASKED;
    }

    /** What a value becomes when there is no key to hash it with: nothing of it remains. */
    static final String MASKED = "?";

    @Override
    public void close() {
        // nothing held
    }
}
