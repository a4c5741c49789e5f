package mx.gob.imss.icsoe.keycloak.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import java.util.stream.Stream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.models.ModelException;
import org.keycloak.models.PasswordPolicy;
import org.keycloak.policy.PasswordPolicyConfigException;
import org.keycloak.policy.PasswordPolicyProvider;
import org.keycloak.policy.PasswordPolicyProviderFactory;
import org.keycloak.policy.PolicyError;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

class IcsoePasswordPolicyProvidersTest {

    static final String[] IDS = {"icsoeSpecialChars", "icsoeNoWhitespace", "icsoeNoKeyboardPattern",
            "icsoeNoSequence", "icsoeNoRepeatedChars"};

    final TestPolicies policies = new TestPolicies();

    @Test
    void everyFactoryIsRegisteredForServiceLoader() {
        assertThat(ServiceLoader.load(PasswordPolicyProviderFactory.class).stream().map(p -> p.get().getId()))
                .contains(IDS);
        assertThat(ServiceLoader.load(PasswordPolicyProviderFactory.class).stream()
                .map(ServiceLoader.Provider::type).filter(t -> t.getPackageName().equals(getClass().getPackageName())))
                .hasSize(IDS.length);
    }

    @ParameterizedTest
    @ValueSource(strings = {"icsoeSpecialChars", "icsoeNoWhitespace", "icsoeNoKeyboardPattern", "icsoeNoSequence",
            "icsoeNoRepeatedChars"})
    void givenAFactoryThenItDescribesItselfForTheAdminConsole(String id) {
        PasswordPolicyProviderFactory factory = policies.factories.get(id);
        assertThat(factory.getDisplayName()).startsWith("ICSOE: ");
        assertThat(factory.isMultiplSupported()).isFalse();
        assertThat(((ServerInfoAwareProviderFactory) factory).getOperationalInfo()).containsKey("version");
        PasswordPolicyProvider provider = factory.create(policies.session);
        // the default shown in the admin console parses to the rule's default
        assertThat(provider.parseConfig(factory.getDefaultConfigValue())).isEqualTo(provider.parseConfig(null));
    }

    @Test
    void givenBlankOrMissingConfigThenDefaults() {
        assertThat(policies.provider("icsoeNoKeyboardPattern").parseConfig(null)).isEqualTo(4);
        assertThat(policies.provider("icsoeNoSequence").parseConfig(" ")).isEqualTo(4);
        assertThat(policies.provider("icsoeNoRepeatedChars").parseConfig("")).isEqualTo(3);
        assertThat(policies.provider("icsoeSpecialChars").parseConfig(null))
                .isEqualTo(SpecialCharSet.parse("-*?!@#$/()=.,:;"));
        assertThat(policies.provider("icsoeNoWhitespace").parseConfig(null)).isEqualTo(Boolean.TRUE);
    }

    @Test
    void givenAValidRunThenItIsKept() {
        assertThat(policies.provider("icsoeNoKeyboardPattern").parseConfig(" 5 ")).isEqualTo(5);
        assertThat(policies.provider("icsoeNoRepeatedChars").parseConfig("2")).isEqualTo(2);
        assertThat(policies.provider("icsoeSpecialChars").parseConfig("#%&")).hasToString("#%&");
    }

    static Stream<Arguments> badConfigs() {
        return Stream.of(arguments("icsoeNoKeyboardPattern", "abc"), arguments("icsoeNoKeyboardPattern", "2"),
                arguments("icsoeNoKeyboardPattern", "65"), arguments("icsoeNoSequence", "-1"),
                arguments("icsoeNoSequence", "4.5"), arguments("icsoeNoRepeatedChars", "1"),
                arguments("icsoeNoRepeatedChars", "99999999999"), arguments("icsoeSpecialChars", "\u0001\u0002"));
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

    @Nested
    class GivenTheRealmPolicy {

        final PasswordPolicy policy = policies.realmPolicy(TestPolicies.REALM_POLICY);

        @Test
        void thenTheSpecialSetSurvivesKeycloaksParserWithItsParentheses() {
            assertThat(policy.<Object>getPolicyConfig("icsoeSpecialChars")).hasToString("-*?!@#$/()=.,:;");
        }

        @ParameterizedTest(name = "{0} → {1}")
        @MethodSource("mx.gob.imss.icsoe.keycloak.policy.IcsoePasswordPolicyProvidersTest#errors")
        void thenEachIcsoeProviderReportsTheMostHelpfulErrorWithoutThePassword(String password, String key, Object param) {
            for (String id : IDS) {
                PolicyError error = policies.provider(id).validate(policies.realm, null, password);
                assertThat(error).as(id).isNotNull();
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
        }

        @Test
        void thenAValidPasswordPassesEveryIcsoeProvider() {
            for (String id : IDS) {
                assertThat(policies.provider(id).validate(policies.realm, null, "Pq7!mZ2x")).as(id).isNull();
            }
        }
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                arguments("Pq7!mZ2x".repeat(17), "invalidPasswordMaxLengthMessage", 128),
                arguments("Pq7!mZ", "invalidPasswordMinLengthMessage", 8),
                arguments("Pq7! mZ2x", "icsoeInvalidPasswordWhitespaceMessage", null),
                arguments("pq7!mz2x", "invalidPasswordMinUpperCaseCharsMessage", 1),
                arguments("PQ7!MZ2X", "invalidPasswordMinLowerCaseCharsMessage", 1),
                arguments("Pqr!mZwx", "invalidPasswordMinDigitsMessage", 1),
                arguments("Pq7%mZ2x", "icsoeInvalidPasswordSpecialCharsMessage", "- * ? ! @ # $ / ( ) = . , : ;"),
                arguments("Pq7!mZ2xxx", "icsoeInvalidPasswordRepeatedCharsMessage", 3),
                arguments("Pq7!mZ6789", "icsoeInvalidPasswordSequenceMessage", 4),
                arguments("Pq7!Zxcvm2", "icsoeInvalidPasswordKeyboardPatternMessage", 4));
    }

    @Test
    void givenOnlyOneIcsoePolicyThenNoOtherRuleIsReported() {
        policies.realmPolicy("icsoeNoSequence(5)");
        PasswordPolicyProvider provider = policies.provider("icsoeNoSequence");
        assertThat(provider.validate(policies.realm, null, "qwer 1111")).isNull();
        assertThat(provider.validate(policies.realm, null, "1234")).isNull();
        assertThat(provider.validate(policies.realm, null, "12345").getParameters()).containsExactly(5);
    }

    @Test
    void keycloakAsksPoliciesInHashMapOrderSoTheKeyboardPolicyIsAskedFirst() {
        // pins the 26.7.4/26.7.5 behaviour IcsoePasswordPolicyProvider relies on (see its javadoc)
        assertThat(policies.realmPolicy(TestPolicies.REALM_POLICY).getPolicies()).first().isEqualTo("icsoeNoKeyboardPattern");
    }

    @Test
    void everyMessageKeyExistsInSpanishAndEnglishWithItsPlaceholder() throws Exception {
        Path bundles = Path.of("src/main/resources/theme-resources/messages");
        for (String bundle : new String[] {"messages_es.properties", "messages_en.properties"}) {
            java.util.Properties p = new java.util.Properties();
            try (var reader = Files.newBufferedReader(bundles.resolve(bundle))) {
                p.load(reader);
            }
            assertThat(p.getProperty(IcsoePolicyMessages.SPECIAL_CHARS)).as(bundle).contains("{0}");
            assertThat(p.getProperty(IcsoePolicyMessages.WHITESPACE)).as(bundle).isNotBlank().doesNotContain("{0}");
            assertThat(p.getProperty(IcsoePolicyMessages.KEYBOARD_PATTERN)).as(bundle).contains("{0}");
            assertThat(p.getProperty(IcsoePolicyMessages.SEQUENCE)).as(bundle).contains("{0}");
            assertThat(p.getProperty(IcsoePolicyMessages.REPEATED_CHARS)).as(bundle).contains("{0}");
        }
    }
}
