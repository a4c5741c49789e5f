package mx.gob.imss.icsoe.keycloak.curp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.core.Response;
import mx.gob.imss.icsoe.keycloak.testing.Capturista;
import mx.gob.imss.icsoe.keycloak.testing.IcsoeKeycloak;
import mx.gob.imss.icsoe.keycloak.testing.KeycloakExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.representations.userprofile.config.UPAttribute;
import org.keycloak.representations.userprofile.config.UPConfig;

/** The realm's user profile runs icsoe-curp on username: no user whose username is not a CURP. */
@ExtendWith(KeycloakExtension.class)
class CurpValidatorIT {

    private final IcsoeKeycloak kc;

    CurpValidatorIT(IcsoeKeycloak kc) {
        this.kc = kc;
    }

    private Response create(String username) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEmail("curp-it." + System.nanoTime() + "@correo.example");
        user.setFirstName("Prueba");
        user.setLastName("Validación");
        user.setEnabled(true);
        return kc.realm().users().create(user);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "hegg560427mvzrrl05",   // wrong check digit
            "MARR890512HCSRYR09",   // published as an example, but its check digit is wrong
            "admin",
            "hegg560427mvzrrl0",    // 17 characters
            "hegg560427mxxrrl04",   // state XX
            "puto560427mvzrrl04",   // palabra inconveniente (check digit aside)
            "h\u0435gg560427mvzrrl04"}) // Cyrillic е in place of e
    void givenAMalformedCurp_whenTheAdminApiCreatesTheUser_thenItIsRefusedWith400(String username) {
        try (Response response = create(username)) {
            String body = response.readEntity(String.class);

            assertThat(response.getStatus()).as(body).isEqualTo(400);
            assertThat(body).contains("icsoeInvalidCurpMessage");
        }
        assertThat(kc.realm().users().search(username.toLowerCase(Locale.ROOT), true)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"HEGG560427MVZRRL04", "beml920313hmclns09"})
    void givenAValidCurp_whenTheAdminApiCreatesTheUser_thenItIsStoredLowerCase(String username) {
        String expected = username.toLowerCase(Locale.ROOT);
        List<UserRepresentation> existing = kc.realm().users().search(expected, true);
        existing.forEach(user -> kc.realm().users().delete(user.getId()).close());

        String id;
        try (Response response = create(username)) {
            assertThat(response.getStatus()).as(response.readEntity(String.class)).isEqualTo(201);
            id = CreatedResponseUtil.getCreatedId(response);
        }
        try {
            assertThat(kc.realm().users().get(id).toRepresentation().getUsername()).isEqualTo(expected);
        } finally {
            kc.realm().users().delete(id).close();
        }
    }

    @Test
    void givenAStoredLowerCaseCurp_whenTheAdminUpdatesAnotherAttribute_thenTheValidatorAcceptsIt() {
        Capturista capturista = kc.users().create();
        UserRepresentation user = kc.realm().users().get(capturista.id()).toRepresentation();
        user.setFirstName("Renombrada");

        kc.realm().users().get(capturista.id()).update(user);

        assertThat(kc.realm().users().get(capturista.id()).toRepresentation().getFirstName()).isEqualTo("Renombrada");
    }

    @Test
    void givenAUser_whenTheAdminTriesToChangeTheUsernameToANonCurp_thenItIsRefused() {
        Capturista capturista = kc.users().create();
        UserRepresentation user = kc.realm().users().get(capturista.id()).toRepresentation();
        user.setUsername("no-es-curp");

        try {
            kc.realm().users().get(capturista.id()).update(user);
        } catch (BadRequestException refused) {
            // refused by the validator (or because usernames are not editable): either way unchanged
        }

        assertThat(kc.realm().users().get(capturista.id()).toRepresentation().getUsername())
                .isEqualTo(capturista.username());
    }

    @Test
    void givenTheImportedRealm_thenUsernameKeepsKeycloaksValidatorsPlusIcsoeCurp() {
        UPConfig config = kc.realm().users().userProfile().getConfiguration();
        UPAttribute username = config.getAttribute("username");

        assertThat(username.getValidations()).containsKeys("length", "username-prohibited-characters",
                "up-username-not-idn-homograph", "icsoe-curp");
        assertThat(username.getDisplayName()).isEqualTo("${username}");
        assertThat(config.getAttribute("email").getValidations()).containsKeys("email", "length");
        assertThat(config.getAttribute("firstName").getValidations())
                .containsKeys("length", "person-name-prohibited-characters");
    }
}
