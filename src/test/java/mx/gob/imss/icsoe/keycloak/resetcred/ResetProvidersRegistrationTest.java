package mx.gob.imss.icsoe.keycloak.resetcred;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.ServiceLoader;

import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.requiredactions.UpdatePassword;
import org.keycloak.provider.ProviderConfigProperty;
import org.junit.jupiter.api.Test;

import mx.gob.imss.icsoe.keycloak.updatepassword.IcsoeUpdatePassword;

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

    @Test
    void everyResetMessageKeyExistsInSpanishAndEnglish() throws IOException {
        Properties es = bundle("es");
        Properties en = bundle("en");
        assertThat(es.stringPropertyNames()).containsAll(java.util.List.of(ResetRequest.MISSING_CURP, ResetRequest.INVALID_CURP,
                ResetRequest.MISSING_EMAIL, ResetRequest.INVALID_EMAIL,
                IcsoeResetCredentialsAuthenticator.LINK_SUPERSEDED_MESSAGE));
        assertThat(en.stringPropertyNames()).containsAll(es.stringPropertyNames().stream()
                .filter(k -> k.startsWith("icsoeReset") || k.startsWith("icsoeAccept") || k.startsWith("icsoePasswordUpdated")).toList());
    }

    private static Properties bundle(String locale) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = ResetProvidersRegistrationTest.class.getResourceAsStream("/theme-resources/messages/messages_" + locale + ".properties")) {
            properties.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
