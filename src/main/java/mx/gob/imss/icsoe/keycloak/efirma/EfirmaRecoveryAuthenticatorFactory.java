package mx.gob.imss.icsoe.keycloak.efirma;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSessionFactory;

/**
 * Registers the e.firma step of the reset-credentials flow ("Restablece tu contraseña con tu e.firma")
 * as {@value #PROVIDER_ID}: the sign-in step's page, checks, settings and per-address bound, ending in
 * Keycloak's reset-password step instead of a session. It shares the sign-in step's CRL cache and
 * schedule; the realm file points both executions at the same configuration ({@code icsoe efirma}).
 */
public final class EfirmaRecoveryAuthenticatorFactory extends EfirmaAuthenticatorFactory {

    public static final String PROVIDER_ID = "icsoe-efirma-recovery";
    /**
     * Auth note of a reset-credentials flow whose person proved herself with her e.firma; the password
     * form copies it to its request's session attribute of the same name for the password-updated email.
     */
    public static final String RECOVERY_NOTE = "icsoe.efirma.recovery";

    public EfirmaRecoveryAuthenticatorFactory() {
        super(PROVIDER_ID, new EfirmaAuthenticator(CRLS, true), "ICSOE: password recovery with e.firma (SAT FIEL)",
                "Reset-credentials alternative to CURP + email: the person proves herself with her e.firma exactly as in the "
                        + "e.firma sign-in; a registered, enabled capturista then sets a new password. Use the sign-in step's configuration.");
    }

    @Override
    public void init(Config.Scope config) {
        // the CRL schedule is the sign-in factory's
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // the CRL schedule is the sign-in factory's
    }
}
