package mx.gob.imss.icsoe.keycloak.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The email's templates and texts as the jar carries them (theme/icsoe/email/...). */
class PasswordUpdatedEmailTemplatesTest {

    private static final List<String> KEYS = List.of(
            "icsoePasswordUpdatedSubject", "icsoePasswordUpdatedBody", "icsoePasswordUpdatedBodyHtml");

    private static String resource(String path) throws IOException {
        try (InputStream in = PasswordUpdatedEmailTemplatesTest.class.getClassLoader().getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Properties bundle(String locale) throws IOException {
        Properties properties = new Properties();
        properties.load(new InputStreamReader(PasswordUpdatedEmailTemplatesTest.class.getClassLoader()
                .getResourceAsStream("theme/icsoe/email/messages/messages_" + locale + ".properties"),
                StandardCharsets.UTF_8));
        return properties;
    }

    @ParameterizedTest
    @ValueSource(strings = {"html", "text"})
    void givenBothTemplatesThenTheyRenderThroughMsgWithTheStableAttributes(String kind) throws IOException {
        String template = resource("theme/icsoe/email/" + kind + "/" + PasswordUpdatedEmailSender.TEMPLATE);

        assertThat(template).contains("msg(\"icsoePasswordUpdatedBody")
                .contains(PasswordUpdatedEmailSender.ATTR_CHANGED_AT)
                .contains(PasswordUpdatedEmailSender.ATTR_REALM_NAME);
    }

    @Test
    void givenTheBundlesThenSpanishAndEnglishHaveEveryKeyWithTheSamePlaceholders() throws IOException {
        Properties es = bundle("es");
        Properties en = bundle("en");

        for (String key : KEYS) {
            assertThat(es.getProperty(key)).as("es " + key).isNotBlank();
            assertThat(en.getProperty(key)).as("en " + key).isNotBlank();
            assertThat(es.getProperty(key)).as("es " + key + " is translated").isNotEqualTo(en.getProperty(key));
            for (String placeholder : List.of("{0}", "{1}")) {
                assertThat(es.getProperty(key).contains(placeholder)).as(key + " " + placeholder)
                        .isEqualTo(en.getProperty(key).contains(placeholder));
            }
        }
        assertThat(es.getProperty(PasswordUpdatedEmailSender.SUBJECT_KEY)).isEqualTo("ICSOE: tu contraseña fue actualizada");
        assertThat(es.getProperty("icsoePasswordUpdatedBody")).contains("{0}").contains("{1}").contains("contraseña");
        assertThat(es.getProperty("icsoePasswordUpdatedBody") + es.getProperty("icsoePasswordUpdatedBodyHtml"))
                .doesNotContain("''").as("no apostrophes: MessageFormat would eat them").doesNotContain("'");
    }
}
