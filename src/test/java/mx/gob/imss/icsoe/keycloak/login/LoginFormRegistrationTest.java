package mx.gob.imss.icsoe.keycloak.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.authentication.authenticators.browser.UsernamePasswordFormFactory;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.util.JsonSerialization;

/** The login form as Keycloak finds it, and the shipped realm's browser flow using it instead of the stock one. */
class LoginFormRegistrationTest {

    @Test
    void givenTheJar_thenTheFormIsRegisteredUnderItsIdAsAPasswordCredentialStep() {
        assertThat(ServiceLoader.load(AuthenticatorFactory.class).stream().map(ServiceLoader.Provider::get))
                .filteredOn(f -> f instanceof IcsoeUsernamePasswordFormFactory)
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.getId()).isEqualTo(IcsoeUsernamePasswordFormFactory.ID).isNotEqualTo(UsernamePasswordFormFactory.PROVIDER_ID);
                    // brute-force protection counts the failures of steps of this category, as for the stock form
                    assertThat(f.getReferenceCategory()).isEqualTo(PasswordCredentialModel.TYPE);
                    assertThat(f.create(null)).isInstanceOf(IcsoeUsernamePasswordForm.class);
                });
    }

    @Test
    void givenTheShippedRealm_thenItsBrowserFormsUseThisFormAndNeverTheStockOne() throws IOException {
        JsonNode realm = JsonSerialization.mapper.readTree(Files.readString(Path.of("realm-export.json")));
        List<String> everyAuthenticator = new ArrayList<>();
        List<String> browserForms = new ArrayList<>();
        for (JsonNode flow : realm.path("authenticationFlows")) {
            for (JsonNode execution : flow.path("authenticationExecutions")) {
                everyAuthenticator.add(execution.path("authenticator").asText());
                if ("icsoe browser forms".equals(flow.path("alias").asText())) {
                    browserForms.add(execution.path("authenticator").asText());
                }
            }
        }
        assertThat(browserForms).containsExactly(IcsoeUsernamePasswordFormFactory.ID, "icsoe-efirma");
        assertThat(everyAuthenticator).doesNotContain(UsernamePasswordFormFactory.PROVIDER_ID);
    }
}
