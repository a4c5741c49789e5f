package mx.gob.imss.icsoe.keycloak.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.util.JsonSerialization;

import mx.gob.imss.icsoe.keycloak.testing.Browsers;
import mx.gob.imss.icsoe.keycloak.testing.Capturista;
import mx.gob.imss.icsoe.keycloak.testing.IcsoeKeycloak;
import mx.gob.imss.icsoe.keycloak.testing.KeycloakExtension;
import mx.gob.imss.icsoe.keycloak.testing.PortalClient;
import mx.gob.imss.icsoe.keycloak.testing.pages.LoginPage;

/**
 * The registered email is where reset links go, so whoever holds a capturista's session must not be
 * able to replace it: the realm's user profile lets only administrators edit it.
 */
@ExtendWith(KeycloakExtension.class)
class AccountEmailIT {

    @Test
    void givenALoggedInCapturista_whenSheChangesHerEmailThroughTheAccountApi_thenItIsRefusedAndKept(IcsoeKeycloak kc) throws Exception {
        Capturista capturista = kc.users().create();
        String token = accessToken(kc, capturista);
        HttpClient http = HttpClient.newHttpClient();
        URI account = URI.create(kc.realmUrl() + "/account");

        HttpResponse<String> current = http.send(HttpRequest.newBuilder(account).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(current.statusCode()).as("the account API accepts her token: %s", current.body()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        Map<String, Object> me = JsonSerialization.readValue(current.body(), Map.class);
        assertThat(me.get("email")).isEqualTo(capturista.email());

        me.put("email", "otra.direccion@correo.example");
        HttpResponse<String> changed = http.send(HttpRequest.newBuilder(account).header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json").header("Accept", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JsonSerialization.writeValueAsString(me))).build(),
                HttpResponse.BodyHandlers.ofString());
        System.out.printf("[account-email] change through the account API: HTTP %d %s%n", changed.statusCode(), changed.body());

        assertThat(kc.realm().users().get(capturista.id()).toRepresentation().getEmail()).isEqualTo(capturista.email());
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(400);
    }

    @Test
    void givenAnAdministrator_whenHeChangesTheEmail_thenItIsChanged(IcsoeKeycloak kc) {
        Capturista capturista = kc.users().create();
        var user = kc.realm().users().get(capturista.id());
        var representation = user.toRepresentation();
        representation.setEmail("nueva." + capturista.email());
        user.update(representation);
        assertThat(user.toRepresentation().getEmail()).isEqualTo("nueva." + capturista.email());
    }

    private static String accessToken(IcsoeKeycloak kc, Capturista capturista) {
        PortalClient.Pkce pkce = PortalClient.Pkce.create();
        try (WebClient web = Browsers.htmlUnitFromOwnAddress()) {
            HtmlPage landed = LoginPage.open(web, kc.portal().authorizationUrl(pkce)).logIn(capturista.curp(), capturista.password());
            Map<String, Object> tokens = kc.portal().exchange(PortalClient.codeFrom(landed.getUrl().toString()), pkce);
            return (String) tokens.get("access_token");
        }
    }
}
