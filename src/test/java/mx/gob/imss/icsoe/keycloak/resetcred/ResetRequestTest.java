package mx.gob.imss.icsoe.keycloak.resetcred;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import mx.gob.imss.icsoe.keycloak.curp.CurpCheckDigit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ResetRequestTest {

    static final String CURP = withCheckDigit("GODE561231HDFRRN0");

    static String withCheckDigit(String first17) {
        return first17 + CurpCheckDigit.of(first17);
    }

    @Nested
    class GivenWellFormedInput {

        @Test
        void thenTheCurpIsNormalisedToUpperCaseAndTheEmailTrimmed() {
            ResetRequest request = ResetRequest.parse("  " + CURP.toLowerCase() + " ", " Ana@Example.MX ");
            assertThat(request.valid()).isTrue();
            assertThat(request.curp().value()).isEqualTo(CURP);
            assertThat(request.email()).isEqualTo("Ana@Example.MX");
            assertThat(request.fieldErrors()).isEmpty();
        }

        @Test
        void thenSpacesInsideTheCurpAreDropped() {
            String grouped = " " + CURP.substring(0, 4).toLowerCase() + " " + CURP.substring(4, 10) + "\t" + CURP.substring(10) + " ";
            ResetRequest request = ResetRequest.parse(grouped, "a@b.mx");
            assertThat(request.valid()).isTrue();
            assertThat(request.curp().value()).isEqualTo(CURP);
        }
    }

    @Nested
    class GivenARefusedRequest {

        @Test
        void thenTheTypedEmailIsKeptStrippedForTheForm() {
            assertThat(ResetRequest.parse("GODE", " ana@example.mx ").valid()).isFalse();
            assertThat(ResetRequest.typedEmail(" ana@example.mx ")).isEqualTo("ana@example.mx");
        }

        @Test
        void thenNothingOrAnOverlongEmailComesBackEmpty() {
            assertThat(ResetRequest.typedEmail(null)).isEmpty();
            assertThat(ResetRequest.typedEmail("a".repeat(250) + "@b.mx")).isEmpty();
        }
    }

    @Nested
    class GivenBadInput {

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"   ", "\t"})
        void thenAMissingCurpIsReportedOnTheUsernameField(String curp) {
            assertThat(ResetRequest.parse(curp, "a@b.mx").fieldErrors())
                    .isEqualTo(Map.of("username", "icsoeMissingCurpMessage"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"GODE561231HDFRRN0", "GODE561231HDFRRN0XX", "' OR '1'='1", "GODE%", "*",
                "<script>alert(1)</script>", "GODE561231HDFRRN0\u0000"})
        void thenAMalformedCurpIsReportedOnTheUsernameField(String curp) {
            assertThat(ResetRequest.parse(curp, "a@b.mx").fieldErrors())
                    .isEqualTo(Map.of("username", "icsoeInvalidCurpMessage"));
        }

        @Test
        void thenAWrongCheckDigitIsMalformed() {
            String wrong = CURP.substring(0, 17) + ((CURP.charAt(17) - '0' + 1) % 10);
            assertThat(ResetRequest.parse(wrong, "a@b.mx").valid()).isFalse();
        }

        @Test
        void thenAVeryLongCurpIsRejectedBeforeNormalising() {
            assertThat(ResetRequest.parse(" ".repeat(30) + CURP + " ".repeat(30), "a@b.mx").fieldErrors())
                    .containsEntry("username", "icsoeInvalidCurpMessage");
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"  "})
        void thenAMissingEmailIsReportedOnTheEmailField(String email) {
            assertThat(ResetRequest.parse(CURP, email).fieldErrors()).isEqualTo(Map.of("email", "icsoeMissingEmailMessage"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"ana", "ana@", "@mx.mx", "ana@.mx", "ana..b@mx.mx", "a@b..mx", "a b@c.mx", "a@@b.mx", "a@b\n.mx"})
        void thenAMalformedEmailIsReportedOnTheEmailField(String email) {
            assertThat(ResetRequest.parse(CURP, email).fieldErrors()).isEqualTo(Map.of("email", "icsoeInvalidEmailMessage"));
        }

        @Test
        void thenBothFieldsAreReportedAndNoValueIsKept() {
            ResetRequest request = ResetRequest.parse("x", "y");
            assertThat(request.fieldErrors()).containsOnlyKeys("username", "email");
            assertThat(request.curp()).isNull();
            assertThat(request.email()).isNull();
        }

        @Test
        void thenALocalPartOverKeycloaksLimitIsMalformed() {
            assertThat(ResetRequest.parse(CURP, "a".repeat(65) + "@b.mx").fieldErrors())
                    .containsEntry("email", "icsoeInvalidEmailMessage");
            assertThat(ResetRequest.parse(CURP, "a".repeat(64) + "@b.mx").valid()).isTrue();
        }

        @Test
        void thenAnOverlongEmailIsMalformed() {
            assertThat(ResetRequest.parse(CURP, "a".repeat(250) + "@b.mx").fieldErrors())
                    .containsEntry("email", "icsoeInvalidEmailMessage");
        }
    }
}
