package mx.gob.imss.icsoe.keycloak.efirma;

import java.util.List;
import java.util.Map;

import mx.gob.imss.icsoe.keycloak.ExtensionVersion;
import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

/** Registers {@link EfirmaAuthenticator} as {@value #PROVIDER_ID}, with its trust anchors and OCSP settings. */
public final class EfirmaAuthenticatorFactory implements AuthenticatorFactory, ServerInfoAwareProviderFactory {

    public static final String PROVIDER_ID = "icsoe-efirma";

    private static final EfirmaAuthenticator SINGLETON = new EfirmaAuthenticator();

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
            .helpText("off: no revocation check. fail-open: ask the responder, let the certificate through when it gives no answer. "
                    + "fail-closed: only a 'good' answer lets it through. SAT's public OCSP access is restricted.")
            .type(ProviderConfigProperty.LIST_TYPE)
            .options(EfirmaConfig.Ocsp.OFF.value(), EfirmaConfig.Ocsp.FAIL_OPEN.value(), EfirmaConfig.Ocsp.FAIL_CLOSED.value())
            .defaultValue(EfirmaConfig.Ocsp.OFF.value()).add()
            .property().name(EfirmaConfig.OCSP_URL).label("OCSP responder URL")
            .helpText("The responder to ask; empty means the address in the certificate (AIA).")
            .type(ProviderConfigProperty.STRING_TYPE).add()
            .property().name(EfirmaConfig.CHALLENGE_SECONDS).label("Challenge lifetime (seconds)")
            .helpText("How long the page's one-time challenge can be signed (30–1800).")
            .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(EfirmaConfig.DEFAULT_CHALLENGE_SECONDS).add()
            .build();

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return SINGLETON;
    }

    @Override
    public String getDisplayType() {
        return "ICSOE: e.firma (SAT FIEL)";
    }

    @Override
    public String getHelpText() {
        return "Sign-in with the person's SAT e.firma: the browser signs a one-time challenge with the key, which never "
                + "leaves the device; the server checks signature, chain, validity, FIEL-not-CSD and optional OCSP, "
                + "and signs in the user whose username is the certificate's CURP.";
    }

    /**
     * None, like the reset step: Keycloak's brute-force protector counts failures only for no category
     * or for password / otp / recovery codes, and a bad e.firma signature must count as a wrong password does.
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

    @Override
    public Map<String, String> getOperationalInfo() {
        return ExtensionVersion.operationalInfo();
    }

    @Override
    public void init(Config.Scope config) {
        // no server-level settings
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // nothing to wire
    }

    @Override
    public void close() {
        // stateless
    }
}
