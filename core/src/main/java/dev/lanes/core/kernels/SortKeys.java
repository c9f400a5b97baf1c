package dev.lanes.core.kernels;

/**
 * f64 values as 64-bit keys whose signed order is {@link Double#compare}'s: −0.0 before
 * 0.0, every NaN (made canonical) after +∞, exactly the order {@code Arrays.sort} gives.
 * Positive values keep their bits; negative ones have all but the sign bit flipped. The
 * map is its own inverse on canonical values.
 */
final class SortKeys {
    private SortKeys() {
    }

    static long key(double x) {
        long bits = Double.doubleToLongBits(x);
        return bits ^ ((bits >> 63) & Long.MAX_VALUE);
    }

    static double value(long key) {
        return Double.longBitsToDouble(key ^ ((key >> 63) & Long.MAX_VALUE));
    }
}
