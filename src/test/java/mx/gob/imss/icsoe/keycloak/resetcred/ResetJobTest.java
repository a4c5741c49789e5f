package mx.gob.imss.icsoe.keycloak.resetcred;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResetJobTest {

    @ParameterizedTest(name = "{0} s left of {1}: dropped = {2}")
    @CsvSource({
            "900, 900, false",
            "451, 900, false",
            "450, 900, false",
            "449, 900, true",
            "0, 900, true",
            "-30, 900, true",
            "60, 60, false",
            "29, 60, true",
    })
    void givenTheValidityLeftThenALinkPastHalfItsLifespanIsDropped(int left, int lifespan, boolean dropped) {
        assertThat(ResetJob.tooLittleLeft(left, lifespan)).isEqualTo(dropped);
    }

    @org.junit.jupiter.api.Test
    void givenAJobThenItsTextNamesNeitherCurpNorEmail() {
        ResetJob job = new ResetJob("realm", "icsoe", "icsoe-portal", "203.0.113.7", "abc123", "hegg850315mdfrrd07",
                "capturista@icsoe.example", "key", ResetThrottleConfig.DEFAULTS, java.net.URI.create("https://sso.example/"),
                "asid", "https://sso.example/x?key=" + ResetJob.TOKEN_PLACEHOLDER, 0);
        assertThat(job.toString()).contains("abc123").doesNotContain("hegg").doesNotContain("@");
    }
}
