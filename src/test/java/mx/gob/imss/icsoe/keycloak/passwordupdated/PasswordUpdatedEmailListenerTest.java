package mx.gob.imss.icsoe.keycloak.passwordupdated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakTransaction;
import org.keycloak.models.KeycloakTransactionManager;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RealmProvider;
import org.keycloak.models.SubjectCredentialManager;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserProvider;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.mockito.ArgumentCaptor;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class PasswordUpdatedEmailListenerTest {

    private final KeycloakSession session = mock(KeycloakSession.class);
    private final KeycloakTransactionManager transactions = mock(KeycloakTransactionManager.class);
    private final List<Change> delivered = new ArrayList<>();
    private PasswordUpdatedEmailListener listener;

    @BeforeEach
    void setUp() {
        when(session.getTransactionManager()).thenReturn(transactions);
        when(session.getContext()).thenReturn(mock(KeycloakContext.class));
        listener = new PasswordUpdatedEmailListener(session, delivered::add, change -> { });
    }

    private static Event passwordUpdated(String userId, long time) {
        Event event = new Event();
        event.setType(EventType.UPDATE_CREDENTIAL);
        event.setRealmId("realm-1");
        event.setUserId(userId);
        event.setTime(time);
        event.setDetails(Map.of("credential_type", "password"));
        return event;
    }

    private static Event deprecatedTwin(String userId) {
        Event event = passwordUpdated(userId, 0);
        event.setType(EventType.UPDATE_PASSWORD);
        return event;
    }

    private static AdminEvent adminReset(String userId, long time) {
        AdminEvent event = new AdminEvent();
        event.setRealmId("realm-1");
        event.setOperationType(OperationType.ACTION);
        event.setResourceType(ResourceType.USER);
        event.setResourcePath("users/" + userId + "/reset-password");
        event.setTime(time);
        return event;
    }

    private KeycloakTransaction enlisted() {
        ArgumentCaptor<KeycloakTransaction> captor = ArgumentCaptor.forClass(KeycloakTransaction.class);
        verify(transactions).enlistAfterCompletion(captor.capture());
        return captor.getValue();
    }

    @Test
    void givenAChangeThenItsRowIsWrittenAtOnceInTheRequestsTransaction() {
        listener.onEvent(deprecatedTwin("u1"));
        listener.onEvent(passwordUpdated("u1", 1_764_087_300_000L));

        // written before the commit, so it commits, or rolls back, with the change itself
        assertThat(delivered).containsExactly(new Change(
                "realm-1", "u1", Instant.ofEpochMilli(1_764_087_300_000L)));
        verify(transactions).enlistAfterCompletion(any());
    }

    @Test
    void givenARequestMarkedAsAnEfirmaRecoveryThenTheChangeSaysSo() {
        when(session.getAttribute(mx.gob.imss.icsoe.keycloak.efirma.EfirmaRecoveryAuthenticatorFactory.RECOVERY_NOTE)).thenReturn(Boolean.TRUE);
        listener.onEvent(passwordUpdated("u1", 5L));
        listener.onEvent(adminReset("u2", 6L), false);

        assertThat(delivered).containsExactly(new Change("realm-1", "u1", Instant.ofEpochMilli(5L), true),
                new Change("realm-1", "u2", Instant.ofEpochMilli(6L), false));
    }

    @Test
    void givenSeveralEventsForOneUserInOneTransactionThenOneEmail() {
        listener.onEvent(passwordUpdated("u1", 1L));
        listener.onEvent(adminReset("u1", 2L), false);
        listener.onEvent(passwordUpdated("u2", 3L));

        assertThat(delivered).extracting(Change::userId).containsExactly("u1", "u2");
        verify(transactions, times(1)).enlistAfterCompletion(any());
    }

    @Test
    void givenOnlyOtherEventsThenNothingIsWrittenOrEnlisted() {
        Event login = passwordUpdated("u1", 1L);
        login.setType(EventType.LOGIN);
        listener.onEvent(login);
        listener.onEvent(deprecatedTwin("u1"));
        userWithPasswordCreatedAt("u1", 1L);
        listener.onEvent(userUpdate("u1"), false);

        assertThat(delivered).isEmpty();
        verify(transactions, never()).enlistAfterCompletion(any());
    }

    @Test
    void givenAUserUpdateThatSetThePasswordThenOneChange() {
        userWithPasswordCreatedAt("u1", Time.currentTimeMillis() + 1);
        listener.onEvent(userUpdate("u1"), false);
        listener.onEvent(userUpdate("u1"), false);

        assertThat(delivered).extracting(Change::userId).containsExactly("u1");
    }

    private static AdminEvent userUpdate(String userId) {
        AdminEvent update = adminReset(userId, 1L);
        update.setOperationType(OperationType.UPDATE);
        update.setResourcePath("users/" + userId);
        return update;
    }

    /** The realm of the events' realm id holds {@code userId}, whose password credential was created at {@code created}. */
    private void userWithPasswordCreatedAt(String userId, long created) {
        RealmProvider realms = mock(RealmProvider.class);
        UserProvider users = mock(UserProvider.class);
        RealmModel realm = mock(RealmModel.class);
        UserModel user = mock(UserModel.class);
        SubjectCredentialManager credentials = mock(SubjectCredentialManager.class);
        CredentialModel password = new CredentialModel();
        password.setCreatedDate(created);
        when(session.realms()).thenReturn(realms);
        when(session.users()).thenReturn(users);
        when(realms.getRealm(any())).thenReturn(realm);
        when(users.getUserById(realm, userId)).thenReturn(user);
        when(user.credentialManager()).thenReturn(credentials);
        when(credentials.getStoredCredentialsByTypeStream(PasswordCredentialModel.TYPE)).thenAnswer(call -> Stream.of(password));
    }

    @Test
    void givenADeliveryThatFailsThenTheOthersStillGoAndNothingIsThrown() {
        listener = new PasswordUpdatedEmailListener(session, change -> {
            if (change.userId().equals("u1")) {
                throw new IllegalStateException("database down");
            }
            delivered.add(change);
        }, change -> { });
        listener.onEvent(passwordUpdated("u1", 1L));
        listener.onEvent(passwordUpdated("u2", 1L));

        assertThat(delivered).extracting(Change::userId).containsExactly("u2");
    }

    /** The listener counts on Micrometer's global registry: a registry of the test's own sees the counts. */
    @Nested
    class Counts {

        private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

        @BeforeEach
        void addRegistry() {
            Metrics.addRegistry(registry);
        }

        @AfterEach
        void removeRegistry() {
            Metrics.removeRegistry(registry);
        }

        private double changes(String via) {
            var counter = registry.find("icsoe.password.changes").tags("realm", "icsoe", "via", via).counter();
            return counter == null ? 0 : counter.count();
        }

        private Event inRealmIcsoe(Event event) {
            event.setRealmName("icsoe");
            return event;
        }

        @Test
        void givenChangesThatCommitThenOneCountPerUserByWhoChangedIt() {
            listener.onEvent(inRealmIcsoe(passwordUpdated("u1", 1L)));
            listener.onEvent(inRealmIcsoe(passwordUpdated("u1", 2L)));
            AdminEvent admin = adminReset("u2", 3L);
            admin.setRealmName("icsoe");
            listener.onEvent(admin, false);
            assertThat(changes("user")).as("nothing before the commit").isZero();

            KeycloakTransaction afterCommit = enlisted();
            afterCommit.begin();
            afterCommit.commit();

            assertThat(changes("user")).isEqualTo(1);
            assertThat(changes("admin")).isEqualTo(1);
        }

        @Test
        void givenARollbackThenNothingIsCounted() {
            listener.onEvent(inRealmIcsoe(passwordUpdated("u1", 1L)));
            KeycloakTransaction afterCommit = enlisted();
            afterCommit.begin();
            afterCommit.rollback();

            assertThat(changes("user")).isZero();
        }
    }

    @Test
    void givenTheServiceFileThenKeycloakFindsTheFactoryById() {
        assertThat(ServiceLoader.load(EventListenerProviderFactory.class).stream().map(ServiceLoader.Provider::get))
                .filteredOn(factory -> factory.getId().equals("icsoe-password-updated-email"))
                .singleElement().isInstanceOf(PasswordUpdatedEmailListenerFactory.class);
    }
}
