package mx.gob.imss.icsoe.keycloak.resetcred;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakTransaction;
import org.keycloak.models.KeycloakTransactionManager;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.tracing.TracingProvider;

import mx.gob.imss.icsoe.keycloak.mail.MailKind.GiveUp;
import mx.gob.imss.icsoe.keycloak.mail.MailKind.Preparation;
import mx.gob.imss.icsoe.keycloak.mail.Outbox;
import mx.gob.imss.icsoe.keycloak.mail.OutboxEntry;
import mx.gob.imss.icsoe.keycloak.privacy.RealmSecrets;

/**
 * The outcomes of the background job's chain up to the per-user slot (realm gone, lookup, match,
 * slot, and a request never looked at in time): each is counted once, and only once the attempt's
 * transaction commits (a rolled-back attempt counts when it is retried). Signing and sending need
 * Keycloak's token and theme providers: ResetCredentialsIT and OutboxDeliveryIT cover them.
 */
@ExtendWith(ServedMeters.class)
class ResetMailOutcomeTest {

    private final KeycloakSession session = mock(KeycloakSession.class, RETURNS_DEEP_STUBS);
    private final List<KeycloakTransaction> afterCompletion = new ArrayList<>();
    private String realmName;

    @BeforeEach
    void aSessionWhoseRealmIsGone() {
        realmName = "realm-" + UUID.randomUUID();
        when(session.realms().getRealm(any())).thenReturn(null);
        KeycloakTransactionManager transactions = mock(KeycloakTransactionManager.class);
        when(session.getTransactionManager()).thenReturn(transactions);
        doAnswer(call -> afterCompletion.add(call.getArgument(0))).when(transactions).enlistAfterCompletion(any());
    }

    @Test
    void givenTheRealmGoneBeforeTheFirstAttemptThenTheRequestIsFailedOnceCommitted() {
        Preparation preparation = new ResetMail().prepare(session, entry(unmatched()));

        assertThat(preparation.email()).as("nothing to send").isNull();
        assertThat(count("failed")).as("not before the commit").isZero();
        commit();
        assertThat(count("failed")).isEqualTo(1);
    }

    @Test
    void givenARequestNeverLookedAtInTimeThenItIsStaleOnceCommitted() {
        new ResetMail().gaveUp(session, entry(unmatched()), GiveUp.ABANDONED, "not_after");

        assertThat(count("stale")).isZero();
        commit();
        assertThat(count("stale")).isEqualTo(1);
        assertThat(count("failed")).isZero();
    }

    @Test
    void givenAMatchedLinkGivenUpThenItIsNoSecondRequestOutcome() {
        new ResetMail().gaveUp(session, entry(unmatched().matched("user-1", "token-1", 1)), GiveUp.ABANDONED, "attempts");

        commit();
        assertThat(count("stale")).as("its outcome was queued when it matched").isZero();
        assertThat(count("failed")).isZero();
    }

    @Test
    void givenAnUnknownCurpThenTheLookupEndsInNoMatchWithItsEventOnceCommitted() {
        RealmSecrets secrets = aRealmWithItsKey();
        when(session.users().getUserByUsername(any(), any())).thenReturn(null);

        Preparation preparation = new ResetMail().prepare(session, entry(sealed(secrets, "ana@example.mx")));

        assertThat(preparation.email()).isNull();
        commit();
        assertThat(count("no_match")).isEqualTo(1);
        assertThat(count("queued")).isZero();
    }

    @Test
    void givenTheMatchedUsersSlotsTakenThenTheRequestIsThrottledAndNothingIsSigned() {
        RealmSecrets secrets = aRealmWithItsKey();
        UserModel user = mock(UserModel.class);
        when(user.getId()).thenReturn("user-1");
        when(user.isEnabled()).thenReturn(true);
        when(user.getEmail()).thenReturn("Ana@Example.mx");
        when(session.users().getUserByUsername(any(), any())).thenReturn(user);
        when(session.singleUseObjects().putIfAbsent(any(), anyLong())).thenReturn(false);

        Preparation preparation = new ResetMail().prepare(session, entry(sealed(secrets, "ana@example.mx")));

        assertThat(preparation.email()).isNull();
        commit();
        assertThat(count("throttled_user")).isEqualTo(1);
        assertThat(count("no_match")).isZero();
        assertThat(count("queued")).isZero();
    }

    /** The realm exists, with an HS512 key, and sends its events nowhere (Keycloak sends them in a job of their own). */
    private RealmSecrets aRealmWithItsKey() {
        KeycloakSession eventJob = mock(KeycloakSession.class, RETURNS_DEEP_STUBS);
        when(session.getKeycloakSessionFactory().create()).thenReturn(eventJob);
        TracingProvider tracing = mock(TracingProvider.class, RETURNS_DEEP_STUBS);
        doReturn(tracing).when(eventJob).getProvider(TracingProvider.class);
        doReturn(tracing).when(session).getProvider(TracingProvider.class);
        RealmModel realm = mock(RealmModel.class);
        when(realm.getName()).thenReturn(realmName);
        when(realm.getEventsListenersStream()).thenAnswer(call -> Stream.empty());
        when(session.realms().getRealm(any())).thenReturn(realm);
        KeyWrapper key = new KeyWrapper();
        key.setKid("kid");
        key.setSecretKey(new SecretKeySpec(new byte[64], "HmacSHA512"));
        when(session.keys().getKey(any(), any(), any(), any())).thenReturn(key);
        return RealmSecrets.forKey(session, realm, "kid");
    }

    /** A well-formed request's row, sealed and hashed with {@code secrets} as the request thread writes it. */
    private ResetRow sealed(RealmSecrets secrets, String typedEmail) {
        return new ResetRow(realmName, "icsoe-portal", "subject", "kid", secrets.seal().seal("HEGG850315MDFRRD07"),
                secrets.seal().seal("127.0.0.1"), secrets.hasher().hash("email", ResetMatch.normalise(typedEmail)), 3, 900,
                "http://localhost/", "auth-session", "http://localhost/link", 0, 900, null, null, null);
    }

    private ResetRow unmatched() {
        return new ResetRow(realmName, "icsoe-portal", "subject", "kid", "sealed-curp", "sealed-ip", "email-hash", 3, 900,
                "http://localhost/", "auth-session", "http://localhost/link", 0, 900, null, null, null);
    }

    private static OutboxEntry entry(ResetRow row) {
        OutboxEntry entry = new OutboxEntry();
        entry.setId(UUID.randomUUID().toString());
        entry.setRealmId("realm-id");
        entry.setKind(ResetMail.KIND);
        entry.setPayload(Outbox.json(row));
        return entry;
    }

    private void commit() {
        for (KeycloakTransaction transaction : afterCompletion) {
            transaction.begin();
            transaction.commit();
        }
    }

    private double count(String outcome) {
        return ServedMeters.resetRequests(realmName, outcome);
    }
}
