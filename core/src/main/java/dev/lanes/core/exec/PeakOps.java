package dev.lanes.core.exec;

/**
 * A register-resident FMA loop for calibration: how many FLOP/s one thread reaches on a
 * backend when memory plays no part. Each backend implements it with as many independent
 * accumulators as it takes to cover FMA latency.
 */
public interface PeakOps {

    /**
     * Runs {@code rounds} rounds of independent f64 FMAs and returns the FLOPs done (an FMA
     * counts 2). The result feeds {@code sink} so the work cannot be dropped. One method per
     * type: behind one entry point that branches on the type, C2 compiled whichever loop came
     * second at half its speed (measured: f64 117 → 59 GFLOP/s when f32 went first).
     */
    double fmaRoundsF64(long rounds, double[] sink);

    /** As {@link #fmaRoundsF64}, in f32. */
    double fmaRoundsF32(long rounds, double[] sink);
}
