package mx.gob.imss.icsoe.keycloak.realm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import mx.gob.imss.icsoe.keycloak.testing.Browsers;
import mx.gob.imss.icsoe.keycloak.testing.Capturista;
import mx.gob.imss.icsoe.keycloak.testing.DirectGrantClient;
import mx.gob.imss.icsoe.keycloak.testing.IcsoeKeycloak;
import mx.gob.imss.icsoe.keycloak.testing.KeycloakExtension;
import mx.gob.imss.icsoe.keycloak.testing.PortalClient;
import mx.gob.imss.icsoe.keycloak.testing.pages.LoginPage;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.OAuth2Constants;
import org.keycloak.OAuthErrorException;
import org.keycloak.authentication.requiredactions.WebAuthnPasswordlessRegisterFactory;
import org.keycloak.authentication.requiredactions.WebAuthnRegisterFactory;
import org.keycloak.models.Constants;
import org.keycloak.models.UserModel;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ClientScopeRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;

/**
 * The security defaults of {@code realm-export.json} (issue 19, item 5) as a server that imported the
 * file applies them: no password grant on {@code admin-cli}, refresh tokens used once, no offline
 * scope by default, short admin links, no second-factor enrolment. The password policy's history and
 * common-word refusals are in {@code IcsoePasswordPolicyIT}.
 */
@ExtendWith(KeycloakExtension.class)
class RealmDefaultsIT {

    private final IcsoeKeycloak kc;

    RealmDefaultsIT(IcsoeKeycloak kc) {
        this.kc = kc;
    }

    @Test
    void givenACapturistasRightPassword_whenAdminCliAsksForTokens_thenRefusedEvenForOfflineOnes() {
        Capturista capturista = kc.users().create();
        // the same password is good: a client that allows the grant gets tokens with it
        try (DirectGrantClient control = DirectGrantClient.create(kc.realm())) {
            assertThat(control.offlineLogin(kc.portal(), capturista)).containsEntry("http_status", 200);
        }

        for (String scope : List.of(OAuth2Constants.SCOPE_OPENID, OAuth2Constants.SCOPE_OPENID + " " + OAuth2Constants.OFFLINE_ACCESS)) {
            Map<String, Object> answer = kc.portal().token(Map.of(OAuth2Constants.GRANT_TYPE, OAuth2Constants.PASSWORD,
                    OAuth2Constants.CLIENT_ID, Constants.ADMIN_CLI_CLIENT_ID, OAuth2Constants.USERNAME, capturista.username(),
                    OAuth2Constants.PASSWORD, capturista.password(), OAuth2Constants.SCOPE, scope));
            assertThat(answer).as(scope).containsEntry("http_status", 400)
                    .containsEntry(OAuth2Constants.ERROR, OAuthErrorException.UNAUTHORIZED_CLIENT)
                    .doesNotContainKeys(OAuth2Constants.ACCESS_TOKEN, OAuth2Constants.REFRESH_TOKEN);
        }
        // the import took the file's admin-cli instead of creating Keycloak's own (which allows the grant)
        ClientRepresentation adminCli = kc.realm().clients().findByClientId(Constants.ADMIN_CLI_CLIENT_ID).get(0);
        assertThat(adminCli.isDirectAccessGrantsEnabled()).isFalse();
    }

    @Test
    void givenARefreshTokenUsedOnce_whenUsedAgain_thenRefused() throws Exception {
        Capturista capturista = kc.users().create();
        PortalClient.Pkce pkce = PortalClient.Pkce.create();
        Map<String, Object> tokens;
        try (WebClient browser = Browsers.htmlUnit()) {
            HtmlPage landed = LoginPage.open(browser, kc.portal().authorizationUrl(pkce)).logIn(capturista.curp(), capturista.password());
            tokens = kc.portal().exchange(PortalClient.codeFrom(landed.getUrl().toString()), pkce);
        }
        assertThat(tokens).containsEntry("http_status", 200);
        String first = (String) tokens.get(OAuth2Constants.REFRESH_TOKEN);

        Map<String, Object> refreshed = kc.portal().refresh(first);
        assertThat(refreshed).containsEntry("http_status", 200);
        assertThat(refreshed.get(OAuth2Constants.REFRESH_TOKEN)).as("a new refresh token").isNotNull().isNotEqualTo(first);

        assertThat(kc.portal().refresh(first)).containsEntry("http_status", 400)
                .containsEntry(OAuth2Constants.ERROR, OAuthErrorException.INVALID_GRANT);
    }

    @Test
    void givenThePortal_thenOfflineAccessIsNotAmongItsDefaultScopes() {
        String uuid = kc.realm().clients().findByClientId(PortalClient.CLIENT_ID).get(0).getId();
        List<String> defaults = kc.realm().clients().get(uuid).getDefaultClientScopes().stream()
                .map(ClientScopeRepresentation::getName).toList();
        // a real list, so that the check below cannot pass on an empty answer
        assertThat(defaults).contains("profile", "email").doesNotContain(OAuth2Constants.OFFLINE_ACCESS);
    }

    @Test
    void givenTheImportedRealm_thenAdminLinksLiveAnHourAndNoSecondFactorEnrolmentIsOn() {
        RealmRepresentation realm = kc.realm().toRepresentation();
        assertThat(realm.getActionTokenGeneratedByAdminLifespan()).isPositive().isLessThanOrEqualTo(3600);
        assertThat(realm.getRevokeRefreshToken()).isTrue();
        assertThat(realm.getRefreshTokenMaxReuse()).isZero();
        for (String alias : List.of(UserModel.RequiredAction.CONFIGURE_TOTP.name(),
                UserModel.RequiredAction.CONFIGURE_RECOVERY_AUTHN_CODES.name(),
                WebAuthnRegisterFactory.PROVIDER_ID, WebAuthnPasswordlessRegisterFactory.PROVIDER_ID)) {
            assertThat(kc.realm().flows().getRequiredAction(alias).isEnabled()).as(alias).isFalse();
        }
    }
}
