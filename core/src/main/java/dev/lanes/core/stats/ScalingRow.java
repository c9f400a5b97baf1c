package dev.lanes.core.stats;

/**
 * One thread count of a strong-scaling table.
 *
 * @param speedup    S(p) = T(1) / T(p)
 * @param efficiency S(p) / p
 * @param karpFlatt  the experimentally determined serial fraction e(p) = (1/S − 1/p) / (1 − 1/p);
 *                   {@code null} at p = 1, where it is undefined
 */
public record ScalingRow(int threads, double medianNanos, double speedup, double efficiency, Double karpFlatt) {
}
