package mx.gob.imss.icsoe.keycloak.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BinaryOperator;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.events.Event;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.AuthDetails;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;

import mx.gob.imss.icsoe.keycloak.privacy.SubjectHasher;

class RedactedEventLineTest {

    private static final String CURP = "HEGG850315MDFRRD07";
    private static final String EMAIL = "capturista@icsoe.example";
    private final SubjectHasher hasher = new SubjectHasher("realm-key".getBytes(StandardCharsets.UTF_8));
    private final BinaryOperator<String> hash = hasher::hash;

    private static Event loginError(Map<String, String> details) {
        Event event = new Event();
        event.setType(EventType.LOGIN_ERROR);
        event.setRealmId("r-1");
        event.setRealmName("icsoe");
        event.setClientId("icsoe-portal");
        event.setUserId("u-1");
        event.setIpAddress("10.1.2.3");
        event.setError("invalid_user_credentials");
        event.setDetails(details);
        return event;
    }

    @Test
    void givenASignInMethodThenItFollowsTheClientAddress() {
        String line = RedactedEventLine.of(loginError(Map.of("username", CURP)), hash, SignInMethod.PASSWORD);

        assertThat(line).contains("ipAddress=\"10.1.2.3\", method=\"password\", error=\"invalid_user_credentials\"")
                .doesNotContainIgnoringCase(CURP);
    }

    @Test
    void givenALoginErrorWithTheTypedCurpAndEmailThenNeitherAppearsButTheirKeyedHashesDo() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("auth_method", "openid-connect");
        details.put("username", CURP);
        details.put("email", EMAIL);
        details.put("first_name", "Guadalupe");
        details.put("redirect_uri", "http://localhost:8080/realms/icsoe/account/");

        String line = RedactedEventLine.of(loginError(details), hash);

        assertThat(line).doesNotContainIgnoringCase(CURP).doesNotContainIgnoringCase(EMAIL).doesNotContain("Guadalupe")
                .startsWith("type=\"LOGIN_ERROR\", realmId=\"r-1\", realmName=\"icsoe\", clientId=\"icsoe-portal\", "
                        + "userId=\"u-1\", ipAddress=\"10.1.2.3\", error=\"invalid_user_credentials\"")
                .contains("auth_method=\"openid-connect\"",
                        "redirect_uri=\"http://localhost:8080/realms/icsoe/account/\"",
                        "username=\"#" + hasher.hash("username", CURP.toLowerCase()) + "\"",
                        "email=\"#" + hasher.hash("email", EMAIL) + "\"");
    }

    @Test
    void givenTheCurpInAnyCaseOrWithSpacesThenTheSameHashSoAttemptsCorrelate() {
        String upper = RedactedEventLine.of(loginError(Map.of("username", CURP)), hash);
        String lower = RedactedEventLine.of(loginError(Map.of("username", " " + CURP.toLowerCase() + " ")), hash);
        assertThat(upper).isEqualTo(lower);
        assertThat(RedactedEventLine.of(loginError(Map.of("username", "OTRO850315MDFRRD07")), hash)).isNotEqualTo(upper);
    }

    @Test
    void givenAnUnknownDetailThenItIsHashedNotWritten() {
        String line = RedactedEventLine.of(loginError(Map.of("some_custom_detail", "María López")), hash);
        assertThat(line).contains("some_custom_detail=\"#").doesNotContain("María");
    }

    @ParameterizedTest
    @ValueSource(strings = {"x\"\nWARN forged=\"1", "a\rb", "tab\there", "nul\u0000x", "ls\u2028x", "back\\slash"})
    void givenHostileValuesInPlainDetailsThenTheLineStaysOneLineAndQuotesAreEscaped(String value) {
        String line = RedactedEventLine.of(loginError(Map.of("reason", value)), hash);
        assertThat(line).doesNotContain("\n", "\r", "\t", "\u0000", "\u2028");
        String reason = line.substring(line.indexOf("reason=\"") + "reason=\"".length(), line.length() - 1);
        assertThat(reason.replaceAll("\\\\[\\\\\"]", "")).doesNotContain("\"");
    }

    @Test
    void givenAHostileDetailKeyThenItCannotForgeAField() {
        String line = RedactedEventLine.of(loginError(Map.of("a=\"b\", userId", "v")), hash);
        assertThat(line).contains("a__b___userId=\"#");
    }

    @Test
    void givenNullsThenTheyAreLeftOut() {
        Event event = new Event();
        event.setType(EventType.LOGIN);
        assertThat(RedactedEventLine.of(event, hash)).isEqualTo("type=\"LOGIN\"");
    }

    @Test
    void givenAnAdminEventThenNoRepresentationAndAuthDetailsAreIds() {
        AdminEvent event = new AdminEvent();
        event.setOperationType(OperationType.CREATE);
        event.setRealmId("r-1");
        event.setResourceType(ResourceType.USER);
        event.setResourcePath("users/6f1c");
        event.setRepresentation("{\"username\":\"" + CURP + "\",\"email\":\"" + EMAIL + "\"}");
        AuthDetails auth = new AuthDetails();
        auth.setClientId("admin-cli");
        auth.setUserId("admin-id");
        auth.setIpAddress("127.0.0.1");
        event.setAuthDetails(auth);

        String line = RedactedEventLine.of(event, hash);

        assertThat(line).isEqualTo("operationType=\"CREATE\", realmId=\"r-1\", clientId=\"admin-cli\", userId=\"admin-id\", "
                + "ipAddress=\"127.0.0.1\", resourceType=\"USER\", resourcePath=\"users/6f1c\"");
    }

    @Test
    void givenLevelSettingsThenAnyCaseIsReadAndNonsenseIsRefused() {
        assertThat(RedactingLoggingEventListenerFactory.level(null, Logger.Level.DEBUG)).isEqualTo(Logger.Level.DEBUG);
        assertThat(RedactingLoggingEventListenerFactory.level(" Info ", Logger.Level.DEBUG)).isEqualTo(Logger.Level.INFO);
        assertThat(RedactingLoggingEventListenerFactory.level("warn", Logger.Level.DEBUG)).isEqualTo(Logger.Level.WARN);
        assertThatThrownBy(() -> RedactingLoggingEventListenerFactory.level("loud", Logger.Level.DEBUG))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("loud");
    }
}
