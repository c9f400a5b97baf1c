package dev.lanes.core.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Percentile bootstrap intervals of figures computed from the medians of several sets of
 * samples (a speedup, a fitted serial fraction, a growth exponent): each set is resampled
 * with replacement, its median taken, the figure computed, many times over; the interval
 * holds the central share of those figures. Seeded, so the same samples give the same
 * interval.
 */
public final class Bootstrap {
    public static final double LEVEL = 0.95;
    private static final int MAX_RESAMPLES = 1000;
    private static final int MIN_RESAMPLES = 200;
    /** Bounds the work: resamples × all samples stay under this. */
    private static final long WORK_LIMIT = 20_000_000;

    private Bootstrap() {
    }

    /**
     * @param groups    the samples of each set
     * @param figure    the figure from one median per set, in the order of {@code groups};
     *                  resamples where it is not finite are left out
     * @param seed      fixes the resamples
     * @return {low, high} at {@value #LEVEL}, or {NaN, NaN} when no resample gave a finite figure
     */
    public static double[] interval(List<long[]> groups, ToDoubleFunction<double[]> figure, long seed) {
        return intervalOf(groups.stream().map(g -> java.util.Arrays.stream(g).asDoubleStream().toArray()).toList(), figure, seed);
    }

    /** As {@link #interval}, for samples that are not whole nanoseconds (another tool's scores). */
    public static double[] intervalOf(List<double[]> groups, ToDoubleFunction<double[]> figure, long seed) {
        long total = groups.stream().mapToLong(g -> g.length).sum();
        int resamples = (int) Math.max(MIN_RESAMPLES, Math.min(MAX_RESAMPLES, WORK_LIMIT / Math.max(1, total)));
        SplittableRandom random = new SplittableRandom(seed);
        List<Double> figures = new ArrayList<>(resamples);
        double[] medians = new double[groups.size()];
        double[][] scratch = groups.stream().map(g -> new double[g.length]).toArray(double[][]::new);
        for (int r = 0; r < resamples; r++) {
            for (int g = 0; g < groups.size(); g++) {
                double[] source = groups.get(g);
                double[] copy = scratch[g];
                for (int i = 0; i < copy.length; i++) {
                    copy[i] = source[random.nextInt(source.length)];
                }
                medians[g] = median(copy);
            }
            double f = figure.applyAsDouble(medians);
            if (Double.isFinite(f)) {
                figures.add(f);
            }
        }
        if (figures.isEmpty()) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double[] sorted = figures.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double tail = (1 - LEVEL) / 2;
        return new double[] {sorted[(int) Math.floor(tail * (sorted.length - 1))],
            sorted[(int) Math.ceil((1 - tail) * (sorted.length - 1))]};
    }

    /** The median; sorts the array in place. */
    public static double median(double[] values) {
        Arrays.sort(values);
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    /** The median; sorts the array in place. */
    public static double median(long[] values) {
        Arrays.sort(values);
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + (double) values[n / 2]) / 2;
    }

    /** A seed from a text (a point's key), the same in every JVM. */
    public static long seedOf(String text) {
        long h = 1125899906842597L;
        for (int i = 0; i < text.length(); i++) {
            h = 31 * h + text.charAt(i);
        }
        return h;
    }
}
