package mx.gob.imss.icsoe.keycloak.resetcred;

import java.util.List;

import mx.gob.imss.icsoe.keycloak.IcsoeProviderFactory;
import mx.gob.imss.icsoe.keycloak.mail.Outbox;
import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/** Registers {@link IcsoeResetCredentialsAuthenticator} as {@value #PROVIDER_ID}, with its throttle settings. */
public final class IcsoeResetCredentialsAuthenticatorFactory implements AuthenticatorFactory, IcsoeProviderFactory<Authenticator> {

    public static final String PROVIDER_ID = "icsoe-reset-curp-email";

    private static final IcsoeResetCredentialsAuthenticator SINGLETON = new IcsoeResetCredentialsAuthenticator();

    /** ALTERNATIVE beside the e.firma recovery step (realm file: sub-flow {@code icsoe reset identify}). */
    private static final AuthenticationExecutionModel.Requirement[] REQUIREMENT_CHOICES = {
            AuthenticationExecutionModel.Requirement.REQUIRED, AuthenticationExecutionModel.Requirement.ALTERNATIVE
    };

    static final List<ProviderConfigProperty> CONFIG_PROPERTIES = ProviderConfigurationBuilder.create()
            .property().name(ResetThrottleConfig.EMAILS_PER_USER).label("Emails per user")
            .helpText("Reset emails one user can be sent per user window; further requests get the same page and no email.")
            .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(ResetThrottleConfig.DEFAULT_EMAILS_PER_USER).add()
            .property().name(ResetThrottleConfig.USER_WINDOW_MINUTES).label("User window (minutes)")
            .helpText("Length of the per-user window, in minutes.")
            .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(ResetThrottleConfig.DEFAULT_USER_WINDOW_MINUTES).add()
            .property().name(ResetThrottleConfig.REQUESTS_PER_ADDRESS).label("Requests per client address")
            .helpText("Well-formed reset requests one client address can make per address window; further requests get the same page and no email.")
            .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(ResetThrottleConfig.DEFAULT_REQUESTS_PER_ADDRESS).add()
            .property().name(ResetThrottleConfig.ADDRESS_WINDOW_MINUTES).label("Address window (minutes)")
            .helpText("Length of the per-address window, in minutes.")
            .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(ResetThrottleConfig.DEFAULT_ADDRESS_WINDOW_MINUTES).add()
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
        return "ICSOE: CURP and registered email";
    }

    @Override
    public String getHelpText() {
        return "Asks for CURP and registered email; always answers with the same confirmation page and emails "
                + "Keycloak's reset link in the background only when both belong to one enabled user. Replaces 'Choose User'.";
    }

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
    public void init(Config.Scope config) {
        // no server-level settings
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // this node sends the reset rows of the mail outbox
        Outbox.register(factory, new ResetMail());
    }
}
