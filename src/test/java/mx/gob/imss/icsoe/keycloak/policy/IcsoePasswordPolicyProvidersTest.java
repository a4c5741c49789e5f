package mx.gob.imss.icsoe.keycloak.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.stream.Stream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.keycloak.models.ModelException;
import org.keycloak.models.PasswordPolicy;
import org.keycloak.policy.DigitsPasswordPolicyProviderFactory;
import org.keycloak.policy.LengthPasswordPolicyProviderFactory;
import org.keycloak.policy.LowerCasePasswordPolicyProviderFactory;
import org.keycloak.policy.MaximumLengthPasswordPolicyProviderFactory;
import org.keycloak.policy.PasswordPolicyConfigException;
import org.keycloak.policy.PasswordPolicyManagerProviderFactory;
import org.keycloak.policy.PasswordPolicyManagerSpi;
import org.keycloak.policy.PasswordPolicyProvider;
import org.keycloak.policy.PasswordPolicyProviderFactory;
import org.keycloak.policy.PolicyError;
import org.keycloak.policy.UpperCasePasswordPolicyProviderFactory;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.services.DefaultKeycloakSessionFactory;

/** The six providers inside Keycloak's own policy parser and providers (no server). */
class IcsoePasswordPolicyProvidersTest {

    static final String LENGTH = LengthPasswordPolicyProviderFactory.ID;
    static final String MAX_LENGTH = MaximumLengthPasswordPolicyProviderFactory.ID;
    static final String UPPER = UpperCasePasswordPolicyProviderFactory.ID;
    static final String LOWER = LowerCasePasswordPolicyProviderFactory.ID;
    static final String DIGITS = DigitsPasswordPolicyProviderFactory.ID;
    static final String SPECIAL = "icsoeSpecialChars";
    static final String WHITESPACE = "icsoeNoWhitespace";
    static final String KEYBOARD = "icsoeNoKeyboardPattern";
    static final String SEQUENCE = "icsoeNoSequence";
    static final String REPEATED = "icsoeNoRepeatedChars";
    static final String COMMON = "icsoeNotCommon";

    final TestPolicies policies = new TestPolicies();

    @Test
    void givenTheCatalogueThenItsIdsAreTheDeployedOnes() {
        assertThat(Arrays.stream(IcsoeRule.values()).map(rule -> rule.id))
                .containsExactly(SPECIAL, WHITESPACE, KEYBOARD, SEQUENCE, REPEATED, COMMON);
    }

    @Test
    void everyFactoryIsRegisteredForServiceLoader() {
        assertThat(ServiceLoader.load(PasswordPolicyProviderFactory.class).stream()
                .map(ServiceLoader.Provider::type).filter(t -> t.getPackageName().equals(getClass().getPackageName()))
                .map(t -> policies.factories.values().stream().filter(t::isInstance).findFirst().orElseThrow().getId()))
                .containsExactlyInAnyOrder(SPECIAL, WHITESPACE, KEYBOARD, SEQUENCE, REPEATED, COMMON);
    }

    static Stream<Arguments> adminConsole() {
        return Stream.of(
                arguments(SPECIAL, "ICSOE: Special Character From Set", PasswordPolicyProvider.STRING_CONFIG_TYPE, "-*?!@#$/()=.,:;"),
                arguments(WHITESPACE, "ICSOE: No Whitespace", null, null),
                arguments(KEYBOARD, "ICSOE: No Keyboard Pattern (run length)", PasswordPolicyProvider.INT_CONFIG_TYPE, "4"),
                arguments(SEQUENCE, "ICSOE: No Sequence (run length)", PasswordPolicyProvider.INT_CONFIG_TYPE, "4"),
                arguments(REPEATED, "ICSOE: No Repeated Characters (run length)", PasswordPolicyProvider.INT_CONFIG_TYPE, "3"),
                arguments(COMMON, "ICSOE: Not a Common Word With Digits or Symbols", null, null));
    }

    @ParameterizedTest(name = "{0}: \"{1}\"")
    @MethodSource("adminConsole")
    void givenAFactoryThenItDescribesItselfForTheAdminConsole(String id, String label, String type, String defaultValue) {
        PasswordPolicyProviderFactory factory = policies.factories.get(id);
        assertThat(factory.getDisplayName()).isEqualTo(label);
        assertThat(factory.getConfigType()).isEqualTo(type);
        assertThat(factory.getDefaultConfigValue()).isEqualTo(defaultValue);
        assertThat(factory.isMultiplSupported()).isFalse();
        assertThat(((ServerInfoAwareProviderFactory) factory).getOperationalInfo()).containsKey("version");
        PasswordPolicyProvider provider = factory.create(policies.session);
        // the default shown in the admin console parses to the rule's default
        assertThat(provider.parseConfig(factory.getDefaultConfigValue())).isEqualTo(provider.parseConfig(null));
    }

    @Test
    void givenBlankOrMissingConfigThenDefaults() {
        assertThat(policies.provider(KEYBOARD).parseConfig(null)).isEqualTo(4);
        assertThat(policies.provider(SEQUENCE).parseConfig(" ")).isEqualTo(4);
        assertThat(policies.provider(REPEATED).parseConfig("")).isEqualTo(3);
        assertThat(policies.provider(SPECIAL).parseConfig(null)).isEqualTo("-*?!@#$/()=.,:;");
        assertThat(policies.provider(WHITESPACE).parseConfig(null)).isEqualTo(Boolean.TRUE);
    }

    @Test
    void givenAValidRunThenItIsKept() {
        assertThat(policies.provider(KEYBOARD).parseConfig(" 5 ")).isEqualTo(5);
        assertThat(policies.provider(REPEATED).parseConfig("2")).isEqualTo(2);
        assertThat(policies.provider(SPECIAL).parseConfig("#%&")).isEqualTo("#%&");
    }

    static Stream<Arguments> badConfigs() {
        return Stream.of(arguments(KEYBOARD, "abc"), arguments(KEYBOARD, "2"), arguments(KEYBOARD, "65"),
                arguments(SEQUENCE, "-1"), arguments(SEQUENCE, "4.5"), arguments(REPEATED, "1"),
                arguments(REPEATED, "99999999999"), arguments(SPECIAL, "\u0001\u0002"));
    }

    @ParameterizedTest(name = "{0}({1}) is refused with a message saying what to give")
    @MethodSource("badConfigs")
    void givenBadConfigThenAClearConfigException(String id, String config) {
        assertThatThrownBy(() -> policies.provider(id).parseConfig(config))
                .isInstanceOf(PasswordPolicyConfigException.class)
                .hasMessageMatching("(must be a whole number from [23] to 64.*|give the special characters, e\\.g\\. .*)");
    }

    @Test
    void givenBadConfigInAPolicyStringThenKeycloakRefusesThePolicy() {
        assertThatThrownBy(() -> policies.realmPolicy("length(8) and icsoeNoSequence(x)"))
                .isInstanceOf(ModelException.class)
                .hasMessage("Invalid config for icsoeNoSequence: must be a whole number from 3 to 64");
    }

    @Test
    void givenOnlyOneIcsoePolicyThenNoOtherRuleIsReported() {
        policies.realmPolicy("icsoeNoSequence(5)");
        PasswordPolicyProvider provider = policies.provider(SEQUENCE);
        assertThat(provider.validate(policies.realmModel, null, "qwer 1111")).isNull();
        assertThat(provider.validate(policies.realmModel, null, "1234")).isNull();
        assertThat(provider.validate(policies.realmModel, null, "12345").getParameters()).containsExactly(5);
    }

    @Test
    void givenKeycloaksDefaultManagerThenOursIsTheServersDefault() {
        Map<String, ProviderFactory> managers = new HashMap<>();
        ServiceLoader.load(PasswordPolicyManagerProviderFactory.class).forEach(f -> managers.put(f.getId(), f));
        assertThat(managers).containsKeys("default", "icsoe");
        assertThat(DefaultKeycloakSessionFactory.resolveDefaultProvider(managers, new PasswordPolicyManagerSpi())).isEqualTo("icsoe");
    }

    @ParameterizedTest
    @EnumSource(IcsoeRule.class)
    void everyMessageKeyExistsInSpanishAndEnglishWithItsPlaceholder(IcsoeRule rule) throws Exception {
        boolean hasParameter = rule.messageParameters(rule.parse(null)).length > 0;
        for (String bundle : new String[] {"messages_es.properties", "messages_en.properties"}) {
            Properties messages = new Properties();
            try (var reader = Files.newBufferedReader(Path.of("src/main/resources/theme-resources/messages", bundle))) {
                messages.load(reader);
            }
            assertThat(messages.getProperty(rule.messageKey)).as(bundle).isNotBlank();
            assertThat(messages.getProperty(rule.messageKey).contains("{0}")).as(bundle).isEqualTo(hasParameter);
        }
    }

    @Nested
    class GivenTheRealmPolicy {

        final PasswordPolicy policy = policies.realmPolicy(TestPolicies.REALM_POLICY);

        @Test
        void thenTheSpecialSetSurvivesKeycloaksParserWithItsParentheses() {
            assertThat(policy.<Object>getPolicyConfig(SPECIAL)).isEqualTo("-*?!@#$/()=.,:;");
        }

        /** Why the manager exists: Keycloak 26.7.4 would ask the policies in the order of a HashMap of the ids. */
        @Test
        void thenKeycloakAsksThePoliciesInTheOrderOfItsHashMap() {
            assertThat(policy.getPolicies()).containsExactly(KEYBOARD, PasswordPolicy.PASSWORD_HISTORY_ID, LENGTH, SEQUENCE,
                    COMMON, "notUsername", SPECIAL, "notEmail", "notContainsUsername", WHITESPACE, UPPER, LOWER, DIGITS,
                    MAX_LENGTH, REPEATED);
        }

        @ParameterizedTest(name = "{0} → {1}")
        @MethodSource("mx.gob.imss.icsoe.keycloak.policy.IcsoePasswordPolicyProvidersTest#errors")
        void thenExactlyThatPolicyRefusesWithItsMessageAndNotThePassword(String password, String id, String key, Object param) {
            assertThat(policies.refusedBy(password)).containsExactly(id);
            PolicyError error = policies.answer(password);
            assertThat(error.getMessage()).isEqualTo(key);
            if (param == null) {
                assertThat(error.getParameters()).isEmpty();
            } else {
                assertThat(error.getParameters()).containsExactly(param);
            }
            assertThat(error.getParameters()).noneMatch(p -> password.contains(String.valueOf(p)) && String.valueOf(p).length() > 1);
            // the username-only entry point reads the realm from the context
            assertThat(policies.provider(id).validate("user", password).getMessage()).isEqualTo(key);
        }

        @ParameterizedTest(name = "accepts \"{0}\"")
        @MethodSource("mx.gob.imss.icsoe.keycloak.policy.IcsoePasswordPolicyProvidersTest#accepted")
        void thenEveryPolicyAcceptsAGoodPassword(String password) {
            assertThat(policies.refusedBy(password)).isEmpty();
            assertThat(policies.answer(password)).isNull();
        }

        @ParameterizedTest(name = "[{index}] refused by {1}, the message is {2}")
        @MethodSource("mx.gob.imss.icsoe.keycloak.policy.IcsoePasswordPolicyProvidersTest#severalBroken")
        void thenEveryBrokenPolicyRefusesAndTheMostHelpfulMessageComesFirst(String password, String[] ids, String first) {
            assertThat(policies.refusedBy(password)).containsExactly(ids);
            assertThat(policies.answer(password).getMessage()).isEqualTo(first);
        }

        @Test
        void thenKeycloakRefusesThePasswordHoldingTheUsername() {
            // the username is the CURP: "tester" stands for it here
            assertThat(policies.refusedBy("Pq7!xTESTERx")).containsExactly("notContainsUsername");
            assertThat(policies.answer("Pq7!xTESTERx").getMessage()).isEqualTo("invalidPasswordNotContainsUsernameMessage");
        }

        @ParameterizedTest(name = "{0} refuses [{index}]: {2}")
        @MethodSource("mx.gob.imss.icsoe.keycloak.policy.IcsoePasswordPolicyProvidersTest#builtIns")
        void thenKeycloaksBuiltInsJudgeLengthAndCharacterClasses(String id, String password, boolean refused) {
            assertThat(policies.refusedBy(password).contains(id)).isEqualTo(refused);
        }
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                arguments("Pq7!mZ2x".repeat(17), MAX_LENGTH, "invalidPasswordMaxLengthMessage", 128),
                arguments("Pq7!mZ", LENGTH, "invalidPasswordMinLengthMessage", 8),
                arguments("Pq7! mZ2x", WHITESPACE, "icsoeInvalidPasswordWhitespaceMessage", null),
                arguments("Pq7!\u00A0mZ2x", WHITESPACE, "icsoeInvalidPasswordWhitespaceMessage", null),
                arguments("Pq7!\tmZ2x", WHITESPACE, "icsoeInvalidPasswordWhitespaceMessage", null),
                arguments("pq7!mz2x", UPPER, "invalidPasswordMinUpperCaseCharsMessage", 1),
                arguments("PQ7!MZ2X", LOWER, "invalidPasswordMinLowerCaseCharsMessage", 1),
                arguments("Pqr!mZwx", DIGITS, "invalidPasswordMinDigitsMessage", 1),
                arguments("Pq7mZ2xk", SPECIAL, "icsoeInvalidPasswordSpecialCharsMessage", "- * ? ! @ # $ / ( ) = . , : ;"),
                arguments("Pq7%mZ2x", SPECIAL, "icsoeInvalidPasswordSpecialCharsMessage", "- * ? ! @ # $ / ( ) = . , : ;"),
                arguments("Pq7ñmZ2x", SPECIAL, "icsoeInvalidPasswordSpecialCharsMessage", "- * ? ! @ # $ / ( ) = . , : ;"),
                arguments("Pq7!mZ2xxx", REPEATED, "icsoeInvalidPasswordRepeatedCharsMessage", 3),
                arguments("Pq7!mZ2xXx", REPEATED, "icsoeInvalidPasswordRepeatedCharsMessage", 3),
                arguments("Pq7!mZabcd", SEQUENCE, "icsoeInvalidPasswordSequenceMessage", 4),
                arguments("Pq7!mZdcba", SEQUENCE, "icsoeInvalidPasswordSequenceMessage", 4),
                arguments("Pq7!Zxcvm2", KEYBOARD, "icsoeInvalidPasswordKeyboardPatternMessage", 4),
                arguments("Pq7!mZ#$%&", KEYBOARD, "icsoeInvalidPasswordKeyboardPatternMessage", 4),
                arguments("Pq7!mZ1qaz", KEYBOARD, "icsoeInvalidPasswordKeyboardPatternMessage", 4),
                arguments("Pq7!mZ7410", KEYBOARD, "icsoeInvalidPasswordKeyboardPatternMessage", 4),
                arguments("Pq7!mZñlkj", KEYBOARD, "icsoeInvalidPasswordKeyboardPatternMessage", 4),
                arguments("Imss.2024!", COMMON, "icsoeInvalidPasswordCommonMessage", null),
                arguments("Mexico.2025!", COMMON, "icsoeInvalidPasswordCommonMessage", null),
                arguments("Password.1!", COMMON, "icsoeInvalidPasswordCommonMessage", null),
                arguments("Password1!", COMMON, "icsoeInvalidPasswordCommonMessage", null),
                arguments("México-2026*", COMMON, "icsoeInvalidPasswordCommonMessage", null),
                arguments("P@ssw0rd.9", COMMON, "icsoeInvalidPasswordCommonMessage", null),
                arguments("Contraseña.9", COMMON, "icsoeInvalidPasswordCommonMessage", null));
    }

    static Stream<String> accepted() {
        return Stream.of("Pq7!mZ2x", "Contraseña-Segura9", "Ñandú#Veloz7", "Mi-Perro*Firulais8", "Ll2011.Rr",
                "Pq7!mZ2x".repeat(8), "Pq7!mZ2x".repeat(16), "Año.Nuevo2024", "Brújula(37)Azul", "Kp9;Tv3,Hm",
                "Rosa😀Roja5!", "Qa2=Wm8:Xo");
    }

    static Stream<Arguments> severalBroken() {
        return Stream.of(
                arguments("", new String[] {LENGTH, SPECIAL, UPPER, LOWER, DIGITS}, "invalidPasswordMinLengthMessage"),
                arguments("qwer", new String[] {KEYBOARD, LENGTH, SPECIAL, UPPER, DIGITS},
                        "invalidPasswordMinLengthMessage"),
                arguments("qwer 111", new String[] {KEYBOARD, SPECIAL, WHITESPACE, UPPER, REPEATED},
                        "icsoeInvalidPasswordWhitespaceMessage"),
                arguments("Pq7!mZ6789", new String[] {KEYBOARD, SEQUENCE}, "icsoeInvalidPasswordSequenceMessage"),
                arguments("Pq7!mZ2x".repeat(17) + " 1234", new String[] {KEYBOARD, SEQUENCE, WHITESPACE, MAX_LENGTH},
                        "invalidPasswordMaxLengthMessage"),
                arguments("abc", new String[] {LENGTH, SPECIAL, UPPER, DIGITS}, "invalidPasswordMinLengthMessage"));
    }

    static Stream<Arguments> builtIns() {
        return Stream.of(
                arguments(UPPER, "abc", true), arguments(UPPER, "Ñandú", false), arguments(UPPER, "ÁRBOL", false),
                arguments(LOWER, "ABC", true), arguments(LOWER, "ABCñ", false),
                arguments(DIGITS, "abc", true), arguments(DIGITS, "abc１", false),
                arguments(LENGTH, "1234567", true), arguments(LENGTH, "12345678", false),
                arguments(MAX_LENGTH, "x".repeat(128), false), arguments(MAX_LENGTH, "x".repeat(129), true));
    }
}
