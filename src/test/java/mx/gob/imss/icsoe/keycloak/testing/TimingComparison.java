package mx.gob.imss.icsoe.keycloak.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.apache.commons.math3.stat.inference.MannWhitneyUTest;

/**
 * Two kinds of request timed in one run and compared as distributions (medians and a Mann–Whitney U
 * test), the way the enumeration tests ask "does the answer time tell one kind from the other?".
 */
public final class TimingComparison {

    /** What "the answer time does not tell them apart" means in every enumeration test. */
    public static final double MAX_MEDIAN_DIFF_US = 1_000;
    public static final double MIN_P_VALUE = 0.001;

    private TimingComparison() {
    }

    /**
     * {@code each} times true and {@code each} times false, as pairs in random order within each
     * pair: a burst of load from elsewhere on the machine then falls on both kinds alike, instead of
     * on a run of one kind that a plain shuffle can make.
     */
    public static List<Boolean> interleaved(int each) {
        Random random = new Random();
        List<Boolean> order = new ArrayList<>();
        for (int i = 0; i < each; i++) {
            boolean first = random.nextBoolean();
            order.add(first);
            order.add(!first);
        }
        return order;
    }

    public static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /**
     * The two samples in microseconds (after their warm-up), their medians, the Hodges–Lehmann estimate
     * of the shift between them (the median of all differences a − b: the estimator that goes with the
     * Mann–Whitney U test) and the test's p-value.
     */
    public record Result(double[] a, double[] b, double medianA, double medianB, double shift, double p) {

        public static Result of(List<Double> a, List<Double> b, int warmUp) {
            double[] x = a.subList(warmUp, a.size()).stream().mapToDouble(Double::doubleValue).toArray();
            double[] y = b.subList(warmUp, b.size()).stream().mapToDouble(Double::doubleValue).toArray();
            return new Result(x, y, median(x), median(y), hodgesLehmann(x, y), new MannWhitneyUTest().mannWhitneyUTest(x, y));
        }

        /**
         * How far apart the two kinds' medians are, as the Hodges–Lehmann shift: for two samples of one
         * skewed distribution, 200 each, the plain difference of the two sample medians was seen to move
         * by ±2.5 ms between runs (p = 0.93), the shift estimate far less; for distributions apart by a
         * look-up or a hash it is that gap.
         */
        public double medianDifferenceMicros() {
            return Math.abs(shift);
        }

        /**
         * Prints the comparison under {@code tag} and asserts one distribution: medians less than
         * {@value TimingComparison#MAX_MEDIAN_DIFF_US} µs apart and a Mann–Whitney p-value above
         * {@value TimingComparison#MIN_P_VALUE}.
         */
        public void assertOneDistribution(String tag, String nameA, String nameB) {
            System.out.println("[" + tag + "] " + describe(nameA, nameB));
            org.assertj.core.api.Assertions.assertThat(medianDifferenceMicros()).as("%s: median difference (µs)", tag)
                    .isLessThan(MAX_MEDIAN_DIFF_US);
            org.assertj.core.api.Assertions.assertThat(p).as("%s: Mann-Whitney U p-value (%s vs %s)", tag, nameA, nameB)
                    .isGreaterThan(MIN_P_VALUE);
        }

        public String describe(String nameA, String nameB) {
            return String.format(Locale.ROOT, "%d + %d samples; %s: median %.3f ms; %s: median %.3f ms; difference of medians %.3f ms;"
                    + " Hodges-Lehmann shift %.3f ms; Mann-Whitney U p = %.4g", a.length, b.length, nameA, medianA / 1000, nameB,
                    medianB / 1000, (medianA - medianB) / 1000, shift / 1000, p);
        }
    }

    /** The median of every pairwise difference {@code x[i] - y[j]}. */
    static double hodgesLehmann(double[] x, double[] y) {
        double[] differences = new double[x.length * y.length];
        int k = 0;
        for (double xi : x) {
            for (double yj : y) {
                differences[k++] = xi - yj;
            }
        }
        return median(differences);
    }
}
