package dev.lanes.core.kernels;

import dev.lanes.core.data.CounterRandom;

/**
 * The elements a sampled check looks at: the first, the last, and {@value #RANDOM} spread
 * pseudo-randomly (from a salt, so a check is repeatable) over an array of {@code n}.
 */
final class SampledIndices {
    static final int RANDOM = 1024;

    private SampledIndices() {
    }

    /** How many indices a check of {@code n} elements takes. */
    static int count(int n) {
        return Math.min(n, RANDOM + 2);
    }

    /** The k-th index of {@link #count} for {@code n} elements. */
    static int at(int k, int n, long salt) {
        return k == 0 ? 0 : k == 1 ? n - 1 : (int) Math.floorMod(CounterRandom.bits(salt, k), (long) n);
    }
}
