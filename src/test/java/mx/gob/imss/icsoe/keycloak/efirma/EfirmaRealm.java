package mx.gob.imss.icsoe.keycloak.efirma;

import java.util.HashMap;
import java.util.Map;

import org.keycloak.admin.client.resource.AuthenticationManagementResource;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.AuthenticationExecutionInfoRepresentation;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;

import mx.gob.imss.icsoe.keycloak.testing.IcsoeKeycloak;

/**
 * Sets the imported realm's e.firma step up for a test class, as a deployer would in the admin
 * console (trust anchors, OCSP), and puts the imported settings back afterwards.
 */
public final class EfirmaRealm implements AutoCloseable {

    public static final String FORMS_FLOW = "icsoe browser forms";

    private final AuthenticationManagementResource flows;
    private final String configId;
    private final Map<String, String> imported;

    private EfirmaRealm(AuthenticationManagementResource flows, String configId, Map<String, String> imported) {
        this.flows = flows;
        this.configId = configId;
        this.imported = imported;
    }

    /** Trusts {@code ca} and applies {@code extra} settings (e.g. OCSP) on top of the imported ones. */
    public static EfirmaRealm trusting(IcsoeKeycloak kc, SatFixtures.Ca ca, Map<String, String> extra) {
        return trusting(kc.realm(), ca, extra);
    }

    /** The same on any realm imported from the realm file (the demo's). */
    public static EfirmaRealm trusting(RealmResource realm, SatFixtures.Ca ca, Map<String, String> extra) {
        AuthenticationManagementResource flows = realm.flows();
        String id = flows.getExecutions(FORMS_FLOW).stream()
                .filter(e -> EfirmaAuthenticatorFactory.PROVIDER_ID.equals(e.getProviderId()))
                .map(AuthenticationExecutionInfoRepresentation::getAuthenticationConfig)
                .findFirst().orElseThrow(() -> new IllegalStateException("the realm has no configured icsoe-efirma step"));
        AuthenticatorConfigRepresentation config = flows.getAuthenticatorConfig(id);
        Map<String, String> imported = new HashMap<>(config.getConfig());
        Map<String, String> settings = new HashMap<>(imported);
        settings.put(EfirmaConfig.TRUST_ANCHORS_PEM, ca.pem());
        settings.putAll(extra);
        config.setConfig(settings);
        flows.updateAuthenticatorConfig(id, config);
        return new EfirmaRealm(flows, id, imported);
    }

    /** Applies {@code settings} on top of the current ones (until {@link #close}). */
    public void set(Map<String, String> settings) {
        AuthenticatorConfigRepresentation config = flows.getAuthenticatorConfig(configId);
        Map<String, String> changed = new HashMap<>(config.getConfig());
        changed.putAll(settings);
        config.setConfig(changed);
        flows.updateAuthenticatorConfig(configId, config);
    }

    @Override
    public void close() {
        AuthenticatorConfigRepresentation config = flows.getAuthenticatorConfig(configId);
        config.setConfig(imported);
        flows.updateAuthenticatorConfig(configId, config);
    }
}
