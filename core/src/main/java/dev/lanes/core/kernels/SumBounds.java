package dev.lanes.core.kernels;

import dev.lanes.core.data.ElementType;

/**
 * Error bounds for blocked summation, the scheme every backend uses: each block of
 * {@code blockSize} elements is summed by one implementation, block partials are folded
 * in f64. Recursive summation of m terms has relative error at most γ_m ≈ m·u against
 * the sum of magnitudes (Higham, Accuracy and Stability of Numerical Algorithms, §4.2).
 *
 * <p>f64 blocks: a chain of at most {@code blockSize} additions in f64.
 * f32 blocks: implementations must keep at least {@link #F32_MIN_CHAINS} independent f32
 * partial sums (or sum in f64), so a chain has at most blockSize / 16 f32 additions.
 */
final class SumBounds {
    /** Minimum independent f32 accumulators per block (4 vectors of ≥ 4 lanes). */
    static final int F32_MIN_CHAINS = 16;

    private SumBounds() {
    }

    /** Allowed |computed − exact| / Σ|terms| for a blocked sum of n terms. */
    static double relativeBound(ElementType type, long n, int blockSize) {
        double u64 = ElementType.F64.unitRoundoff();
        double inBlock = type == ElementType.F64
            ? Math.min(n, blockSize) * u64
            : (Math.min(n, blockSize) / (double) F32_MIN_CHAINS + 1) * ElementType.F32.unitRoundoff();
        double acrossBlocks = (Math.ceilDiv(n, blockSize) + 2) * u64;
        return inBlock + acrossBlocks;
    }

    /** Block size: f32 blocks are shorter so f32 partial sums stay accurate. */
    static int blockSize(ElementType type) {
        return type == ElementType.F64 ? 1 << 16 : 1 << 14;
    }
}
