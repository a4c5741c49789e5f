package mx.gob.imss.icsoe.keycloak.resetcred;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.common.util.Time;
import org.keycloak.authentication.actiontoken.DefaultActionToken;
import org.keycloak.models.DefaultActionTokenKey;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.models.TokenManager;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserProvider;
import org.keycloak.representations.JsonWebToken;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The second leg trusts no authentication-session note by itself (CVE-2026-18963): only a reset
 * token that verifies against the realm's keys, for the same user, unexpired and newer than the
 * last password change, lets the flow continue with a user.
 */
class ResetLinkCheckNotesTest {

    private static final String USER_ID = "5f0c1f0e-0000-4000-8000-000000000001";
    private static final String RAW = "header.payload.signature";
    private static final java.util.function.Function<UserModel, Long> NEVER = u -> {
        throw new AssertionError("the password is looked up only for a verified token");
    };

    private final AuthenticationFlowContext context = mock(AuthenticationFlowContext.class);
    private final AuthenticationSessionModel authSession = mock(AuthenticationSessionModel.class);
    private final KeycloakSession session = mock(KeycloakSession.class);
    private final RealmModel realm = mock(RealmModel.class);
    private final TokenManager tokens = mock(TokenManager.class);
    private final UserProvider users = mock(UserProvider.class);
    private final UserModel user = mock(UserModel.class);
    private final SingleUseObjectProvider store = mock(SingleUseObjectProvider.class);
    private final LatestLink latest = new LatestLink(store);

    @BeforeEach
    void wire() {
        when(context.getAuthenticationSession()).thenReturn(authSession);
        when(context.getSession()).thenReturn(session);
        when(context.getRealm()).thenReturn(realm);
        when(realm.getName()).thenReturn("icsoe");
        when(session.tokens()).thenReturn(tokens);
        when(session.users()).thenReturn(users);
        when(users.getUserById(realm, USER_ID)).thenReturn(user);
        when(user.getId()).thenReturn(USER_ID);
        when(user.isEnabled()).thenReturn(true);
    }

    private void notes(String userId, String raw) {
        when(authSession.getAuthNote(DefaultActionTokenKey.ACTION_TOKEN_USER_ID)).thenReturn(userId);
        when(authSession.getAuthNote(ResetLinkCheck.TOKEN_NOTE)).thenReturn(raw);
    }

    private static final String TOKEN_ID = "7d0e9a52-0000-4000-8000-000000000002";

    private static JsonWebToken token(String type, String subject, long expiresIn) {
        JsonWebToken token = new JsonWebToken();
        token.type(type).subject(subject).exp((long) Time.currentTime() + expiresIn);
        token.issuedNow();
        token.id(TOKEN_ID);
        return token;
    }

    @Test
    void givenNoNotesThenTheFormIsShown() {
        assertThat(ResetLinkCheck.of(context, NEVER, latest).state()).isEqualTo(ResetLinkCheck.State.NONE);
    }

    @Nested
    class GivenPlantedNotes {

        @Test
        void whenOnlyTheUserNoteIsThereThenNoUser() {
            notes(USER_ID, null);
            assertThat(ResetLinkCheck.of(context, NEVER, latest)).isEqualTo(ResetLinkCheck.Result.NONE);
        }

        @Test
        void whenTheTokenDoesNotVerifyThenNoUser() {
            notes(USER_ID, RAW);
            when(tokens.decode(RAW, JsonWebToken.class)).thenReturn(null);
            assertThat(ResetLinkCheck.of(context, NEVER, latest).user()).isNull();
        }

        @Test
        void whenTheTokenIsForAnotherUserThenNoUser() {
            notes(USER_ID, RAW);
            when(tokens.decode(RAW, JsonWebToken.class)).thenReturn(token("reset-credentials", "someone-else", 600));
            assertThat(ResetLinkCheck.of(context, NEVER, latest).state()).isEqualTo(ResetLinkCheck.State.NONE);
        }

        @Test
        void whenTheTokenIsOfAnotherKindThenNoUser() {
            notes(USER_ID, RAW);
            when(tokens.decode(RAW, JsonWebToken.class)).thenReturn(token("verify-email", USER_ID, 600));
            assertThat(ResetLinkCheck.of(context, NEVER, latest).state()).isEqualTo(ResetLinkCheck.State.NONE);
        }

        @Test
        void whenTheTokenHasExpiredThenNoUser() {
            notes(USER_ID, RAW);
            when(tokens.decode(RAW, JsonWebToken.class)).thenReturn(token("reset-credentials", USER_ID, -5));
            assertThat(ResetLinkCheck.of(context, NEVER, latest).state()).isEqualTo(ResetLinkCheck.State.NONE);
        }

        @Test
        void whenTheUserIsDisabledThenNoUser() {
            notes(USER_ID, RAW);
            when(tokens.decode(RAW, JsonWebToken.class)).thenReturn(token("reset-credentials", USER_ID, 600));
            when(user.isEnabled()).thenReturn(false);
            assertThat(ResetLinkCheck.of(context, NEVER, latest).state()).isEqualTo(ResetLinkCheck.State.NONE);
        }
    }

    @Nested
    class GivenAVerifiedToken {

        @BeforeEach
        void verified() {
            notes(USER_ID, RAW);
            when(tokens.decode(RAW, JsonWebToken.class)).thenReturn(token("reset-credentials", USER_ID, 600));
            when(store.get(LatestLink.KEY_PREFIX + USER_ID)).thenReturn(Map.of(LatestLink.NOTE_TOKEN_ID, TOKEN_ID));
        }

        @Test
        void whenANewerLinkWasIssuedThenThisOneIsSuperseded() {
            when(store.get(LatestLink.KEY_PREFIX + USER_ID)).thenReturn(Map.of(LatestLink.NOTE_TOKEN_ID, "a-newer-token-id"));
            assertThat(ResetLinkCheck.of(context, u -> null, latest).state()).isEqualTo(ResetLinkCheck.State.SUPERSEDED);
        }

        @Test
        void whenNoLinkIsOnRecordThenItIsRefused() {
            when(store.get(LatestLink.KEY_PREFIX + USER_ID)).thenReturn(null);
            assertThat(ResetLinkCheck.of(context, u -> null, latest).state()).isEqualTo(ResetLinkCheck.State.SUPERSEDED);
        }

        @Test
        void whenThePasswordIsOlderThenTheUserIsSet() {
            long changed = Time.currentTimeMillis() - 60_000;
            ResetLinkCheck.Result result = ResetLinkCheck.of(context, u -> changed, latest);
            assertThat(result.state()).isEqualTo(ResetLinkCheck.State.VALID);
            assertThat(result.user()).isSameAs(user);
        }

        @Test
        void whenThePasswordChangedLaterThenTheLinkIsSuperseded() {
            long changed = Time.currentTimeMillis() + 5_000;
            assertThat(ResetLinkCheck.of(context, u -> changed, latest).state()).isEqualTo(ResetLinkCheck.State.SUPERSEDED);
        }

        @Test
        void whenTheUserNoLongerHasTheEmailTheLinkWentToThenTheLinkIsSuperseded() {
            JsonWebToken sent = token("reset-credentials", USER_ID, 600);
            sent.setOtherClaims(DefaultActionToken.JSON_FIELD_EMAIL, "antes@correo.example");
            when(tokens.decode(RAW, JsonWebToken.class)).thenReturn(sent);
            when(user.getEmail()).thenReturn("ahora@correo.example");
            assertThat(ResetLinkCheck.of(context, u -> null, latest).state()).isEqualTo(ResetLinkCheck.State.SUPERSEDED);
            when(user.getEmail()).thenReturn("ANTES@correo.example");
            assertThat(ResetLinkCheck.of(context, u -> null, latest).state()).isEqualTo(ResetLinkCheck.State.VALID);
        }

        @Test
        void whenTheFormIsSubmittedAfterTheLinkExpiredThenOnlyTheOpeningCheckedTheExpiry() {
            when(tokens.decode(RAW, JsonWebToken.class)).thenReturn(token("reset-credentials", USER_ID, -5));
            assertThat(ResetLinkCheck.of(context, u -> null, latest).state()).isEqualTo(ResetLinkCheck.State.NONE);
            assertThat(ResetLinkCheck.of(session, realm, authSession, u -> null, latest, false).state())
                    .isEqualTo(ResetLinkCheck.State.VALID);
        }
    }
}
