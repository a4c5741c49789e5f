package mx.gob.imss.icsoe.keycloak.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.BadRequestException;
import mx.gob.imss.icsoe.keycloak.testing.Browsers;
import mx.gob.imss.icsoe.keycloak.testing.Capturista;
import mx.gob.imss.icsoe.keycloak.testing.IcsoeKeycloak;
import mx.gob.imss.icsoe.keycloak.testing.KeycloakExtension;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlAnchor;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;

/**
 * The wiring of the ICSOE password policies inside a real Keycloak with the imported realm, for one
 * user: what the admin API and the update-password page answer. The rules' full matrix is in
 * {@link IcsoeRuleTest} and {@link IcsoePasswordPolicyProvidersTest}.
 */
@ExtendWith(KeycloakExtension.class)
class IcsoePasswordPolicyIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final IcsoeKeycloak kc;
    private final Capturista capturista;

    IcsoePasswordPolicyIT(IcsoeKeycloak kc) {
        this.kc = kc;
        this.capturista = kc.users().create();
    }

    /**
     * One row per ICSOE policy and one built-in, and "qwer" (four policies broken: the length comes
     * first, by our manager's order); the full matrix is in the unit tests.
     */
    static Stream<Arguments> violations() {
        return Stream.of(
                arguments("Pq7!mZ", "invalidPasswordMinLengthMessage", "8"),
                arguments("qwer", "invalidPasswordMinLengthMessage", "8"),
                arguments("Pq7!\u00A0mZ2x", "icsoeInvalidPasswordWhitespaceMessage", null),
                arguments("Pq7ñmZ2x", "icsoeInvalidPasswordSpecialCharsMessage", "- * ? ! @ # $ / ( ) = . , : ;"),
                arguments("Pq7!mZ2xXx", "icsoeInvalidPasswordRepeatedCharsMessage", "3"),
                arguments("Pq7!mZdcba", "icsoeInvalidPasswordSequenceMessage", "4"),
                arguments("Pq7!mZñlkj", "icsoeInvalidPasswordKeyboardPatternMessage", "4"),
                // the common shapes the composition rules alone let through (measured on the shipped realm)
                arguments("Imss.2024!", "icsoeInvalidPasswordCommonMessage", null),
                arguments("Mexico.2025!", "icsoeInvalidPasswordCommonMessage", null),
                arguments("Password.1!", "icsoeInvalidPasswordCommonMessage", null),
                arguments("Password1!", "icsoeInvalidPasswordCommonMessage", null));
    }

    @ParameterizedTest(name = "[{index}] refused with {1}")
    @MethodSource("violations")
    void givenAViolatingPassword_whenTheAdminResetsIt_thenThatRulesErrorWithoutThePassword(String password,
            String key, String parameter) throws Exception {
        Map<String, Object> error = resetPasswordError(password);

        assertThat(error).containsEntry("error", key);
        String description = String.valueOf(error.get("error_description"));
        if (parameter != null) {
            assertThat(description).contains(parameter);
        }
        assertThat(description).doesNotContain(password).doesNotContain(password.substring(0, 4));
    }

    @ParameterizedTest(name = "[{index}] accepted")
    @ValueSource(strings = {"Pq7!mZ2x", "Ñandú#Veloz7"})
    void givenAValidPassword_whenTheAdminResetsIt_thenKeycloakAcceptsIt(String password) {
        assertThatCode(() -> resetPassword(password)).doesNotThrowAnyException();
    }

    @Test
    void givenALongerSequenceRunInTheRealm_whenFourDigitsInARow_thenAcceptedUntilFive() throws Exception {
        withPolicy(policy -> policy.replace("icsoeNoSequence(4)", "icsoeNoSequence(5)"), () -> {
            assertThatCode(() -> resetPassword("Pq7!mZabcd9")).doesNotThrowAnyException();
            Map<String, Object> error = resetPasswordError("Pq7!mZabcde9");
            assertThat(error).containsEntry("error", "icsoeInvalidPasswordSequenceMessage");
            assertThat(String.valueOf(error.get("error_description"))).contains("5");
        });
        // restored: four is refused again
        assertThat(resetPasswordError("Pq7!mZabcd9")).containsEntry("error", "icsoeInvalidPasswordSequenceMessage");
    }

    @Test
    void givenTheKeyboardRunLoweredToThree_whenThreeKeysInARow_thenRefused() throws Exception {
        assertThatCode(() -> resetPassword("Pq7!mZ2xcv")).doesNotThrowAnyException();
        withPolicy(policy -> policy.replace("icsoeNoKeyboardPattern(4)", "icsoeNoKeyboardPattern(3)"), () ->
                assertThat(resetPasswordError("Pq7!mZ2xcv"))
                        .containsEntry("error", "icsoeInvalidPasswordKeyboardPatternMessage"));
    }

    /** One error only, and the first in our manager's order, whatever the order of the policy string. */
    @Test
    void givenTwoBrokenPolicies_whenEitherOrderInThePolicyString_thenTheLengthMessageAlone() throws Exception {
        List<String> seen = new java.util.ArrayList<>();
        for (String policy : List.of("length(8) and digits(1)", "digits(1) and length(8)")) {
            withPolicy(current -> policy, () -> seen.add(String.valueOf(resetPasswordError("abc").get("error"))));
        }
        assertThat(seen).containsExactly("invalidPasswordMinLengthMessage", "invalidPasswordMinLengthMessage");
    }

    @Test
    void givenABadRunLength_whenTheAdminSetsThePolicy_thenKeycloakRefusesItSayingWhatToGive() {
        RealmResource realm = kc.realm();
        String original = realm.toRepresentation().getPasswordPolicy();
        String bad = original.replace("icsoeNoSequence(4)", "icsoeNoSequence(x)");
        assertThat(bad).isNotEqualTo(original);

        BadRequestException refused = catchThrowableOfType(BadRequestException.class, () -> setPolicy(realm, bad));

        assertThat(refused).as("Keycloak accepted icsoeNoSequence(x)").isNotNull();
        assertThat(refused.getResponse().readEntity(String.class))
                .contains("Invalid config for icsoeNoSequence: must be a whole number from 3 to 64");
        assertThat(realm.toRepresentation().getPasswordPolicy()).isEqualTo(original);
    }

    @Test
    void givenAPasswordChange_whenThePreviousPasswordIsSetAgain_thenRefusedByTheHistory() throws Exception {
        String previous = capturista.password();
        resetPassword(kc.users().password());

        // Keycloak's passwordHistory(5): its message key, its count
        Map<String, Object> error = resetPasswordError(previous);
        assertThat(error).containsEntry("error", "invalidPasswordHistoryMessage");
        assertThat(String.valueOf(error.get("error_description"))).contains("5").doesNotContain(previous);
    }

    @Test
    void givenTheUpdatePasswordPageFromTheAdminsEmail_whenABadPasswordIsSaved_thenTheSpanishMessage() throws Exception {
        HtmlPage answer = saveOnTheUpdatePasswordPage("Pq7!mZ6789");

        // 6789 is also a keyboard run: Keycloak's own manager would ask icsoeNoKeyboardPattern first
        assertThat(answer.asNormalizedText()).contains("La contraseña no debe contener 4 o más números o letras consecutivos");
        assertThat(answer.asXml()).doesNotContain("Pq7!mZ6789");
    }

    @Test
    void givenTheUpdatePasswordPageFromTheAdminsEmail_whenACommonPasswordIsSaved_thenTheSpanishMessage() throws Exception {
        HtmlPage answer = saveOnTheUpdatePasswordPage("Imss.2024!");

        assertThat(answer.asNormalizedText()).contains("La contraseña es demasiado común")
                .contains("con números o caracteres especiales");
        assertThat(answer.asXml()).doesNotContain("Imss.2024!");
    }

    /** Follows the admin's "update your password" email to the ICSOE page and saves {@code password} there. */
    private HtmlPage saveOnTheUpdatePasswordPage(String password) throws Exception {
        kc.realm().users().get(capturista.id()).executeActionsEmail(List.of("UPDATE_PASSWORD"));
        String link = kc.mailbox().awaitMessagesTo(capturista.email(), 1, Duration.ofSeconds(60)).get(0)
                .linkContaining("action-token");

        try (WebClient browser = Browsers.htmlUnit()) {
            HtmlPage page = browser.getPage(link);
            if (page.getElementById("kc-passwd-update-form") == null) {
                // Keycloak first shows "perform the following actions" with a link to go on
                HtmlPage info = page;
                HtmlAnchor proceed = info.getAnchors().stream()
                        .filter(a -> a.getHrefAttribute().contains("login-actions"))
                        .filter(a -> !a.getHrefAttribute().contains("kc_locale")).findFirst()
                        .orElseThrow(() -> new AssertionError("no way to the update-password form: " + info.asNormalizedText()));
                page = proceed.click();
            }
            HtmlForm form = (HtmlForm) page.getElementById("kc-passwd-update-form");
            assertThat(form).as(page.asNormalizedText()).isNotNull();
            form.getInputByName("password-new").type(password);
            form.getInputByName("password-confirm").type(password);
            HtmlElement submit = form.getFirstByXPath(".//*[@type='submit']");
            return submit.click();
        }
    }

    private void resetPassword(String password) {
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setValue(password);
        credential.setTemporary(false);
        kc.realm().users().get(capturista.id()).resetPassword(credential);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> resetPasswordError(String password) throws Exception {
        BadRequestException refused = catchThrowableOfType(BadRequestException.class, () -> resetPassword(password));
        assertThat(refused).as("Keycloak accepted a password it should refuse").isNotNull();
        String body = refused.getResponse().readEntity(String.class);
        return JSON.readValue(body, Map.class);
    }

    private interface Check {
        void run() throws Exception;
    }

    /** Runs {@code check} with the realm's policy changed, and always puts the policy back. */
    private void withPolicy(java.util.function.UnaryOperator<String> change, Check check) throws Exception {
        RealmResource realm = kc.realm();
        String original = realm.toRepresentation().getPasswordPolicy();
        String changed = change.apply(original);
        assertThat(changed).isNotEqualTo(original);
        setPolicy(realm, changed);
        try {
            check.run();
        } finally {
            setPolicy(realm, original);
        }
    }

    private static void setPolicy(RealmResource realm, String policy) {
        RealmRepresentation update = new RealmRepresentation();
        update.setPasswordPolicy(policy);
        realm.update(update);
    }

}
