package mx.gob.imss.icsoe.keycloak.event;

import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BinaryOperator;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.jboss.logging.Logger;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventType;
import org.keycloak.authentication.AuthenticationProcessor;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.sessions.CommonClientSessionModel.ExecutionStatus;

import mx.gob.imss.icsoe.keycloak.privacy.SubjectHasher;

/**
 * Writes every user and admin event to the log as {@link RedactedEventLine} does: errors at the
 * error level, the rest at the success level (both set on the factory). The audit trail of the
 * reset, password changes and sign-ins ({@link #AUDITED}), and every admin event on a user (its
 * credentials and email included), is written at least at the audit level (default INFO), so an
 * operator sees one line per reset request outcome, completed reset, password change, sign-in and
 * administrator's change of a user with the shipped settings. Sign-in lines name the
 * {@link SignInMethod}. The hash key is derived from the event's realm's HMAC key,
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
            return of(type != null && AUDITED.contains(type), failed);
        }

        /** Admin events on a user (create, update, delete, password, credentials, action emails) are audited. */
        Logger.Level of(AdminEvent event) {
            return of(ResourceType.USER.name().equals(event.getResourceTypeAsString()), event.getError() != null);
        }

        private Logger.Level of(boolean audited, boolean failed) {
            Logger.Level usual = failed ? error : success;
            return audited && audit.ordinal() < usual.ordinal() ? audit : usual;
        }
    }

    /**
     * The audit trail: each reset request outcome (success and error types alike), each completed
     * reset, each password change and each sign-in, successful or not, one line each
     * ({@code UPDATE_CREDENTIAL}, which Keycloak sends beside {@code UPDATE_PASSWORD} for the same
     * change, stays at the usual level).
     */
    static final Set<EventType> AUDITED = EnumSet.of(EventType.SEND_RESET_PASSWORD, EventType.SEND_RESET_PASSWORD_ERROR,
            EventType.RESET_PASSWORD, EventType.RESET_PASSWORD_ERROR, EventType.UPDATE_PASSWORD, EventType.UPDATE_PASSWORD_ERROR,
            EventType.LOGIN, EventType.LOGIN_ERROR);

    RedactingLoggingEventListener(KeycloakSession session, Levels levels) {
        this.session = session;
        this.levels = levels;
    }

    @Override
    public void onEvent(Event event) {
        log(levels.of(event.getType(), event.getError() != null),
                () -> RedactedEventLine.of(event, hashIn(event.getRealmId()), signInMethod(event)));
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        log(levels.of(event), () -> RedactedEventLine.of(event, hashIn(event.getRealmId())));
    }

    /** The authenticators of this request's authentication session: the one running, then those that succeeded. */
    private String signInMethod(Event event) {
        if (!SignInMethod.SIGN_INS.contains(event.getType())) {
            return null;
        }
        AuthenticationSessionModel auth = session.getContext().getAuthenticationSession();
        RealmModel realm = session.getContext().getRealm();
        Stream<String> authenticators = auth == null || realm == null ? Stream.empty()
                : Stream.concat(Stream.ofNullable(auth.getAuthNote(AuthenticationProcessor.CURRENT_AUTHENTICATION_EXECUTION)),
                        auth.getExecutionStatus().entrySet().stream()
                                .filter(each -> each.getValue() == ExecutionStatus.SUCCESS).map(Map.Entry::getKey))
                        .map(realm::getAuthenticationExecutionById).filter(Objects::nonNull)
                        .map(AuthenticationExecutionModel::getAuthenticator);
        return SignInMethod.of(event, authenticators).orElse(null);
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
