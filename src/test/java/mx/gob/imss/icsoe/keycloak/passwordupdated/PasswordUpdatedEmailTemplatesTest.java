package mx.gob.imss.icsoe.keycloak.passwordupdated;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The email's templates and texts as the jar carries them (theme/icsoe/email/...). */
class PasswordUpdatedEmailTemplatesTest {

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

    /** Keys, languages and placeholders agree in IcsoeBundlesTest; here: the Spanish wording itself. */
    @Test
    void givenTheSpanishBundleThenTheSubjectAndBodySayWhatChanged() throws IOException {
        Properties es = bundle("es");
        assertThat(es.getProperty(PasswordUpdatedEmailSender.SUBJECT_KEY)).isEqualTo("ICSOE: tu contraseña fue actualizada");
        assertThat(es.getProperty("icsoePasswordUpdatedBody")).contains("{0}").contains("{1}").contains("contraseña");
        assertThat(es.getProperty("icsoePasswordUpdatedBody") + es.getProperty("icsoePasswordUpdatedBodyHtml"))
                .doesNotContain("''").as("no apostrophes: MessageFormat would eat them").doesNotContain("'");
    }
}
