package dev.lanes.core.result;

import java.util.List;

/**
 * The strong-scaling table of one stage point (fixed problem, growing thread count) and
 * its Amdahl fit.
 *
 * @param amdahl the least-squares Amdahl fit; {@code null} with fewer than three thread counts
 * @param note   why there is no fit, when there is none
 */
public record StrongScalingRow(String stage, List<PointParam> point, String backend, String inner, ProblemSize size,
                               List<Entry> rows, Amdahl amdahl, String note) implements DerivedRow {

    public StrongScalingRow {
        point = List.copyOf(point);
        rows = List.copyOf(rows);
    }

    /**
     * One thread count.
     *
     * @param speedup       S(p) = T(1) / T(p) of the medians
     * @param speedupCi     its bootstrap interval
     * @param efficiency    S(p) / p
     * @param karpFlatt     e(p) = (1/S − 1/p) / (1 − 1/p); {@code null} at p = 1
     * @param karpFlattNote what a value outside [0, 1] means here; {@code null} inside
     */
    public record Entry(int threads, double medianNanos, double speedup, Interval speedupCi, double efficiency,
                        Double karpFlatt, String karpFlattNote) {
    }

    /**
     * T(p) = T(1)·(f + (1 − f)/p) fitted by least squares.
     *
     * @param maxSpeedup   1/f; {@code null} when f = 0 (unbounded)
     * @param maxSpeedupCi 1/f over the interval of f
     */
    public record Amdahl(double serialFraction, Interval serialFractionCi, Double maxSpeedup, Interval maxSpeedupCi) {
    }
}
