package dev.lanes.core.exec;

import dev.lanes.core.data.ElementType;

/**
 * A register-resident FMA loop for calibration: how many FLOP/s one thread reaches on a
 * backend when memory plays no part. Each backend implements it with as many independent
 * accumulators as it takes to cover FMA latency.
 */
public interface PeakOps {

    /**
     * Runs {@code rounds} rounds of independent FMAs and returns the FLOPs done (an FMA
     * counts 2). The result feeds {@code sink} so the work cannot be dropped.
     */
    double fmaRounds(ElementType type, long rounds, double[] sink);
}
