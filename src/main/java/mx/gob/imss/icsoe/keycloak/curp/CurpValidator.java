package mx.gob.imss.icsoe.keycloak.curp;

import java.util.List;
import java.util.Map;

import mx.gob.imss.icsoe.keycloak.ExtensionVersion;
import org.jboss.logging.Logger;
import org.keycloak.provider.ConfiguredProvider;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.validate.AbstractStringValidator;
import org.keycloak.validate.ValidationContext;
import org.keycloak.validate.ValidationError;
import org.keycloak.validate.ValidatorConfig;

/**
 * User-profile validator {@value #PROVIDER_ID}: the attribute must be a well-formed CURP
 * ({@link Curp#check(String)}). Attached to {@code username} in the realm's user profile so that no
 * path (admin console, admin API, account console, import through the API) creates a user whose
 * username is not a CURP. Keycloak stores usernames lower case; the check folds case, so the stored
 * form passes as well as what people type.
 *
 * <p>Empty values are left to the attribute's {@code required} rule, as Keycloak's own validators do.
 */
public final class CurpValidator extends AbstractStringValidator
        implements ConfiguredProvider, ServerInfoAwareProviderFactory {

    public static final String PROVIDER_ID = "icsoe-curp";

    /** Message key (theme-resources bundles): one format message, whatever the problem. */
    public static final String MESSAGE_INVALID_CURP = "icsoeInvalidCurpMessage";

    private static final Logger LOG = Logger.getLogger(CurpValidator.class);

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    protected void doValidate(String value, String inputHint, ValidationContext context, ValidatorConfig config) {
        CurpCheck check = Curp.check(value);
        if (!check.valid()) {
            LOG.debugf("attribute %s is not a CURP: %s", inputHint, check.problem());
            context.addError(new ValidationError(PROVIDER_ID, inputHint, MESSAGE_INVALID_CURP));
        }
    }

    @Override
    public String getHelpText() {
        return "ICSOE: the value must be a well-formed CURP (RENAPO structure, date, state, check digit).";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return ExtensionVersion.operationalInfo();
    }
}
