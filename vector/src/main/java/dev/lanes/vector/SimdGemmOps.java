package dev.lanes.vector;

import dev.lanes.core.data.ElementType;
import dev.lanes.core.exec.GemmLayout;
import dev.lanes.core.exec.TrainingOps;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

import java.util.Arrays;

/**
 * Matrix products the GotoBLAS way: B packed in strips of three vectors ({@link GemmLayout}),
 * A packed per block of rows in strips of MR rows, and a register-blocked micro-kernel
 * ({@link GemmMicroKernels}) computing an MR × 3-vector tile of C over a panel of
 * {@value GemmLayout#KC} rows of B — a strip of B (48 KiB) stays in L1 while the strips of
 * A stream from L2. MR is 8 with 512-bit vectors (24 accumulators of the 32 AVX-512
 * registers) and 4 with narrower ones (12 of AVX2's 16). Edge tiles go through a scratch
 * tile, so any m, n, k works. Every C element is summed over k in order, one panel at a time.
 */
final class SimdGemmOps implements TrainingOps {
    private static final int MR = SimdShape.SHAPE.vectorBitSize() >= 512 ? 8 : 4;
    private static final int NR_F32 = 3 * SimdShape.F32.length();
    private static final int NR_F64 = 3 * SimdShape.F64.length();
    /**
     * Rows of A packed at once, each panel of B streamed once per such block: 256 × 256 f64 is
     * 512 KiB, half the L2 of a Zen 4 or Sapphire Rapids core, beside B's strip. 128 rows
     * streamed the f64 n = 2048 product's 32 MiB of packed B twice as often, from memory, as
     * it does not fit the L3 (12% slower on two threads, docs/performance.md).
     */
    private static final int MC = 256;
    private static final int KC = GemmLayout.KC;

    /** Packing buffers per thread: worker threads live as long as the pool, so these are reused. */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private static final class Scratch {
        final float[] packedAF32 = new float[MC * KC];
        final double[] packedAF64 = new double[MC * KC];
        final float[] tileF32 = new float[MR * NR_F32];
        final double[] tileF64 = new double[MR * NR_F64];
    }

    @Override
    public GemmLayout layout(ElementType type, int n) {
        return new GemmLayout(type == ElementType.F32 ? NR_F32 : NR_F64);
    }

    @Override
    public void multiply(float[] a, int k, float[] packedB, int n, float[] bias, boolean relu, float[] c, int r0, int r1) {
        product(a, 0, k, false, k, packedB, n, bias, relu, c, 0, null, 0f, r0, r1);
    }

    @Override
    public void multiplyTransposed(float[] a, int aOffset, int m, int k, float[] packedB, int n, float[] c, int cOffset, int r0, int r1) {
        product(a, aOffset, m, true, k, packedB, n, null, false, c, cOffset, null, 0f, r0, r1);
    }

    /** Wᵀ's tiles transposed in registers where vectors are 512-bit ({@link RegisterTranspose}). */
    @Override
    public void packTransposed(GemmLayout layout, float[] t, int offset, int k, int n, int p0, int p1, float[] packed) {
        if (RegisterTranspose.usable()) {
            RegisterTranspose.packTransposed(layout, t, offset, k, n, p0, p1, packed);
        } else {
            layout.packTransposed(t, offset, k, n, p0, p1, packed);
        }
    }

    @Override
    public void packTransposed(GemmLayout layout, double[] t, int offset, int k, int n, int p0, int p1, double[] packed) {
        if (RegisterTranspose.usable()) {
            RegisterTranspose.packTransposed(layout, t, offset, k, n, p0, p1, packed);
        } else {
            layout.packTransposed(t, offset, k, n, p0, p1, packed);
        }
    }

    /** Each tile of p updated from the gradient tile in registers' reach (a scratch tile): g is written only between panels. */
    @Override
    public void multiplyTransposedUpdate(float[] a, int aOffset, int m, int k, float[] packedB, int n, float[] g, float[] p,
                                         int offset, double learningRate, int r0, int r1) {
        product(a, aOffset, m, true, k, packedB, n, null, false, g, offset, p, (float) -learningRate, r0, r1);
    }

    /**
     * Rows [r0, r1) of C = op(A)·B (+ bias, ReLU): op(A) is A (m × k, lda k) or, when transposed, Aᵀ of A (k × m, lda m).
     * With {@code p}, the last panel updates p (laid out as C) by p + rate·C instead of writing C.
     */
    private static void product(float[] a, int aOffset, int lda, boolean transposed, int k, float[] packedB, int n, float[] bias,
                                boolean relu, float[] c, int cOffset, float[] p, float rate, int r0, int r1) {
        GemmLayout layout = new GemmLayout(NR_F32);
        Scratch scratch = SCRATCH.get();
        float[] packedA = scratch.packedAF32;
        float[] tile = scratch.tileF32;
        for (int ic = r0; ic < r1; ic += MC) {
            int mc = Math.min(MC, r1 - ic);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                if (transposed) {
                    packTransposedA(a, aOffset, lda, ic, mc, pc, kc, packedA);
                } else {
                    packA(a, aOffset, lda, ic, mc, pc, kc, packedA);
                }
                boolean first = pc == 0;
                boolean last = pc + kc == k;
                for (int strip = 0, j0 = 0; j0 < n; strip++, j0 += NR_F32) {
                    strip(packedA, kc, packedB, layout.stripOffset(k, n, pc, strip), c, n, cOffset + ic * n, mc, j0, first, last,
                        bias, relu, p, rate, tile);
                }
            }
        }
    }

    @Override
    public void multiply(double[] a, int k, double[] packedB, int n, double[] bias, boolean relu, double[] c, int r0, int r1) {
        product(a, 0, k, false, k, packedB, n, bias, relu, c, 0, null, 0.0, r0, r1);
    }

    @Override
    public void multiplyTransposed(double[] a, int aOffset, int m, int k, double[] packedB, int n, double[] c, int cOffset, int r0, int r1) {
        product(a, aOffset, m, true, k, packedB, n, null, false, c, cOffset, null, 0.0, r0, r1);
    }

    @Override
    public void multiplyTransposedUpdate(double[] a, int aOffset, int m, int k, double[] packedB, int n, double[] g, double[] p,
                                         int offset, double learningRate, int r0, int r1) {
        product(a, aOffset, m, true, k, packedB, n, null, false, g, offset, p, -learningRate, r0, r1);
    }

    /**
     * Rows [r0, r1) of C = op(A)·B (+ bias, ReLU): op(A) is A (m × k, lda k) or, when transposed, Aᵀ of A (k × m, lda m).
     * With {@code p}, the last panel updates p (laid out as C) by p + rate·C instead of writing C.
     */
    private static void product(double[] a, int aOffset, int lda, boolean transposed, int k, double[] packedB, int n, double[] bias,
                                boolean relu, double[] c, int cOffset, double[] p, double rate, int r0, int r1) {
        GemmLayout layout = new GemmLayout(NR_F64);
        Scratch scratch = SCRATCH.get();
        double[] packedA = scratch.packedAF64;
        double[] tile = scratch.tileF64;
        for (int ic = r0; ic < r1; ic += MC) {
            int mc = Math.min(MC, r1 - ic);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                if (transposed) {
                    packTransposedA(a, aOffset, lda, ic, mc, pc, kc, packedA);
                } else {
                    packA(a, aOffset, lda, ic, mc, pc, kc, packedA);
                }
                boolean first = pc == 0;
                boolean last = pc + kc == k;
                for (int strip = 0, j0 = 0; j0 < n; strip++, j0 += NR_F64) {
                    strip(packedA, kc, packedB, layout.stripOffset(k, n, pc, strip), c, n, cOffset + ic * n, mc, j0, first, last,
                        bias, relu, p, rate, tile);
                }
            }
        }
    }

    /**
     * One strip of B against the packed rows of A: the micro-kernel down the block's rows.
     * A method of its own, called many times per product, so C2 compiles it fully after a
     * few calls; inside the caller's loops it ran only as on-stack replacement, at half speed
     * in some runs (docs/performance.md).
     */
    private static void strip(float[] packedA, int kc, float[] packedB, int bo, float[] c, int n, int cBase, int mc, int j0,
                              boolean first, boolean last, float[] bias, boolean relu, float[] p, float rate, float[] tile) {
        int cols = Math.min(NR_F32, n - j0);
        boolean update = last && p != null;
        for (int ir = 0; ir < mc; ir += MR) {
            int rows = Math.min(MR, mc - ir);
            int ao = ir * kc;
            int co = cBase + ir * n + j0;
            boolean full = rows == MR && cols == NR_F32 && !update;      // an update's tile stays in the scratch tile
            float[] target = full ? c : tile;
            int to = full ? co : 0;
            int ldt = full ? n : NR_F32;
            if (!full && (rows < MR || cols < NR_F32)) {
                Arrays.fill(tile, 0f);        // an edge tile's rows and columns past C's stay 0; a whole one is written next
            }
            if (first) {
                startTile(target, to, ldt, rows, cols, bias, j0);
            } else if (!full) {
                copyTile(c, co, n, tile, 0, NR_F32, rows, cols);
            }
            if (MR == 8) {
                GemmMicroKernels.float8x3(kc, packedA, ao, packedB, bo, target, to, ldt);
            } else {
                GemmMicroKernels.float4x3(kc, packedA, ao, packedB, bo, target, to, ldt);
            }
            if (last && relu) {
                reluTile(target, to, ldt, rows, cols);
            }
            if (update) {
                updateTile(tile, p, co, n, rows, cols, rate);
            } else if (!full) {
                copyTile(tile, 0, NR_F32, c, co, n, rows, cols);
            }
        }
    }

    /** Rows [ic, ic+mc) × columns [pc, pc+kc) of A into strips of MR rows, k-major, missing rows zero. */
    private static void packA(float[] a, int aOffset, int lda, int ic, int mc, int pc, int kc, float[] packed) {
        for (int ir = 0; ir < mc; ir += MR) {
            int base = ir * kc;
            for (int r = 0; r < MR; r++) {
                int row = ir + r;
                if (row < mc) {
                    int from = aOffset + (ic + row) * lda + pc;
                    for (int p = 0; p < kc; p++) {
                        packed[base + p * MR + r] = a[from + p];
                    }
                } else {
                    for (int p = 0; p < kc; p++) {
                        packed[base + p * MR + r] = 0f;
                    }
                }
            }
        }
    }

    /**
     * One strip of B against the packed rows of A: the micro-kernel down the block's rows.
     * A method of its own, called many times per product, so C2 compiles it fully after a
     * few calls; inside the caller's loops it ran only as on-stack replacement, at half speed
     * in some runs (docs/performance.md).
     */
    private static void strip(double[] packedA, int kc, double[] packedB, int bo, double[] c, int n, int cBase, int mc, int j0,
                              boolean first, boolean last, double[] bias, boolean relu, double[] p, double rate, double[] tile) {
        int cols = Math.min(NR_F64, n - j0);
        boolean update = last && p != null;
        for (int ir = 0; ir < mc; ir += MR) {
            int rows = Math.min(MR, mc - ir);
            int ao = ir * kc;
            int co = cBase + ir * n + j0;
            boolean full = rows == MR && cols == NR_F64 && !update;      // an update's tile stays in the scratch tile
            double[] target = full ? c : tile;
            int to = full ? co : 0;
            int ldt = full ? n : NR_F64;
            if (!full && (rows < MR || cols < NR_F64)) {
                Arrays.fill(tile, 0.0);        // an edge tile's rows and columns past C's stay 0; a whole one is written next
            }
            if (first) {
                startTile(target, to, ldt, rows, cols, bias, j0);
            } else if (!full) {
                copyTile(c, co, n, tile, 0, NR_F64, rows, cols);
            }
            if (MR == 8) {
                GemmMicroKernels.double8x3(kc, packedA, ao, packedB, bo, target, to, ldt);
            } else {
                GemmMicroKernels.double4x3(kc, packedA, ao, packedB, bo, target, to, ldt);
            }
            if (last && relu) {
                reluTile(target, to, ldt, rows, cols);
            }
            if (update) {
                updateTile(tile, p, co, n, rows, cols, rate);
            } else if (!full) {
                copyTile(tile, 0, NR_F64, c, co, n, rows, cols);
            }
        }
    }

    private static void packA(double[] a, int aOffset, int lda, int ic, int mc, int pc, int kc, double[] packed) {
        for (int ir = 0; ir < mc; ir += MR) {
            int base = ir * kc;
            for (int r = 0; r < MR; r++) {
                int row = ir + r;
                if (row < mc) {
                    int from = aOffset + (ic + row) * lda + pc;
                    for (int p = 0; p < kc; p++) {
                        packed[base + p * MR + r] = a[from + p];
                    }
                } else {
                    for (int p = 0; p < kc; p++) {
                        packed[base + p * MR + r] = 0.0;
                    }
                }
            }
        }
    }

    /** Columns [ic, ic+mc) × rows [pc, pc+kc) of A (k × m) into the strips of Aᵀ: each k step is a run of A's row. */
    private static void packTransposedA(float[] a, int aOffset, int lda, int ic, int mc, int pc, int kc, float[] packed) {
        int full = mc / MR * MR;
        for (int p = 0; p < kc; p++) {
            int from = aOffset + (pc + p) * lda + ic;         // row pc+p of A, read once, front to back
            for (int ir = 0; ir < full; ir += MR) {
                int to = ir * kc + p * MR;
                for (int r = 0; r < MR; r++) {              // a constant trip count C2 unrolls
                    packed[to + r] = a[from + ir + r];
                }
            }
            if (full < mc) {
                int to = full * kc + p * MR;
                System.arraycopy(a, from + full, packed, to, mc - full);
                Arrays.fill(packed, to + mc - full, to + MR, 0f);
            }
        }
    }

    private static void packTransposedA(double[] a, int aOffset, int lda, int ic, int mc, int pc, int kc, double[] packed) {
        int full = mc / MR * MR;
        for (int p = 0; p < kc; p++) {
            int from = aOffset + (pc + p) * lda + ic;         // row pc+p of A, read once, front to back
            for (int ir = 0; ir < full; ir += MR) {
                int to = ir * kc + p * MR;
                for (int r = 0; r < MR; r++) {              // a constant trip count C2 unrolls
                    packed[to + r] = a[from + ir + r];
                }
            }
            if (full < mc) {
                int to = full * kc + p * MR;
                System.arraycopy(a, from + full, packed, to, mc - full);
                Arrays.fill(packed, to + mc - full, to + MR, 0.0);
            }
        }
    }

    /** The first panel adds to the bias (or to zero), not to what C held before. */
    private static void startTile(float[] t, int offset, int ld, int rows, int cols, float[] bias, int j0) {
        for (int r = 0; r < rows; r++) {
            int at = offset + r * ld;
            if (bias == null) {
                Arrays.fill(t, at, at + cols, 0f);
            } else {
                System.arraycopy(bias, j0, t, at, cols);
            }
        }
    }

    private static void startTile(double[] t, int offset, int ld, int rows, int cols, double[] bias, int j0) {
        for (int r = 0; r < rows; r++) {
            int at = offset + r * ld;
            if (bias == null) {
                Arrays.fill(t, at, at + cols, 0.0);
            } else {
                System.arraycopy(bias, j0, t, at, cols);
            }
        }
    }

    private static void copyTile(float[] from, int fromOffset, int fromLd, float[] to, int toOffset, int toLd, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            System.arraycopy(from, fromOffset + r * fromLd, to, toOffset + r * toLd, cols);
        }
    }

    private static void copyTile(double[] from, int fromOffset, int fromLd, double[] to, int toOffset, int toLd, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            System.arraycopy(from, fromOffset + r * fromLd, to, toOffset + r * toLd, cols);
        }
    }

    /** p ← p + rate·tile over the tile's rows × cols, one rounding each (as {@code Math.fma(rate, g, p)}). */
    private static void updateTile(float[] tile, float[] p, int offset, int ld, int rows, int cols, float rate) {
        FloatVector r = FloatVector.broadcast(SimdShape.F32, rate);
        int vectors = SimdShape.F32.loopBound(cols);
        for (int row = 0; row < rows; row++) {
            int at = offset + row * ld;
            int from = row * NR_F32;
            int j = 0;
            for (; j < vectors; j += SimdShape.F32.length()) {
                FloatVector.fromArray(SimdShape.F32, tile, from + j).fma(r, FloatVector.fromArray(SimdShape.F32, p, at + j))
                    .intoArray(p, at + j);
            }
            for (; j < cols; j++) {
                p[at + j] = Math.fma(rate, tile[from + j], p[at + j]);
            }
        }
    }

    private static void updateTile(double[] tile, double[] p, int offset, int ld, int rows, int cols, double rate) {
        DoubleVector r = DoubleVector.broadcast(SimdShape.F64, rate);
        int vectors = SimdShape.F64.loopBound(cols);
        for (int row = 0; row < rows; row++) {
            int at = offset + row * ld;
            int from = row * NR_F64;
            int j = 0;
            for (; j < vectors; j += SimdShape.F64.length()) {
                DoubleVector.fromArray(SimdShape.F64, tile, from + j).fma(r, DoubleVector.fromArray(SimdShape.F64, p, at + j))
                    .intoArray(p, at + j);
            }
            for (; j < cols; j++) {
                p[at + j] = Math.fma(rate, tile[from + j], p[at + j]);
            }
        }
    }

    private static void reluTile(float[] t, int offset, int ld, int rows, int cols) {
        FloatVector zero = FloatVector.zero(SimdShape.F32);
        int vectors = SimdShape.F32.loopBound(cols);
        for (int r = 0; r < rows; r++) {
            int at = offset + r * ld;
            int j = 0;
            for (; j < vectors; j += SimdShape.F32.length()) {
                FloatVector.fromArray(SimdShape.F32, t, at + j).max(zero).intoArray(t, at + j);
            }
            for (; j < cols; j++) {
                t[at + j] = Math.max(0f, t[at + j]);
            }
        }
    }

    private static void reluTile(double[] t, int offset, int ld, int rows, int cols) {
        DoubleVector zero = DoubleVector.zero(SimdShape.F64);
        int vectors = SimdShape.F64.loopBound(cols);
        for (int r = 0; r < rows; r++) {
            int at = offset + r * ld;
            int j = 0;
            for (; j < vectors; j += SimdShape.F64.length()) {
                DoubleVector.fromArray(SimdShape.F64, t, at + j).max(zero).intoArray(t, at + j);
            }
            for (; j < cols; j++) {
                t[at + j] = Math.max(0.0, t[at + j]);
            }
        }
    }

    @Override
    public void reluGradient(float[] g, float[] h, int from, int to) {
        FloatVector zero = FloatVector.zero(SimdShape.F32);
        int i = from;
        for (int end = from + SimdShape.F32.loopBound(to - from); i < end; i += SimdShape.F32.length()) {
            FloatVector active = FloatVector.fromArray(SimdShape.F32, h, i);
            FloatVector.fromArray(SimdShape.F32, g, i).blend(zero, active.compare(VectorOperators.LE, 0f)).intoArray(g, i);
        }
        for (; i < to; i++) {
            g[i] = h[i] > 0 ? g[i] : 0f;
        }
    }

    @Override
    public void reluGradient(double[] g, double[] h, int from, int to) {
        DoubleVector zero = DoubleVector.zero(SimdShape.F64);
        int i = from;
        for (int end = from + SimdShape.F64.loopBound(to - from); i < end; i += SimdShape.F64.length()) {
            DoubleVector active = DoubleVector.fromArray(SimdShape.F64, h, i);
            DoubleVector.fromArray(SimdShape.F64, g, i).blend(zero, active.compare(VectorOperators.LE, 0.0)).intoArray(g, i);
        }
        for (; i < to; i++) {
            g[i] = h[i] > 0 ? g[i] : 0.0;
        }
    }
}
