package dev.lanes.core.exec;

/**
 * Chunk functions of the Monte Carlo kernels over the sample range {@code [from, to)}.
 * Sample i is the point (u(seed, 2i), u(seed, 2i+1)) of {@link dev.lanes.core.data.CounterRandom}'s
 * uniforms, so every implementation and thread count draws the same points and, computing
 * x·x + y·y with the same two roundings, counts exactly the same hits.
 */
public interface RandomOps {

    /** How many samples in [from, to) fall strictly inside the unit circle: x² + y² < 1. */
    long insideUnitCircle(long seed, long from, long to);
}
