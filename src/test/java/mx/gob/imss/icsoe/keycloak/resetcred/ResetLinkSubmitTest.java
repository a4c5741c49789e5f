package mx.gob.imss.icsoe.keycloak.resetcred;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.keycloak.authentication.actiontoken.execactions.ExecuteActionsActionToken;
import org.keycloak.authentication.actiontoken.resetcred.ResetCredentialsActionToken;
import org.keycloak.jose.jws.JWSBuilder;
import org.keycloak.representations.JsonWebToken;

/** Which update-password forms the submit check judges: those reached through a reset link only. */
class ResetLinkSubmitTest {

    private static String token(String type) {
        JsonWebToken token = new JsonWebToken();
        token.type(type).subject("5f0c1f0e-0000-4000-8000-000000000001");
        return new JWSBuilder().jsonContent(token).none();
    }

    @Test
    void givenAResetLinksToken_thenItIsJudged() {
        assertThat(ResetLinkSubmit.isResetLink(token(ResetCredentialsActionToken.TOKEN_TYPE))).isTrue();
    }

    @Test
    void givenAnAdministratorsExecuteActionsToken_orNone_thenTheFormIsNotOurs() {
        assertThat(ResetLinkSubmit.isResetLink(token(ExecuteActionsActionToken.TOKEN_TYPE))).isFalse();
        assertThat(ResetLinkSubmit.isResetLink(null)).isFalse();
    }

    @Test
    void givenAnUnreadableToken_thenTheFullCheckDecides() {
        assertThat(ResetLinkSubmit.isResetLink("not.a.token")).isTrue();
    }
}
