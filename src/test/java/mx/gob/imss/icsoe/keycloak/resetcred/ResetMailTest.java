package mx.gob.imss.icsoe.keycloak.resetcred;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResetMailTest {

    @ParameterizedTest(name = "{0} s left -> {1} min")
    @CsvSource({"900, 15", "899, 15", "871, 15", "869, 14", "599, 10", "450, 8", "89, 1", "20, 1", "0, 1"})
    void givenTheSecondsLeftThenTheEmailStatesTheNearestWholeMinute(int secondsLeft, int minutes) {
        assertThat(ResetMail.minutesLeft(secondsLeft)).isEqualTo(minutes);
    }
}
