package mx.gob.imss.icsoe.keycloak.mail;

import java.util.Locale;
import java.util.UUID;

import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.util.JsonSerialization;

/**
 * The one way this jar sends mail: {@link #add} writes a row in the caller's transaction; once that
 * commits, this node tries it at once, and any node retries it until it is sent or given up (see
 * {@link OutboxWorker}). A request that rolls back leaves no row and sends nothing. So a page may say
 * "enviada" as soon as its request has committed.
 */
public final class Outbox {

    private static final Logger LOG = Logger.getLogger(Outbox.class);

    private Outbox() {
    }

    /**
     * Adds an email of {@code kind} to the outbox, in {@code session}'s transaction.
     *
     * @param payload   what the kind needs later, as a JSON-serialisable value with nothing personal in clear
     * @param notAfter  epoch millis after which the email must not be sent any more
     * @return the row's id
     */
    public static String add(KeycloakSession session, String kind, String realmId, Object payload, long notAfter) {
        OutboxEntityProviderFactory outbox = of(session.getKeycloakSessionFactory());
        long now = System.currentTimeMillis();
        OutboxEntry row = new OutboxEntry();
        row.setId(UUID.randomUUID().toString());
        row.setRealmId(realmId);
        row.setKind(kind);
        RealmModel realm = session.realms().getRealm(realmId);
        row.setMessageId(messageId(row.getId(), realm == null ? null : realm.getSmtpConfig().get("from")));
        row.setCreatedAt(now);
        row.setDueAt(now);
        row.setNotAfter(notAfter);
        row.setPayload(json(payload));
        new OutboxStore(session).add(row);
        // on rollback the row is gone with the transaction
        afterCommit(session, () -> outbox.worker().kick(session, row.getId()));
        return row.getId();
    }

    /**
     * The realm of {@code entry}, made the realm of {@code session}'s context (templates, events and
     * keys read it there); {@code null} when the realm was deleted after the row was written.
     */
    public static RealmModel realmOf(KeycloakSession session, OutboxEntry entry) {
        RealmModel realm = session.realms().getRealm(entry.getRealmId());
        if (realm == null) {
            LOG.debugf("Realm %s gone before its %s row was sent", entry.getRealmId(), entry.getKind());
            return null;
        }
        session.getContext().setRealm(realm);
        return realm;
    }

    /** Runs {@code action} once {@code session}'s transaction has committed; nothing on rollback. */
    public static void afterCommit(KeycloakSession session, Runnable action) {
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                action.run();
            }

            @Override
            protected void rollbackImpl() {
                // nothing happened
            }
        });
    }

    /** Lets this node send rows of {@code kind}; called by the feature's factory at start. */
    public static void register(KeycloakSessionFactory factory, MailKind kind) {
        of(factory).register(kind);
    }

    public static String json(Object payload) {
        try {
            return JsonSerialization.writeValueAsString(payload);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("payload not serialisable: " + payload.getClass().getName(), e);
        }
    }

    public static <T> T read(OutboxEntry row, Class<T> type) {
        try {
            return JsonSerialization.readValue(row.getPayload(), type);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("outbox row " + row.getId() + " has an unreadable payload", e);
        }
    }

    /** {@code <row id@the sender's domain>}: one per row, for every attempt. */
    static String messageId(String rowId, String from) {
        String domain = "icsoe.invalid";
        if (from != null) {
            int at = from.lastIndexOf('@');
            String candidate = at < 0 ? "" : from.substring(at + 1).trim().toLowerCase(Locale.ROOT);
            if (candidate.endsWith(">")) {
                candidate = candidate.substring(0, candidate.length() - 1);
            }
            if (candidate.matches("[a-z0-9.-]{1,200}")) {
                domain = candidate;
            }
        }
        return '<' + rowId + '@' + domain + '>';
    }

    private static OutboxEntityProviderFactory of(KeycloakSessionFactory factory) {
        return (OutboxEntityProviderFactory) factory.getProviderFactory(JpaEntityProvider.class,
                OutboxEntityProviderFactory.PROVIDER_ID);
    }
}
