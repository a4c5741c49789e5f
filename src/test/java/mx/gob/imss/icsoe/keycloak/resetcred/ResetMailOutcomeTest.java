package mx.gob.imss.icsoe.keycloak.resetcred;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakTransaction;
import org.keycloak.models.KeycloakTransactionManager;

import mx.gob.imss.icsoe.keycloak.mail.MailKind.GiveUp;
import mx.gob.imss.icsoe.keycloak.mail.MailKind.Preparation;
import mx.gob.imss.icsoe.keycloak.mail.Outbox;
import mx.gob.imss.icsoe.keycloak.mail.OutboxEntry;

/**
 * The outcomes of the background job that need no realm: each is counted once, and only once the
 * attempt's transaction commits (a rolled-back attempt counts when it is retried).
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
