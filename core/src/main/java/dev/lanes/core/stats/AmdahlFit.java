package dev.lanes.core.stats;

/**
 * The least-squares fit of Amdahl's law T(p) = T(1)·(f + (1 − f)/p) to a thread sweep.
 * Writing y = T(p)/T(1) − 1/p and x = 1 − 1/p the model is y = f·x, so
 * f = Σxy / Σx² over p > 1, clamped to [0, 1].
 */
public final class AmdahlFit {
    private AmdahlFit() {
    }

    /**
     * @param threads     thread counts, one of them 1
     * @param medianNanos the time at each
     * @return the serial fraction f
     * @throws IllegalArgumentException without a 1-thread time
     */
    public static double serialFraction(int[] threads, double[] medianNanos) {
        double t1 = Double.NaN;
        for (int i = 0; i < threads.length; i++) {
            if (threads[i] == 1) {
                t1 = medianNanos[i];
            }
        }
        if (Double.isNaN(t1)) {
            throw new IllegalArgumentException("an Amdahl fit needs T(1)");
        }
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < threads.length; i++) {
            if (threads[i] > 1) {
                double x = 1 - 1.0 / threads[i];
                double y = medianNanos[i] / t1 - 1.0 / threads[i];
                sxy += x * y;
                sxx += x * x;
            }
        }
        return sxx == 0 ? 0 : Math.max(0, Math.min(1, sxy / sxx));
    }

    /** Karp–Flatt's experimentally determined serial fraction e(p) = (1/S − 1/p) / (1 − 1/p), for p > 1. */
    public static double karpFlatt(double speedup, int threads) {
        return (1 / speedup - 1.0 / threads) / (1 - 1.0 / threads);
    }
}
