package mx.gob.imss.icsoe.keycloak.testing;

import static org.assertj.core.api.Assertions.assertThat;

/** The ICSOE frame every plain-text email shares (theme {@code icsoe}, {@code email/text/icsoe-email-layout.ftl}), in Spanish. */
public final class EmailFrame {

    static final String HEAD = "IMSS | ICSOE - Informativa de contratos de Servicios u Obras Especializadas\n\n";
    static final String FOOT = "\n\n--\nEste correo se envió automáticamente desde icsoe@imss.gob.mx; no respondas a este "
            + "mensaje. El IMSS nunca te pedirá tu contraseña.\nInstituto Mexicano del Seguro Social · Dirección de "
            + "Incorporación y Recaudación";

    private EmailFrame() {
    }

    /**
     * Asserts that {@code email}'s text part is the frame around its body: the organisation line,
     * {@code heading}, a greeting, the body, the footer, one blank line between parts and never two.
     */
    public static void assertPlainText(ReceivedEmail email, String heading) {
        String text = email.text().replace("\r\n", "\n").strip();
        assertThat(text).as("text part").startsWith(HEAD + heading + "\n\nHola").endsWith(FOOT).doesNotContain("\n\n\n");
    }
}
