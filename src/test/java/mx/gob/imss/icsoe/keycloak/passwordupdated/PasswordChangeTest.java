package mx.gob.imss.icsoe.keycloak.passwordupdated;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.events.Event;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;

class PasswordChangeTest {

    private static Event userEvent(EventType type, String credentialType) {
        Event event = new Event();
        event.setType(type);
        event.setRealmId("realm-1");
        event.setUserId("user-1");
        Map<String, String> details = new HashMap<>();
        if (credentialType != null) {
            details.put("credential_type", credentialType);
        }
        event.setDetails(details);
        return event;
    }

    private static AdminEvent adminEvent(OperationType operation, ResourceType type, String path) {
        AdminEvent event = new AdminEvent();
        event.setRealmId("realm-1");
        event.setOperationType(operation);
        event.setResourceType(type);
        event.setResourcePath(path);
        return event;
    }

    @Nested
    class GivenUserEvents {

        @Test
        void whenThePasswordCredentialWasUpdatedThenItIsAChangeOfThatUser() {
            assertThat(PasswordChange.userOf(userEvent(EventType.UPDATE_CREDENTIAL, "password"))).contains("user-1");
        }

        @Test
        void whenTheDeprecatedTwinUpdatePasswordArrivesThenItIsIgnoredSoOnlyOneEmailGoesOut() {
            assertThat(PasswordChange.userOf(userEvent(EventType.UPDATE_PASSWORD, "password"))).isEmpty();
            assertThat(PasswordChange.userOf(userEvent(EventType.UPDATE_PASSWORD, null))).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"otp", "webauthn", "recovery-authn-codes", ""})
        void whenAnotherCredentialWasUpdatedThenNoChange(String type) {
            assertThat(PasswordChange.userOf(userEvent(EventType.UPDATE_CREDENTIAL, type))).isEmpty();
        }

        @ParameterizedTest
        @EnumSource(value = EventType.class, names = {"UPDATE_CREDENTIAL", "UPDATE_PASSWORD"},
                mode = EnumSource.Mode.EXCLUDE)
        void whenAnyOtherTypeThenNoChange(EventType type) {
            assertThat(PasswordChange.userOf(userEvent(type, "password"))).isEmpty();
        }

        @Test
        void whenTheEventCarriesAnErrorThenNoChange() {
            Event event = userEvent(EventType.UPDATE_CREDENTIAL, "password");
            event.setError("password_rejected");

            assertThat(PasswordChange.userOf(event)).isEmpty();
        }

        @Test
        void whenNoDetailsOrNoEventThenNoChange() {
            Event event = userEvent(EventType.UPDATE_CREDENTIAL, "password");
            event.setDetails(null);

            assertThat(PasswordChange.userOf(event)).isEmpty();
            assertThat(PasswordChange.userOf((Event) null)).isEmpty();
        }
    }

    @Nested
    class GivenAdminEvents {

        @Test
        void whenAnAdminResetThePasswordThenItIsAChangeOfThatUser() {
            AdminEvent event = adminEvent(OperationType.ACTION, ResourceType.USER,
                    "users/0f1e2d3c-aaaa-bbbb-cccc-123456789abc/reset-password");

            assertThat(PasswordChange.userOf(event)).contains("0f1e2d3c-aaaa-bbbb-cccc-123456789abc");
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "users/u1/execute-actions-email", "users/u1/send-verify-email", "users/u1/logout",
                "users/u1/reset-password-email", "users/u1", "users/u1/reset-password/x",
                "clients/u1/reset-password", "users//reset-password"})
        void whenAnotherUserActionThenNoChange(String path) {
            assertThat(PasswordChange.userOf(adminEvent(OperationType.ACTION, ResourceType.USER, path))).isEmpty();
        }

        @ParameterizedTest
        @EnumSource(value = OperationType.class, names = "ACTION", mode = EnumSource.Mode.EXCLUDE)
        void whenNotAnActionThenNoChange(OperationType operation) {
            assertThat(PasswordChange.userOf(adminEvent(operation, ResourceType.USER, "users/u1/reset-password")))
                    .isEmpty();
        }

        @Test
        void whenAnotherResourceTypeOrAnErrorThenNoChange() {
            assertThat(PasswordChange.userOf(adminEvent(OperationType.ACTION, ResourceType.CLIENT,
                    "users/u1/reset-password"))).isEmpty();
            AdminEvent failed = adminEvent(OperationType.ACTION, ResourceType.USER, "users/u1/reset-password");
            failed.setError("invalid");
            assertThat(PasswordChange.userOf(failed)).isEmpty();
            assertThat(PasswordChange.userOf((AdminEvent) null)).isEmpty();
        }
    }

    @Nested
    class GivenAnAdminUserUpdate {

        @Test
        void whenTheUserItselfWasUpdatedThenItNamesTheUser() {
            assertThat(PasswordChange.updatedUserOf(adminEvent(OperationType.UPDATE, ResourceType.USER, "users/u1")))
                    .contains("u1");
        }

        @ParameterizedTest
        @ValueSource(strings = {"users/u1/reset-password", "users/u1/groups/g1", "users", "users/", "clients/u1"})
        void whenAnotherPathThenNoUser(String path) {
            assertThat(PasswordChange.updatedUserOf(adminEvent(OperationType.UPDATE, ResourceType.USER, path))).isEmpty();
        }

        @ParameterizedTest
        @EnumSource(value = OperationType.class, names = "UPDATE", mode = EnumSource.Mode.EXCLUDE)
        void whenNotAnUpdateThenNoUser(OperationType operation) {
            assertThat(PasswordChange.updatedUserOf(adminEvent(operation, ResourceType.USER, "users/u1"))).isEmpty();
        }

        @Test
        void whenAPasswordWasCreatedAtOrAfterTheRequestStartedThenItWasSetByIt() {
            assertThat(PasswordChange.passwordSetSince(java.util.stream.Stream.of(1_000L), 1_000L)).isTrue();
            assertThat(PasswordChange.passwordSetSince(java.util.stream.Stream.of(500L, 1_200L), 1_000L)).isTrue();
        }

        @Test
        void whenThePasswordIsOlderOrThereIsNoneThenTheUpdateDidNotSetIt() {
            assertThat(PasswordChange.passwordSetSince(java.util.stream.Stream.of(999L), 1_000L)).isFalse();
            assertThat(PasswordChange.passwordSetSince(java.util.stream.Stream.of((Long) null), 1_000L)).isFalse();
            assertThat(PasswordChange.passwordSetSince(java.util.stream.Stream.empty(), 1_000L)).isFalse();
        }
    }
}
