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
 * The ICSOE password policies inside a real Keycloak 26.7.5 with the imported realm: what the admin
 * API and the update-password page answer, and the Keycloak behaviour the providers rely on.
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

    static Stream<Arguments> violations() {
        return Stream.of(
                arguments("Pq7!mZ", "invalidPasswordMinLengthMessage", "8"),
                arguments("qwer", "invalidPasswordMinLengthMessage", "8"),
                arguments("Pq7!mZ2x".repeat(17), "invalidPasswordMaxLengthMessage", "128"),
                arguments("Pq7! mZ2x", "icsoeInvalidPasswordWhitespaceMessage", null),
                arguments("Pq7!\u00A0mZ2x", "icsoeInvalidPasswordWhitespaceMessage", null),
                arguments("Pq7!\tmZ2x", "icsoeInvalidPasswordWhitespaceMessage", null),
                arguments("pq7!mz2x", "invalidPasswordMinUpperCaseCharsMessage", "1"),
                arguments("PQ7!MZ2X", "invalidPasswordMinLowerCaseCharsMessage", "1"),
                arguments("Pqr!mZwx", "invalidPasswordMinDigitsMessage", "1"),
                arguments("Pq7%mZ2x", "icsoeInvalidPasswordSpecialCharsMessage", "- * ? ! @ # $ / ( ) = . , : ;"),
                arguments("Pq7ñmZ2x", "icsoeInvalidPasswordSpecialCharsMessage", "- * ? ! @ # $ / ( ) = . , : ;"),
                arguments("Pq7!mZ2xxx", "icsoeInvalidPasswordRepeatedCharsMessage", "3"),
                arguments("Pq7!mZ2xXx", "icsoeInvalidPasswordRepeatedCharsMessage", "3"),
                arguments("Pq7!mZ6789", "icsoeInvalidPasswordSequenceMessage", "4"),
                arguments("Pq7!mZdcba", "icsoeInvalidPasswordSequenceMessage", "4"),
                arguments("Pq7!Zxcvm2", "icsoeInvalidPasswordKeyboardPatternMessage", "4"),
                arguments("Pq7!mZ#$%&", "icsoeInvalidPasswordKeyboardPatternMessage", "4"),
                arguments("Pq7!mZ1qaz", "icsoeInvalidPasswordKeyboardPatternMessage", "4"),
                arguments("Pq7!mZ7410", "icsoeInvalidPasswordKeyboardPatternMessage", "4"),
                arguments("Pq7!mZñlkj", "icsoeInvalidPasswordKeyboardPatternMessage", "4"));
    }

    @ParameterizedTest(name = "[{index}] refused with {1}")
    @MethodSource("violations")
    void givenAViolatingPassword_whenTheAdminResetsIt_thenThatRulesErrorWithoutThePassword(String password,
            String key, String parameter) throws Exception {
        Map<String, Object> error = resetPasswordError(capturista, password);

        assertThat(error).containsEntry("error", key);
        String description = String.valueOf(error.get("error_description"));
        if (parameter != null) {
            assertThat(description).contains(parameter);
        }
        assertThat(description).doesNotContain(password).doesNotContain(password.substring(0, 4));
    }

    @ParameterizedTest(name = "[{index}] accepted")
    @ValueSource(strings = {"Pq7!mZ2x", "Contraseña-Segura9", "Ñandú#Veloz7", "Ll2011.Rr",
            "Pq7!mZ2xPq7!mZ2xPq7!mZ2xPq7!mZ2xPq7!mZ2xPq7!mZ2xPq7!mZ2xPq7!mZ2x"})
    void givenAValidPassword_whenTheAdminResetsIt_thenKeycloakAcceptsIt(String password) {
        assertThatCode(() -> resetPassword(capturista, password)).doesNotThrowAnyException();
    }

    @Test
    void givenAPasswordContainingTheCurp_whenTheAdminResetsIt_thenNotContainsUsernameRefusesIt() throws Exception {
        Capturista user = capturista;
        String password = "Pq7!" + user.curp();
        for (int attempt = 0; PasswordRules.ICSOE.firstViolation(password) != null && attempt < 10; attempt++) {
            user = kc.users().create();     // a random CURP may hold a run of its own: take another
            password = "Pq7!" + user.curp();
        }
        assertThat(PasswordRules.ICSOE.firstViolation(password)).isNull();

        assertThat(resetPasswordError(user, password)).containsEntry("error", "invalidPasswordNotContainsUsernameMessage");
    }

    @Test
    void givenALongerSequenceRunInTheRealm_whenFourDigitsInARow_thenAcceptedUntilFive() throws Exception {
        withPolicy(policy -> policy.replace("icsoeNoSequence(4)", "icsoeNoSequence(5)"), () -> {
            assertThatCode(() -> resetPassword(capturista, "Pq7!mZabcd9")).doesNotThrowAnyException();
            Map<String, Object> error = resetPasswordError(capturista, "Pq7!mZabcde9");
            assertThat(error).containsEntry("error", "icsoeInvalidPasswordSequenceMessage");
            assertThat(String.valueOf(error.get("error_description"))).contains("5");
        });
        // restored: four is refused again
        assertThat(resetPasswordError(capturista, "Pq7!mZabcd9")).containsEntry("error", "icsoeInvalidPasswordSequenceMessage");
    }

    @Test
    void givenTheKeyboardRunLoweredToThree_whenThreeKeysInARow_thenRefused() throws Exception {
        assertThatCode(() -> resetPassword(capturista, "Pq7!mZ2xcv")).doesNotThrowAnyException();
        withPolicy(policy -> policy.replace("icsoeNoKeyboardPattern(4)", "icsoeNoKeyboardPattern(3)"), () ->
                assertThat(resetPasswordError(capturista, "Pq7!mZ2xcv"))
                        .containsEntry("error", "icsoeInvalidPasswordKeyboardPatternMessage"));
    }

    /**
     * Pins the Keycloak 26.7.5 behaviour the providers rely on: the first failing policy alone is
     * reported, and the order is not the policy string's (Keycloak iterates a HashMap of the ids), so
     * the ICSOE providers themselves must put the most helpful message first.
     */
    @Test
    void keycloakReportsOneErrorAndIgnoresTheOrderOfThePolicyString() throws Exception {
        List<String> seen = new java.util.ArrayList<>();
        for (String policy : List.of("length(8) and digits(1)", "digits(1) and length(8)")) {
            withPolicy(current -> policy, () -> {
                Map<String, Object> error = resetPasswordError(capturista, "abc");
                assertThat(error.get("error")).isIn("invalidPasswordMinLengthMessage", "invalidPasswordMinDigitsMessage");
                seen.add(String.valueOf(error.get("error")));
            });
        }
        assertThat(seen.get(1)).as("same policy first whatever the string order").isEqualTo(seen.get(0));
        assertThat(kc.realm().toRepresentation().getPasswordPolicy()).contains("icsoeNoKeyboardPattern(4)");
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
    void givenTheUpdatePasswordPageFromTheAdminsEmail_whenABadPasswordIsSaved_thenTheSpanishMessage() throws Exception {
        Capturista user = kc.users().create();
        kc.realm().users().get(user.id()).executeActionsEmail(List.of("UPDATE_PASSWORD"));
        String link = kc.mailbox().awaitMessagesTo(user.email(), 1, Duration.ofSeconds(60)).get(0)
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
            String bad = "Pq7!mZ6789";
            form.getInputByName("password-new").type(bad);
            form.getInputByName("password-confirm").type(bad);
            HtmlElement submit = form.getFirstByXPath(".//*[@type='submit']");
            HtmlPage answer = submit.click();

            String text = answer.asNormalizedText();
            assertThat(text).contains("La contraseña no debe contener 4 o más números o letras consecutivos");
            assertThat(answer.asXml()).doesNotContain(bad);
        }
    }

    private void resetPassword(Capturista user, String password) {
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setValue(password);
        credential.setTemporary(false);
        kc.realm().users().get(user.id()).resetPassword(credential);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> resetPasswordError(Capturista user, String password) throws Exception {
        BadRequestException refused = catchThrowableOfType(BadRequestException.class, () -> resetPassword(user, password));
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
