package mx.gob.imss.icsoe.keycloak.resetcred;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlCheckBoxInput;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.models.UserModel;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RequiredActionConfigRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

import jakarta.ws.rs.core.Response;
import mx.gob.imss.icsoe.keycloak.updatepassword.IcsoeUpdatePassword;
import mx.gob.imss.icsoe.keycloak.testing.pages.UpdatePasswordPage;
import mx.gob.imss.icsoe.keycloak.testing.Capturista;
import mx.gob.imss.icsoe.keycloak.testing.IcsoeKeycloak;
import mx.gob.imss.icsoe.keycloak.testing.KeycloakExtension;
import mx.gob.imss.icsoe.keycloak.testing.PortalClient;
import mx.gob.imss.icsoe.keycloak.testing.TestUsers;
import mx.gob.imss.icsoe.keycloak.testing.pages.LoginPage;

/**
 * The jar replaces {@code UPDATE_PASSWORD} for the whole server. A realm that has not opted in through
 * the action's config {@value IcsoeUpdatePassword#END_OTHER_SESSIONS} keeps Keycloak's behaviour: with "sign out
 * other devices" unticked, the user's other sessions survive a password change. Runs in a throw-away
 * realm with Keycloak's own theme, so the ICSOE realm is untouched.
 */
@ExtendWith(KeycloakExtension.class)
class OtherRealmUpdatePasswordIT {

    private IcsoeKeycloak kc;
    private String realmName;
    private RealmResource realm;
    private PortalClient portal;
    private TestUsers users;

    @BeforeEach
    void createRealm(IcsoeKeycloak kc) {
        this.kc = kc;
        realmName = "otra-" + Long.toHexString(System.nanoTime());
        RealmRepresentation representation = new RealmRepresentation();
        representation.setRealm(realmName);
        representation.setEnabled(true);
        kc.admin().realms().create(representation);
        realm = kc.admin().realm(realmName);
        portal = new PortalClient(kc.baseUrl(), realmName);
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(PortalClient.CLIENT_ID);
        client.setPublicClient(true);
        client.setStandardFlowEnabled(true);
        client.setRedirectUris(List.of(portal.redirectUri() + "*"));
        try (Response created = realm.clients().create(client)) {
            assertThat(created.getStatus()).isEqualTo(201);
        }
        users = new TestUsers(realm);
    }

    @AfterEach
    void removeRealm() {
        kc.admin().realm(realmName).remove();
    }

    @Test
    void givenARealmThatHasNotOptedIn_whenAUserChangesHerPasswordWithTheBoxUnticked_thenHerOtherSessionSurvives() {
        Capturista user = users.create();
        String otherSession = logInThroughThePortal(user);

        String newPassword = users.password();
        changePasswordWithTheBoxUnticked(user, newPassword);

        assertThat(portal.refresh(otherSession).get("http_status")).isEqualTo(200);
        assertThat(realm.users().get(user.id()).getUserSessions()).hasSize(2);
    }

    @Test
    void givenTheSameRealmOptedIn_whenAUserChangesHerPasswordWithTheBoxUnticked_thenHerOtherSessionEnds() {
        RequiredActionConfigRepresentation config = new RequiredActionConfigRepresentation();
        config.setConfig(Map.of(IcsoeUpdatePassword.END_OTHER_SESSIONS, "true"));
        realm.flows().updateRequiredActionConfig(UserModel.RequiredAction.UPDATE_PASSWORD.name(), config);
        assertThat(realm.flows().getRequiredActionConfig(UserModel.RequiredAction.UPDATE_PASSWORD.name()).getConfig())
                .containsEntry(IcsoeUpdatePassword.END_OTHER_SESSIONS, "true");
        Capturista user = users.create();
        String otherSession = logInThroughThePortal(user);

        changePasswordWithTheBoxUnticked(user, users.password());

        assertThat(portal.refresh(otherSession).get("http_status")).isEqualTo(400);
        assertThat(realm.users().get(user.id()).getUserSessions()).hasSize(1);
    }

    /** A session of its own in a separate browser; returns its refresh token. */
    private String logInThroughThePortal(Capturista user) {
        PortalClient.Pkce pkce = PortalClient.Pkce.create();
        try (WebClient browser = ResetItSupport.browser()) {
            HtmlPage landed = LoginPage.open(browser, portal.authorizationUrl(pkce)).logIn(user.username(), user.password());
            Map<String, Object> tokens = portal.exchange(PortalClient.codeFrom(landed.getUrl().toString()), pkce);
            assertThat(tokens.get("http_status")).as(tokens.toString()).isEqualTo(200);
            String refresh = (String) tokens.get("refresh_token");
            assertThat(portal.refresh(refresh).get("http_status")).isEqualTo(200);
            return refresh;
        }
    }

    /** Keycloak's own update-password page (required action at login), its box explicitly unticked. */
    private void changePasswordWithTheBoxUnticked(Capturista user, String newPassword) {
        UserRepresentation representation = realm.users().get(user.id()).toRepresentation();
        representation.setRequiredActions(List.of("UPDATE_PASSWORD"));
        realm.users().get(user.id()).update(representation);
        try (WebClient browser = ResetItSupport.browser()) {
            HtmlPage form = LoginPage.open(browser, portal.authorizationUrl(PortalClient.Pkce.create()))
                    .logIn(user.username(), user.password());
            UpdatePasswordPage page = new UpdatePasswordPage(form);
            HtmlCheckBoxInput box = (HtmlCheckBoxInput) page.page().getElementById("logout-sessions");
            assertThat(box).as("Keycloak's own page offers the box").isNotNull();
            box.setChecked(false);
            HtmlPage landed = page.save(newPassword);
            assertThat(PortalClient.codeFrom(landed.getUrl().toString())).as(landed.getUrl().toString()).isNotNull();
        }
        assertThat(realm.users().get(user.id()).toRepresentation().getRequiredActions()).isEmpty();
    }
}
