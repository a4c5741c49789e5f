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

    /** The two samples in microseconds (after their warm-up), their medians and the U test's p-value. */
    public record Result(double[] a, double[] b, double medianA, double medianB, double p) {

        public static Result of(List<Double> a, List<Double> b, int warmUp) {
            double[] x = a.subList(warmUp, a.size()).stream().mapToDouble(Double::doubleValue).toArray();
            double[] y = b.subList(warmUp, b.size()).stream().mapToDouble(Double::doubleValue).toArray();
            return new Result(x, y, median(x), median(y), new MannWhitneyUTest().mannWhitneyUTest(x, y));
        }

        public double medianDifferenceMicros() {
            return Math.abs(medianA - medianB);
        }

        public String describe(String nameA, String nameB) {
            return String.format(Locale.ROOT, "%d + %d samples; %s: median %.3f ms; %s: median %.3f ms; difference %.3f ms;"
                    + " Mann-Whitney U p = %.4g", a.length, b.length, nameA, medianA / 1000, nameB, medianB / 1000,
                    (medianA - medianB) / 1000, p);
        }
    }
}
