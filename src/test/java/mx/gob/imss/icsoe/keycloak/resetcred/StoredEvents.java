package mx.gob.imss.icsoe.keycloak.resetcred;

import mx.gob.imss.icsoe.keycloak.testing.KeycloakExtension;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Switches the realm's event storage on for one test class (the reset ITs read the events through
 * the admin API) and restores the realm file's setting afterwards. Register after
 * {@link KeycloakExtension}.
 */
final class StoredEvents implements BeforeAllCallback, AfterAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(StoredEvents.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        boolean before = ResetItSupport.storeEvents(KeycloakExtension.keycloak(context).realm(), true);
        context.getStore(NAMESPACE).put("before", before);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Boolean before = context.getStore(NAMESPACE).get("before", Boolean.class);
        ResetItSupport.storeEvents(KeycloakExtension.keycloak(context).realm(), Boolean.TRUE.equals(before));
    }
}
