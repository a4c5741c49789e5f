package mx.gob.imss.icsoe.keycloak.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class TimingComparisonTest {

    @Test
    void givenTwoSamplesApartBy33Ms_thenTheShiftIs33MsAndTheTestTellsThemApart() {
        Random random = new Random(7);
        List<Double> slow = new ArrayList<>();
        List<Double> fast = new ArrayList<>();
        for (int i = 0; i < 220; i++) {
            double jitter = Math.abs(random.nextGaussian()) * 8_000;
            fast.add(13_000 + jitter);
            slow.add(46_000 + Math.abs(random.nextGaussian()) * 8_000);
        }
        TimingComparison.Result result = TimingComparison.Result.of(fast, slow, 20);
        assertThat(result.shift()).isCloseTo(-33_000, within(1_500.0));
        assertThat(result.medianDifferenceMicros()).isGreaterThan(1_000);
        assertThat(result.p()).isLessThan(1e-10);
    }

    @Test
    void givenOneDistributionTwice_thenTheShiftIsNearZero() {
        Random random = new Random(11);
        List<Double> a = new ArrayList<>();
        List<Double> b = new ArrayList<>();
        for (int i = 0; i < 220; i++) {
            a.add(40_000 + Math.abs(random.nextGaussian()) * 10_000);
            b.add(40_000 + Math.abs(random.nextGaussian()) * 10_000);
        }
        TimingComparison.Result result = TimingComparison.Result.of(a, b, 20);
        assertThat(result.medianDifferenceMicros()).isLessThan(2_500);
        assertThat(result.p()).isGreaterThan(0.001);
    }

    @Test
    void givenSmallSamples_thenTheHodgesLehmannShiftIsTheMedianOfThePairwiseDifferences() {
        assertThat(TimingComparison.hodgesLehmann(new double[] {1, 2, 3}, new double[] {0})).isEqualTo(2);
        List<Boolean> order = TimingComparison.interleaved(50);
        assertThat(order).hasSize(100);
        assertThat(Collections.frequency(order, true)).isEqualTo(50);
        for (int i = 0; i < order.size(); i += 2) {
            assertThat(order.get(i)).isNotEqualTo(order.get(i + 1));
        }
    }
}
