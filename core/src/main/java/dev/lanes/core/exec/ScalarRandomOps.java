package dev.lanes.core.exec;

import dev.lanes.core.data.CounterRandom;

/** One sample at a time: the reference the SIMD version must match exactly. */
final class ScalarRandomOps implements RandomOps {

    @Override
    public long insideUnitCircle(long seed, long from, long to) {
        long inside = 0;
        for (long i = from; i < to; i++) {
            double x = CounterRandom.uniform(seed, 2 * i);
            double y = CounterRandom.uniform(seed, 2 * i + 1);
            if (x * x + y * y < 1.0) {
                inside++;
            }
        }
        return inside;
    }
}
