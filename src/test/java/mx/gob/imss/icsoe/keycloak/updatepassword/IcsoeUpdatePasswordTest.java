package mx.gob.imss.icsoe.keycloak.updatepassword;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.RETURNS_SELF;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.requiredactions.UpdatePassword;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.ClientModel;
import org.keycloak.models.PasswordPolicy;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.mockito.ArgumentCaptor;

class IcsoeUpdatePasswordTest {

    @Test
    void givenTheChallengeThenThePageGetsTheRealmsRulesAsMapAndEmbeddableJson() {
        RequiredActionContext context = mock(RequiredActionContext.class);
        LoginFormsProvider form = mock(LoginFormsProvider.class, RETURNS_SELF);
        RealmModel realm = mock(RealmModel.class);
        AuthenticationSessionModel authSession = mock(AuthenticationSessionModel.class);
        UserModel user = mock(UserModel.class);
        when(context.form()).thenReturn(form);
        when(context.getRealm()).thenReturn(realm);
        when(realm.getPasswordPolicy()).thenReturn(PasswordPolicy.empty());
        when(context.getAuthenticationSession()).thenReturn(authSession);
        when(authSession.getAuthenticatedUser()).thenReturn(user);
        when(context.getUser()).thenReturn(user);
        when(user.getUsername()).thenReturn("gode561231hdfrrn09");

        new IcsoeUpdatePassword().requiredActionChallenge(context);

        ArgumentCaptor<Object> view = ArgumentCaptor.forClass(Object.class);
        verify(form).setAttribute(eq(IcsoeUpdatePassword.RULES_ATTRIBUTE), view.capture());
        assertThat(view.getValue()).isInstanceOf(Map.class);
        assertThat(((Map<?, ?>) view.getValue()).containsKey("noWhitespace")).isTrue();
        ArgumentCaptor<Object> json = ArgumentCaptor.forClass(Object.class);
        verify(form).setAttribute(eq(IcsoeUpdatePassword.RULES_JSON_ATTRIBUTE), json.capture());
        assertThat((String) json.getValue()).startsWith("{").doesNotContain("<");
        verify(context).challenge(any());
    }

    @Test
    void givenAClientWithoutBaseUrlThenNoAcceptUrl() {
        ClientModel client = mock(ClientModel.class);
        when(client.getBaseUrl()).thenReturn(" ");
        assertThat(IcsoeUpdatePassword.acceptUrl(null, client)).isNull();
        assertThat(IcsoeUpdatePassword.acceptUrl(null, null)).isNull();
    }

    @ParameterizedTest
    @CsvSource(value = {"true,true", "TRUE,true", "' true ',true", "false,false", "yes,false", "1,false", "'',false", "NULL,false"},
            nullValues = "NULL")
    void givenTheActionsConfigThenOnlyAnExplicitTrueEndsOtherSessions(String value, boolean ends) {
        RequiredActionConfigModel config = new RequiredActionConfigModel();
        Map<String, String> values = new HashMap<>();
        values.put(IcsoeUpdatePassword.END_OTHER_SESSIONS, value);
        config.setConfig(values);
        assertThat(IcsoeUpdatePassword.endsOtherSessions(config)).isEqualTo(ends);
    }

    @Test
    void givenARealmWithoutConfigThenKeycloaksBehaviourStays() {
        assertThat(IcsoeUpdatePassword.endsOtherSessions(null)).isFalse();
        assertThat(IcsoeUpdatePassword.endsOtherSessions(new RequiredActionConfigModel())).isFalse();
    }

    @Test
    void theConfigKeepsKeycloaksOwnPropertiesAndAddsTheSwitchOffByDefault() {
        IcsoeUpdatePassword action = new IcsoeUpdatePassword();
        assertThat(action.getConfigMetadata()).extracting(ProviderConfigProperty::getName)
                .containsExactlyElementsOf(Stream.concat(new UpdatePassword().getConfigMetadata().stream()
                        .map(ProviderConfigProperty::getName), Stream.of(IcsoeUpdatePassword.END_OTHER_SESSIONS)).toList())
                .contains("max_auth_age");
        assertThat(action.getConfigMetadata()).filteredOn(p -> p.getName().equals(IcsoeUpdatePassword.END_OTHER_SESSIONS))
                .singleElement().satisfies(p -> {
                    assertThat(p.getType()).isEqualTo(ProviderConfigProperty.BOOLEAN_TYPE);
                    assertThat(p.getDefaultValue()).isEqualTo(false);
                });
    }

    @Test
    void itOutranksKeycloaksOwnAndKeepsItsId() {
        IcsoeUpdatePassword action = new IcsoeUpdatePassword();
        assertThat(action.getId()).isEqualTo("UPDATE_PASSWORD");
        assertThat(action.order()).as("Keycloak keeps the factory with the higher order for a shared id")
                .isGreaterThan(new UpdatePassword().order());
        assertThat(action.create(null)).isSameAs(action);
    }
}
