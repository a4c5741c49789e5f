package mx.gob.imss.icsoe.keycloak.efirma;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;

import mx.gob.imss.icsoe.keycloak.ExtensionVersion;
import mx.gob.imss.icsoe.keycloak.IcsoeProviderFactory;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.connections.httpclient.HttpClientProvider;
import org.keycloak.executors.ExecutorsProvider;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.timer.TimerProvider;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/** Registers {@link EfirmaAuthenticator} as {@value #PROVIDER_ID}, with its trust anchors and OCSP settings. */
public class EfirmaAuthenticatorFactory implements AuthenticatorFactory, IcsoeProviderFactory<Authenticator> {

    public static final String PROVIDER_ID = "icsoe-efirma";

    /** This node's CRLs: public data each node fetches and keeps for itself. */
    static final CrlCache CRLS = new CrlCache();
    private static final EfirmaAuthenticator SINGLETON = new EfirmaAuthenticator(CRLS, false);
    static final String CRL_TIMER_TASK = "icsoe-efirma-crl-refresh";
    static final String CRL_EXECUTOR = "icsoe-efirma-crl";
    static final int DEFAULT_CRL_REFRESH_MINUTES = 60;
    private static final Logger LOG = Logger.getLogger(EfirmaAuthenticatorFactory.class);

    private int crlRefreshMinutes = DEFAULT_CRL_REFRESH_MINUTES;

    private final String id;
    private final EfirmaAuthenticator authenticator;
    private final String displayType;
    private final String helpText;

    public EfirmaAuthenticatorFactory() {
        this(PROVIDER_ID, SINGLETON, "ICSOE: e.firma (SAT FIEL)",
                "Sign-in with the person's SAT e.firma: the browser signs a one-time challenge with the key, which never "
                        + "leaves the device; the server checks a persona física's FIEL (not a CSD, not a company's), the signature, "
                        + "then deny list, chain, CRL and optional OCSP, and signs in the user whose username is the certificate's CURP.");
    }

    /** For the recovery step: the same settings and checks under another id, ending elsewhere. */
    EfirmaAuthenticatorFactory(String id, EfirmaAuthenticator authenticator, String displayType, String helpText) {
        this.id = id;
        this.authenticator = authenticator;
        this.displayType = displayType;
        this.helpText = helpText;
    }

    private static final AuthenticationExecutionModel.Requirement[] REQUIREMENT_CHOICES = {
            AuthenticationExecutionModel.Requirement.ALTERNATIVE, AuthenticationExecutionModel.Requirement.DISABLED
    };

    static final List<ProviderConfigProperty> CONFIG_PROPERTIES = ProviderConfigurationBuilder.create()
            .property().name(EfirmaConfig.TRUST_ANCHORS_PEM).label("Trust anchors (PEM)")
            .helpText("SAT's CA certificates that issue e.firma certificates, PEM, one after another. None are bundled: "
                    + "without an anchor every certificate is refused as untrusted.")
            .type(ProviderConfigProperty.TEXT_TYPE).add()
            .property().name(EfirmaConfig.TRUST_ANCHORS_FILE).label("Trust anchors file")
            .helpText("Path of a PEM file with more CA certificates, present on every node; read per sign-in.")
            .type(ProviderConfigProperty.STRING_TYPE).add()
            .property().name(EfirmaConfig.OCSP).label("OCSP revocation check")
            .helpText("off: no OCSP. fail-open: ask the responder, let the certificate through when it gives no answer. "
                    + "fail-closed: only a 'good' answer lets it through. SAT's public OCSP access is restricted.")
            .type(ProviderConfigProperty.LIST_TYPE)
            .options(EfirmaConfig.Check.OFF.value(), EfirmaConfig.Check.FAIL_OPEN.value(), EfirmaConfig.Check.FAIL_CLOSED.value())
            .defaultValue(EfirmaConfig.Check.OFF.value()).add()
            .property().name(EfirmaConfig.OCSP_URL).label("OCSP responder URL")
            .helpText("The responder to ask; empty means the address in the certificate (AIA).")
            .type(ProviderConfigProperty.STRING_TYPE).add()
            .property().name(EfirmaConfig.CHALLENGE_SECONDS).label("Challenge lifetime (seconds)")
            .helpText("How long the page's one-time challenge can be signed (30–1800).")
            .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(EfirmaConfig.DEFAULT_CHALLENGE_SECONDS).add()
            .property().name(EfirmaConfig.CRL).label("CRL revocation check")
            .helpText("fail-closed (default): a certificate is accepted only when a current CRL of its issuer, held by this node, "
                    + "does not list it. fail-open: without a current CRL it is accepted. off: no CRL. CRLs come from the "
                    + "certificate's distribution points and the sources below; each node fetches them in the background "
                    + "(at once when first needed, then on a schedule), never while a person waits.")
            .type(ProviderConfigProperty.LIST_TYPE)
            .options(EfirmaConfig.Check.FAIL_CLOSED.value(), EfirmaConfig.Check.FAIL_OPEN.value(), EfirmaConfig.Check.OFF.value())
            .defaultValue(EfirmaConfig.Check.FAIL_CLOSED.value()).add()
            .property().name(EfirmaConfig.CRL_SOURCES).label("CRL sources")
            .helpText("More CRLs: http(s) URLs or absolute file paths present on every node, separated by spaces or commas.")
            .type(ProviderConfigProperty.TEXT_TYPE).add()
            .property().name(EfirmaConfig.DENY_LIST).label("Deny list")
            .helpText("Certificates refused at once (a reported e.firma): serial numbers or SHA-256 fingerprints, hex, "
                    + "one per line (colons allowed).")
            .type(ProviderConfigProperty.TEXT_TYPE).add()
            .property().name(EfirmaConfig.ALLOW_COMPANY).label("Company e.firma signs in as its representative")
            .helpText("Off (default): a company's (persona moral) e.firma is refused; whoever holds the company's key "
                    + "would otherwise sign in to the legal representative's personal account.")
            .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false").add()
            .property().name(EfirmaConfig.POSTS_PER_ADDRESS).label("Attempts per client address")
            .helpText("Signed posts one client address can make per address window; further ones are refused without any check.")
            .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(EfirmaConfig.DEFAULT_POSTS_PER_ADDRESS).add()
            .property().name(EfirmaConfig.ADDRESS_WINDOW_MINUTES).label("Address window (minutes)")
            .helpText("Length of the per-address window, in minutes.")
            .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(EfirmaConfig.DEFAULT_ADDRESS_WINDOW_MINUTES).add()
            .build();

    @Override
    public String getId() {
        return id;
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return authenticator;
    }

    @Override
    public String getDisplayType() {
        return displayType;
    }

    @Override
    public String getHelpText() {
        return helpText;
    }

    /**
     * None, like the reset step. The step never reports a failure to Keycloak's brute-force protector
     * (a bad signature over a public certificate must not lock its owner out); posts are bounded per
     * client address instead.
     */
    @Override
    public String getReferenceCategory() {
        return null;
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return REQUIREMENT_CHOICES;
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG_PROPERTIES;
    }

    /** The extension's version, the CRL sources this node tracks and the configuration warnings given (admin console: server info). */
    @Override
    public Map<String, String> getOperationalInfo() {
        Map<String, String> info = new LinkedHashMap<>(ExtensionVersion.operationalInfo());
        info.put("crlSources", String.join(" ", new TreeSet<>(CRLS.sources())));
        ConfigWarnings.given().forEach((key, text) -> info.put("warning " + key, text));
        return info;
    }

    /** {@code --spi-authenticator--icsoe-efirma--crl-refresh-minutes}: how often each node fetches its CRLs again. */
    @Override
    public void init(Config.Scope config) {
        int minutes = config.getInt("crlRefreshMinutes", DEFAULT_CRL_REFRESH_MINUTES);
        crlRefreshMinutes = minutes >= 1 ? minutes : DEFAULT_CRL_REFRESH_MINUTES;
    }

    /**
     * After start-up: CRLs are fetched on Keycloak's executor {@value #CRL_EXECUTOR} (at once for the
     * sources configured in every realm, and whenever a new one is seen), and Keycloak's timer hands a
     * refresh of all of them to that executor every {@code crlRefreshMinutes}.
     */
    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                KeycloakModelUtils.runJobInTransaction(factory, session -> {
                    ExecutorService executor = session.getProvider(ExecutorsProvider.class).getExecutor(CRL_EXECUTOR);
                    CRLS.start(source -> fetch(factory, source), executor);
                    CRLS.want(configuredSources(session));
                    session.getProvider(TimerProvider.class).scheduleTask(timerSession -> {
                        CRLS.want(configuredSources(timerSession));
                        executor.execute(CRLS::refreshAll);
                    }, crlRefreshMinutes * 60_000L, CRL_TIMER_TASK);
                });
                LOG.infof("ICSOE e.firma: CRLs refreshed every %d min on each node", crlRefreshMinutes);
            }
        });
    }

    /** The CRL sources configured in any realm's e.firma step. */
    private static List<String> configuredSources(KeycloakSession session) {
        return session.realms().getRealmsStream().flatMap(RealmModel::getAuthenticatorConfigsStream)
                .map(AuthenticatorConfigModel::getConfig).filter(c -> c != null && c.containsKey(EfirmaConfig.CRL_SOURCES))
                .flatMap(c -> EfirmaConfig.crlSources(c.get(EfirmaConfig.CRL_SOURCES)).stream()).distinct().toList();
    }

    /** A file, or a GET with Keycloak's HTTP client (its proxy and trust settings); off the request path. */
    private static byte[] fetch(KeycloakSessionFactory factory, String source) throws IOException {
        if (source.startsWith("/")) {
            Path file = Path.of(source);
            if (Files.size(file) > CrlCache.MAX_CRL_BYTES) {
                throw new IOException("larger than " + CrlCache.MAX_CRL_BYTES + " bytes");
            }
            return Files.readAllBytes(file);
        }
        try {
            return KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> {
                try (InputStream in = session.getProvider(HttpClientProvider.class).getInputStream(source)) {
                    return in.readNBytes(CrlCache.MAX_CRL_BYTES + 1);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
