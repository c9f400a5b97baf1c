package dev.lanes.core.result;

import java.util.List;

/**
 * The weak-scaling table of one stage (the problem grows with the thread count: p threads
 * run p times the base size) and its Gustafson fit.
 *
 * @param param     the parameter that grows, {@code STAGE.PARAM}
 * @param point     the other sweep values, fixed for this table
 * @param gustafson the fit of S(p) = p − α·(p − 1); {@code null} with fewer than three thread counts
 * @param note      why there is no fit, when there is none
 */
public record WeakScalingRow(String stage, String param, List<PointParam> point, String backend, String inner,
                             List<Entry> rows, Gustafson gustafson, String note) implements DerivedRow {

    public WeakScalingRow {
        point = List.copyOf(point);
        rows = List.copyOf(rows);
    }

    /**
     * One thread count.
     *
     * @param size          the grown parameter's value, p times the base
     * @param scaledSpeedup p·T(1, n) / T(p, p·n)
     * @param efficiency    T(1, n) / T(p, p·n)
     */
    public record Entry(int threads, double size, double medianNanos, double scaledSpeedup, Interval scaledSpeedupCi,
                        double efficiency) {
    }

    /** Gustafson's serial fraction α, the least-squares fit of the scaled speedups. */
    public record Gustafson(double serialFraction, Interval serialFractionCi) {
    }
}
