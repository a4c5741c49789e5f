package mx.gob.imss.icsoe.keycloak.resetcred;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ServiceLoader;

import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.requiredactions.UpdatePassword;
import org.keycloak.provider.ProviderConfigProperty;
import org.junit.jupiter.api.Test;

import mx.gob.imss.icsoe.keycloak.updatepassword.IcsoeUpdatePassword;

/** The reset providers as Keycloak's ServiceLoader finds them; their message keys are checked in IcsoeBundlesTest. */
class ResetProvidersRegistrationTest {

    @Test
    void theResetStepIsRegisteredUnderItsId() {
        assertThat(ServiceLoader.load(AuthenticatorFactory.class).stream().map(ServiceLoader.Provider::get))
                .filteredOn(f -> f instanceof IcsoeResetCredentialsAuthenticatorFactory)
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.getId()).isEqualTo("icsoe-reset-curp-email");
                    assertThat(f.isConfigurable()).isTrue();
                    assertThat(f.getConfigProperties()).extracting(ProviderConfigProperty::getName).containsExactly(
                            ResetThrottleConfig.EMAILS_PER_USER, ResetThrottleConfig.USER_WINDOW_MINUTES,
                            ResetThrottleConfig.REQUESTS_PER_ADDRESS, ResetThrottleConfig.ADDRESS_WINDOW_MINUTES);
                });
    }

    @Test
    void theUpdatePasswordActionIsRegisteredWithKeycloaksIdAndAHigherOrder() {
        assertThat(ServiceLoader.load(RequiredActionFactory.class).stream().map(ServiceLoader.Provider::get))
                .filteredOn(f -> f instanceof IcsoeUpdatePassword)
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.getId()).isEqualTo(new UpdatePassword().getId()).isEqualTo("UPDATE_PASSWORD");
                    assertThat(f.order()).isGreaterThan(new UpdatePassword().order());
                });
    }
}
