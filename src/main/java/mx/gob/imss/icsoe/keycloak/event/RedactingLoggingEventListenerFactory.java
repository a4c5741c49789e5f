package mx.gob.imss.icsoe.keycloak.event;

import java.util.List;
import java.util.Locale;

import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import mx.gob.imss.icsoe.keycloak.IcsoeProviderFactory;

/**
 * Event listener {@value #PROVIDER_ID}: Keycloak's {@code jboss-logging} listener without the personal
 * data. The ICSOE realm lists it in {@code eventsListeners} instead of {@code jboss-logging}, whose
 * lines carry the typed username (the CURP) and email in clear. Levels as in {@code jboss-logging}:
 * {@code success-level} (default {@code debug}) and {@code error-level} (default {@code warn}), e.g.
 * {@code --spi-events-listener--icsoe-logging--success-level=info}; the audit trail (reset requests,
 * completed resets, password changes, sign-ins, administrators' actions on users) is written at least
 * at {@code audit-level} (default {@code info}).
 */
public final class RedactingLoggingEventListenerFactory
        implements EventListenerProviderFactory, IcsoeProviderFactory<EventListenerProvider> {

    public static final String PROVIDER_ID = "icsoe-logging";

    private RedactingLoggingEventListener.Levels levels = new RedactingLoggingEventListener.Levels(
            Logger.Level.DEBUG, Logger.Level.WARN, Logger.Level.INFO);

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new RedactingLoggingEventListener(session, levels);
    }

    @Override
    public void init(Config.Scope config) {
        levels = new RedactingLoggingEventListener.Levels(level(config.get("success-level"), Logger.Level.DEBUG),
                level(config.get("error-level"), Logger.Level.WARN), level(config.get("audit-level"), Logger.Level.INFO));
    }

    /** A level name in any case; anything else is refused at start-up rather than silently ignored. */
    static Logger.Level level(String name, Logger.Level fallback) {
        if (name == null || name.isBlank()) {
            return fallback;
        }
        try {
            return Logger.Level.valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("icsoe-logging: unknown log level '" + name
                    + "' (use one of trace, debug, info, warn, error, fatal)", e);
        }
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // nothing to start
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name("success-level").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Log level of successful events").defaultValue("debug").add()
                .property().name("error-level").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Log level of failed events").defaultValue("warn").add()
                .property().name("audit-level").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Lowest log level of reset requests, completed resets, password changes, sign-ins and admin actions on users").defaultValue("info").add()
                .build();
    }
}
