package mx.gob.imss.icsoe.keycloak.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class SendPaceTest {

    private final AtomicLong clock = new AtomicLong();

    @Test
    void givenNoLimitThenEveryMessageGoes() {
        SendPace pace = new SendPace(0, clock::get);
        for (int i = 0; i < 10_000; i++) {
            assertThat(pace.tryTake()).isTrue();
        }
    }

    @Test
    void given120PerMinuteThenTenAtOnceThenOneEveryHalfSecond() {
        SendPace pace = new SendPace(120, clock::get);
        int burst = 0;
        while (pace.tryTake()) {
            burst++;
        }
        assertThat(burst).isEqualTo(10);
        clock.addAndGet(400_000_000L);
        assertThat(pace.tryTake()).isFalse();
        clock.addAndGet(100_000_000L);
        assertThat(pace.tryTake()).isTrue();
        assertThat(pace.tryTake()).isFalse();
    }

    @Test
    void givenTurnsGivenBackThenTheyCanBeTakenAgain() {
        SendPace pace = new SendPace(12, clock::get);
        assertThat(pace.tryTake()).isTrue();
        assertThat(pace.tryTake()).isFalse();
        pace.giveBack(1);
        assertThat(pace.tryTake()).isTrue();
    }
}
