package mx.gob.imss.icsoe.keycloak.efirma;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ServiceLoader;

import org.junit.jupiter.api.Test;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.events.Errors;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.provider.ProviderConfigProperty;

class EfirmaProblemTest {

    @Test
    void givenACodeFromTheBrowser_thenOnlyProblemsABrowserCanFindAreAccepted() {
        assertThat(EfirmaProblem.fromBrowser("wrong_password")).contains(EfirmaProblem.WRONG_PASSWORD);
        assertThat(EfirmaProblem.fromBrowser("not_a_key")).contains(EfirmaProblem.NOT_A_KEY);
        assertThat(EfirmaProblem.fromBrowser("file_too_large")).contains(EfirmaProblem.FILE_TOO_LARGE);
        assertThat(EfirmaProblem.fromBrowser("browser_unsupported")).contains(EfirmaProblem.BROWSER_UNSUPPORTED);
        assertThat(EfirmaProblem.fromBrowser("no_account")).as("only the server decides that").isEmpty();
        assertThat(EfirmaProblem.fromBrowser("key_mismatch")).isEmpty();
        assertThat(EfirmaProblem.fromBrowser("key_not_for_certificate")).contains(EfirmaProblem.KEY_NOT_FOR_CERTIFICATE);
        assertThat(EfirmaProblem.fromBrowser("company")).isEmpty();
        assertThat(EfirmaProblem.fromBrowser("throttled")).isEmpty();
        assertThat(EfirmaProblem.fromBrowser("WRONG_PASSWORD")).isEmpty();
        assertThat(EfirmaProblem.fromBrowser("")).isEmpty();
        assertThat(EfirmaProblem.fromBrowser(null)).isEmpty();
    }

    @Test
    void theRecoveryStepIsRegisteredWithTheSameSettings() {
        assertThat(ServiceLoader.load(AuthenticatorFactory.class).stream().map(ServiceLoader.Provider::get))
                .filteredOn(f -> f instanceof EfirmaRecoveryAuthenticatorFactory)
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.getId()).isEqualTo("icsoe-efirma-recovery");
                    assertThat(f.getRequirementChoices()).contains(AuthenticationExecutionModel.Requirement.ALTERNATIVE);
                    assertThat(f.getConfigProperties()).isEqualTo(EfirmaAuthenticatorFactory.CONFIG_PROPERTIES);
                });
    }

    @Test
    void everyProblemHasASpanishAndAnEnglishMessage() throws Exception {
        for (String lang : new String[] {"es", "en"}) {
            java.util.Properties messages = new java.util.Properties();
            try (var in = new java.io.InputStreamReader(getClass().getResourceAsStream("/theme-resources/messages/messages_" + lang + ".properties"),
                    java.nio.charset.StandardCharsets.UTF_8)) {
                messages.load(in);
            }
            for (EfirmaProblem problem : EfirmaProblem.values()) {
                assertThat(messages.getProperty(problem.messageKey())).as("%s %s", lang, problem).isNotBlank();
            }
        }
    }

    @Test
    void givenAnAccountProblem_thenTheEventErrorIsKeycloaks() {
        assertThat(EfirmaProblem.NO_ACCOUNT.eventError()).isEqualTo(Errors.USER_NOT_FOUND);
        assertThat(EfirmaProblem.ACCOUNT_DISABLED.eventError()).isEqualTo(Errors.USER_DISABLED);
        assertThat(EfirmaProblem.ACCOUNT_LOCKED.eventError()).isEqualTo(Errors.USER_TEMPORARILY_DISABLED);
        assertThat(EfirmaProblem.KEY_MISMATCH.eventError()).isEqualTo(Errors.INVALID_SIGNATURE);
        assertThat(EfirmaProblem.CSD.eventError()).isEqualTo("icsoe_efirma_csd");
    }

    @Test
    void theStepIsRegisteredAsAConfigurableAlternative() {
        assertThat(ServiceLoader.load(AuthenticatorFactory.class).stream().map(ServiceLoader.Provider::get))
                .filteredOn(f -> f.getClass() == EfirmaAuthenticatorFactory.class)
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.getId()).isEqualTo("icsoe-efirma");
                    assertThat(f.getRequirementChoices()).contains(AuthenticationExecutionModel.Requirement.ALTERNATIVE);
                    assertThat(f.getConfigProperties()).extracting(ProviderConfigProperty::getName).containsExactly(
                            EfirmaConfig.TRUST_ANCHORS_PEM, EfirmaConfig.TRUST_ANCHORS_FILE, EfirmaConfig.OCSP,
                            EfirmaConfig.OCSP_URL, EfirmaConfig.CHALLENGE_SECONDS, EfirmaConfig.CRL, EfirmaConfig.CRL_SOURCES,
                            EfirmaConfig.DENY_LIST, EfirmaConfig.ALLOW_COMPANY, EfirmaConfig.POSTS_PER_ADDRESS,
                            EfirmaConfig.ADDRESS_WINDOW_MINUTES);
                });
    }
}
