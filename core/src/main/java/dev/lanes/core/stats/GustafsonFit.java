package dev.lanes.core.stats;

/**
 * The least-squares fit of Gustafson's law to a weak-scaling sweep: the scaled speedup
 * S(p) = p − α·(p − 1), so p − S = α·(p − 1) and α = Σ(p − S)(p − 1) / Σ(p − 1)², clamped
 * to [0, 1].
 */
public final class GustafsonFit {
    private GustafsonFit() {
    }

    /** The serial fraction α from the scaled speedup at each thread count. */
    public static double serialFraction(int[] threads, double[] scaledSpeedup) {
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < threads.length; i++) {
            double x = threads[i] - 1;
            sxy += x * (threads[i] - scaledSpeedup[i]);
            sxx += x * x;
        }
        return sxx == 0 ? 0 : Math.max(0, Math.min(1, sxy / sxx));
    }
}
