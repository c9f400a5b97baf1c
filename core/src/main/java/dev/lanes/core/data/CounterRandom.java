package dev.lanes.core.data;

/**
 * A counter-based generator: the value at an index is a pure function of (seed, index),
 * so data is the same whatever the thread count or the order elements are filled in.
 * The mixing function is SplitMix64's finalizer (Steele, Lea and Flood, 2014), which
 * passes BigCrush when fed a Weyl sequence as here.
 */
public final class CounterRandom {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private CounterRandom() {
    }

    /** 64 well-mixed bits for (seed, counter). */
    public static long bits(long seed, long counter) {
        long z = seed * GOLDEN_GAMMA + (counter + 1) * GOLDEN_GAMMA;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1) with 53 random bits. */
    public static double uniform(long seed, long counter) {
        return (bits(seed, counter) >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, 1) with 24 random bits: exactly representable, never rounds up to 1. */
    public static float uniformFloat(long seed, long counter) {
        return (bits(seed, counter) >>> 40) * 0x1.0p-24f;
    }
}
