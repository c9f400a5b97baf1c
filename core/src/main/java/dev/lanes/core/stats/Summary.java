package dev.lanes.core.stats;

import java.util.Arrays;

/** Order statistics and moments of a set of timing samples, in nanoseconds. */
public record Summary(int count, double medianNanos, double meanNanos, double stddevNanos, long minNanos,
                      long maxNanos, ConfidenceInterval medianInterval) {

    /** Coefficient of variation: standard deviation over mean. */
    public double coefficientOfVariation() {
        return meanNanos == 0 ? 0 : stddevNanos / meanNanos;
    }

    public static Summary of(long[] samplesNanos) {
        if (samplesNanos.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        long[] sorted = samplesNanos.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + (double) sorted[n / 2]) / 2;
        double mean = 0;
        for (long s : sorted) {
            mean += s;
        }
        mean /= n;
        double squares = 0;
        for (long s : sorted) {
            squares += (s - mean) * (s - mean);
        }
        double stddev = n > 1 ? Math.sqrt(squares / (n - 1)) : 0;
        return new Summary(n, median, mean, stddev, sorted[0], sorted[n - 1], medianInterval(sorted, 0.95));
    }

    /**
     * The distribution-free interval for the median from order statistics: the k-th
     * smallest and k-th largest samples, with k the largest rank whose binomial(n, ½) tail
     * is at most (1 − level)/2. Below 6 samples no pair reaches 95%; min..max is given with
     * its true level, 1 − 2^(1−n).
     */
    static ConfidenceInterval medianInterval(long[] sorted, double level) {
        int n = sorted.length;
        double alphaHalf = (1 - level) / 2;
        int k = 1;
        double tail = binomialHalf(n, 0);          // P(B <= k - 1): the chance the median lies below x(k)
        while (k + 1 <= (n + 1) / 2) {
            double next = tail + binomialHalf(n, k);
            if (next > alphaHalf) {
                break;
            }
            k++;
            tail = next;
        }
        return new ConfidenceInterval(sorted[k - 1], sorted[n - k], 1 - 2 * tail);
    }

    /** P(B = j) for B ~ Binomial(n, ½), computed in logs to stay finite for large n. */
    private static double binomialHalf(int n, int j) {
        double logChoose = 0;
        for (int i = 1; i <= j; i++) {
            logChoose += Math.log(n - j + i) - Math.log(i);
        }
        return Math.exp(logChoose - n * Math.log(2));
    }
}
