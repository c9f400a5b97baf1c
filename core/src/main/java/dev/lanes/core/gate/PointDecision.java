package dev.lanes.core.gate;

import dev.lanes.core.stats.Bootstrap;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.apache.commons.statistics.inference.MannWhitneyUTest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The figures of one point's comparison before the verdict: the ratio of medians, its
 * interval, the Mann–Whitney p-value, and which variation the interval holds.
 *
 * <p>Samples inside one JVM agree with each other more than with another JVM's (page
 * placement, JIT decisions, neighbours), so an interval from one run's samples is far too
 * narrow for a comparison of two runs. Where both sides were measured in
 * {@value #MIN_FORKS} or more fresh JVMs, each fork's median is one observation and the
 * interval and the test are over them. Otherwise the interval from the samples is widened
 * by the run-to-run spread s of the point's median, in log space:
 * se² = se(samples)² + s²·(1 + 1/k), where s is measured from the baseline's k runs when
 * it holds two or more, and assumed otherwise; the test is then over the samples, and the
 * interval is what keeps run-to-run variation from being called a change.
 */
final class PointDecision {
    static final int MIN_FORKS = 3;
    /** A measured spread is never taken below this: a few runs can agree by chance. */
    static final double MIN_MEASURED_SPREAD = 0.005;
    private static final double Z = 1.959963984540054;
    /** The spread is taken at the upper end of its 90% one-sided confidence interval. */
    static final double SPREAD_BOUND_TAIL = 0.10;

    private PointDecision() {
    }

    record Figures(double oldMedian, double newMedian, double ratio, double low, double high, double p, String variation,
                   double oldCv, double newCv, int oldUnits, int newUnits) {
    }

    /** @param olds the point in each of the baseline's runs, oldest first */
    static Figures of(List<MeasuredPoint> olds, MeasuredPoint now, double assumedSpread) {
        List<double[]> oldForks = new ArrayList<>();
        olds.forEach(o -> oldForks.addAll(o.forks()));
        List<double[]> newForks = now.forks();
        boolean forked = olds.stream().allMatch(o -> o.forks().size() > 1) && newForks.size() > 1;
        if (forked && oldForks.size() >= MIN_FORKS && newForks.size() >= MIN_FORKS) {
            Figures forks = byForks(oldForks, newForks, seed(now));
            return olds.size() >= 2 ? withRunSpread(forks, olds, now) : forks;
        }
        return bySamples(olds, now, assumedSpread);
    }

    private static Figures byForks(List<double[]> oldForks, List<double[]> newForks, long seed) {
        double[] oldMedians = medians(oldForks);
        double[] newMedians = medians(newForks);
        double oldMedian = Bootstrap.median(oldMedians.clone());
        double newMedian = Bootstrap.median(newMedians.clone());
        double[] ci = Bootstrap.intervalOf(List.of(oldMedians, newMedians), m -> m[1] / m[0], seed);
        double p = MannWhitneyUTest.withDefaults().test(oldMedians, newMedians).getPValue();
        return new Figures(oldMedian, newMedian, newMedian / oldMedian, ci[0], ci[1], p,
            "between forks: " + oldForks.size() + " old and " + newForks.size() + " new JVMs", Stats.cv(oldMedians),
            Stats.cv(newMedians), oldMedians.length, newMedians.length);
    }

    /**
     * Forks of one run share the state of the machine while it ran (a slow minute slows all
     * of them), so with a baseline of several forked runs the interval is also at least as
     * wide as the spread of whole runs' medians (each the median of its forks' medians),
     * measured over the baseline's runs and raised to its upper bound.
     */
    private static Figures withRunSpread(Figures forks, List<MeasuredPoint> olds, MeasuredPoint now) {
        int k = olds.size();
        double[] logRuns = olds.stream().mapToDouble(o -> Math.log(Bootstrap.median(medians(o.forks())))).toArray();
        double measured = Stats.stddev(logRuns);
        double spread = Math.max(MIN_MEASURED_SPREAD, measured * upperBoundFactor(k));
        double oldMedian = Math.exp(Bootstrap.median(logRuns.clone()));
        double newMedian = Bootstrap.median(medians(now.forks()));
        double ratio = newMedian / oldMedian;
        double half = Math.max(Z * spread * Math.sqrt(1 + 1.0 / k),
            Math.max(Math.log(forks.ratio() / forks.low()), Math.log(forks.high() / forks.ratio())));
        String variation = String.format(java.util.Locale.ROOT, "between forks (%d new JVMs) and run to run over the baseline's "
            + "%d forked runs: %.1f%%, taken as %.1f%% (its %.0f%% upper bound)", now.forks().size(), k, 100 * measured,
            100 * spread, 100 * (1 - SPREAD_BOUND_TAIL));
        return new Figures(oldMedian, newMedian, ratio, ratio * Math.exp(-half), ratio * Math.exp(half), forks.p(), variation,
            forks.oldCv(), forks.newCv(), forks.oldUnits(), forks.newUnits());
    }

    private static Figures bySamples(List<MeasuredPoint> olds, MeasuredPoint now, double assumedSpread) {
        int k = olds.size();
        double[] logMedians = olds.stream().mapToDouble(o -> Math.log(o.median())).toArray();
        double oldMedian = Math.exp(Bootstrap.median(logMedians.clone()));
        double newMedian = now.median();
        double[] oldSamples = olds.stream().flatMapToDouble(o -> Arrays.stream(o.samples())).toArray();
        double[] newSamples = now.samples();
        double[] within = Bootstrap.intervalOf(List.of(olds.get(k - 1).samples(), newSamples), m -> Math.log(m[1] / m[0]),
            seed(now));
        double seWithin = Double.isNaN(within[0]) ? 0 : (within[1] - within[0]) / (2 * Z);
        double spread;
        String variation;
        if (k >= 2) {
            double measured = Stats.stddev(logMedians);
            spread = Math.max(MIN_MEASURED_SPREAD, measured * upperBoundFactor(k));
            variation = String.format(java.util.Locale.ROOT, "run to run, measured over the baseline's %d runs: %.1f%%, "
                + "taken as %.1f%% (its %.0f%% upper bound)", k, 100 * measured, 100 * spread, 100 * (1 - SPREAD_BOUND_TAIL));
        } else {
            spread = assumedSpread;
            variation = String.format(java.util.Locale.ROOT, "run to run, not measured (a baseline of one run): assumed %.0f%%",
                100 * spread);
        }
        double se = Math.sqrt(seWithin * seWithin + spread * spread * (1 + 1.0 / k));
        double ratio = newMedian / oldMedian;
        double p = oldSamples.length < 2 || newSamples.length < 2 ? 1
            : MannWhitneyUTest.withDefaults().test(oldSamples, newSamples).getPValue();
        double oldCv = olds.stream().mapToDouble(MeasuredPoint::cv).max().orElse(0);
        return new Figures(oldMedian, newMedian, ratio, ratio * Math.exp(-Z * se), ratio * Math.exp(Z * se), p, variation,
            oldCv, now.cv(), oldSamples.length, newSamples.length);
    }

    /**
     * A spread measured over few runs is often too small (five runs back to back see one
     * state of the machine): the standard deviation is raised to its one-sided upper
     * confidence bound, s·√((k − 1) / χ²(k − 1) quantile), about 1.9 times for five runs and
     * 1.5 for ten.
     */
    static double upperBoundFactor(int runs) {
        double dof = runs - 1;
        return Math.sqrt(dof / ChiSquaredDistribution.of(dof).inverseCumulativeProbability(SPREAD_BOUND_TAIL));
    }

    private static long seed(MeasuredPoint p) {
        return Bootstrap.seedOf("gate " + p.key());
    }

    private static double[] medians(List<double[]> forks) {
        return forks.stream().mapToDouble(f -> Bootstrap.median(f.clone())).toArray();
    }
}
