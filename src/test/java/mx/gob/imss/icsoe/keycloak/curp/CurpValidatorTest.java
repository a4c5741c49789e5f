package mx.gob.imss.icsoe.keycloak.curp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.ServiceLoader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.validate.ValidationContext;
import org.keycloak.validate.ValidationError;
import org.keycloak.validate.ValidatorConfig;
import org.keycloak.validate.ValidatorFactory;

class CurpValidatorTest {

    private final CurpValidator validator = new CurpValidator();

    @ParameterizedTest
    @ValueSource(strings = {"hegg560427mvzrrl04", "HEGG560427MVZRRL04", " Hegg560427MvzRRL04 "})
    void givenACurpInAnyCaseThenNoError(String username) {
        ValidationContext context = validator.validate(username, "username", new ValidationContext(),
                ValidatorConfig.EMPTY);

        assertThat(context.isValid()).isTrue();
        assertThat(context.getErrors()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"admin", "hegg560427mvzrrl05", "hegg560427mvzrrl0", "putо560427mvzrrl04"})
    void givenAnythingElseThenOneFormatError(String username) {
        ValidationContext context = validator.validate(username, "username", new ValidationContext(),
                ValidatorConfig.EMPTY);

        assertThat(context.isValid()).isFalse();
        assertThat(context.getErrors()).singleElement().satisfies(error -> {
            assertThat(error.getValidatorId()).isEqualTo("icsoe-curp");
            assertThat(error.getInputHint()).isEqualTo("username");
            assertThat(error.getMessage()).isEqualTo("icsoeInvalidCurpMessage");
        });
    }

    @Test
    void givenSeveralValuesThenEachIsChecked() {
        ValidationContext context = validator.validate(List.of("HEGG560427MVZRRL04", "nope"), "username",
                new ValidationContext(), ValidatorConfig.EMPTY);

        assertThat(context.getErrors()).extracting(ValidationError::getMessage)
                .containsExactly("icsoeInvalidCurpMessage");
    }

    @Test
    void givenTheServiceFileThenKeycloakFindsTheValidatorById() {
        assertThat(ServiceLoader.load(ValidatorFactory.class).stream().map(ServiceLoader.Provider::get))
                .filteredOn(factory -> factory.getId().equals(CurpValidator.PROVIDER_ID))
                .singleElement().isInstanceOf(CurpValidator.class);
    }

    @Test
    void givenTheServerBundlesThenSpanishAndEnglishCarryTheFormatMessage() throws java.io.IOException {
        for (String locale : List.of("es", "en")) {
            java.util.Properties properties = new java.util.Properties();
            try (var in = getClass().getClassLoader()
                    .getResourceAsStream("theme-resources/messages/messages_" + locale + ".properties")) {
                properties.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
            }
            assertThat(properties.getProperty(CurpValidator.MESSAGE_INVALID_CURP)).as(locale).contains("CURP");
        }
    }
}
