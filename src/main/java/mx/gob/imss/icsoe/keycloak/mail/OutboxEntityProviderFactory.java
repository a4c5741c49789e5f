package mx.gob.imss.icsoe.keycloak.mail;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.timer.TimerProvider;

import mx.gob.imss.icsoe.keycloak.IcsoeProviderFactory;
import mx.gob.imss.icsoe.keycloak.metrics.IcsoeMetrics;

/**
 * The mail outbox as Keycloak extensions add tables: the entity {@link OutboxEntry} and the Liquibase
 * changelog {@value #CHANGELOG} (Keycloak records it in {@code DATABASECHANGELOG_ICSOE_MAIL}). It also
 * owns this node's {@link OutboxWorker}: its settings ({@link OutboxSettings}, server options
 * {@code --spi-jpa-entity-provider--icsoe-mail-outbox--…}), the kinds registered by the features,
 * the poll on Keycloak's timer once the database is migrated, the outbox's gauges, and the filter that keeps
 * recipients out of Keycloak's own mail-failure line ({@link MailFailureLogFilter}).
 */
public final class OutboxEntityProviderFactory implements JpaEntityProviderFactory, IcsoeProviderFactory<JpaEntityProvider> {

    private static final Logger LOG = Logger.getLogger(OutboxEntityProviderFactory.class);

    /** Also names the changelog table: its first ten characters, dashes as underscores, {@code ICSOE_MAIL}. */
    public static final String PROVIDER_ID = "icsoe-mail-outbox";
    static final String CHANGELOG = "META-INF/icsoe-outbox-changelog.xml";
    static final String TIMER_TASK = "icsoe-mail-outbox-poll";

    private final Map<String, MailKind> kinds = new ConcurrentHashMap<>();
    private OutboxSettings settings = OutboxSettings.DEFAULTS;
    private volatile OutboxWorker worker;
    private volatile OutboxGauges gauges;

    @Override
    public JpaEntityProvider create(KeycloakSession session) {
        return new JpaEntityProvider() {
            @Override
            public List<Class<?>> getEntities() {
                return List.of(OutboxEntry.class);
            }

            @Override
            public String getChangelogLocation() {
                return CHANGELOG;
            }

            @Override
            public String getFactoryId() {
                return PROVIDER_ID;
            }

            @Override
            public void close() {
                // nothing held
            }
        };
    }

    @Override
    public void init(Config.Scope config) {
        settings = OutboxSettings.from(config::get);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // Keycloak's own mail-failure line would quote recipients: filtered from start-up on
        MailFailureLogFilter.install();
        OutboxWorker created = new OutboxWorker(factory, settings, kinds);
        worker = created;
        gauges = new OutboxGauges(factory);
        IcsoeMetrics.global().mailQueueDepth(created::inFlight);
        IcsoeMetrics.global().mailAtZero(SendResult.REPLY_CLASSES);
        kinds.values().forEach(this::publishPending);
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                KeycloakModelUtils.runJobInTransaction(factory, session -> session.getProvider(TimerProvider.class)
                        .schedule(created::poll, settings.poll().toMillis(), TIMER_TASK));
                LOG.infof("ICSOE mail outbox: polling every %d s, at most %d connection(s)%s", settings.poll().toSeconds(),
                        settings.maxConnections(), settings.perMinute() == 0 ? "" : " and " + settings.perMinute() + " message(s)/min");
            }
        });
    }

    void register(MailKind kind) {
        if (kinds.putIfAbsent(kind.id(), kind) == null) {
            publishPending(kind);
        }
    }

    private void publishPending(MailKind kind) {
        OutboxGauges current = gauges;
        if (current != null) {
            String tag = kind.id().toLowerCase(Locale.ROOT);
            IcsoeMetrics.global().outboxPending(tag, () -> current.pending(kind.id()));
            IcsoeMetrics.global().outboxOldestAge(tag, () -> current.oldestAgeSeconds(kind.id()));
            IcsoeMetrics.global().outboxAttemptsAtZero(kind.id());
        }
    }

    OutboxWorker worker() {
        return worker;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
