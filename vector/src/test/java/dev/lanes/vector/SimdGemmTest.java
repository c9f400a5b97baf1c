package dev.lanes.vector;

import dev.lanes.core.data.ElementType;
import dev.lanes.core.data.F32Array;
import dev.lanes.core.data.F64Array;
import dev.lanes.core.data.Value;
import dev.lanes.core.exec.BlockExecutor;
import dev.lanes.core.exec.BlockTask;
import dev.lanes.core.exec.GemmOps;
import dev.lanes.core.exec.WorkerPool;
import dev.lanes.core.kernel.Check;
import dev.lanes.core.kernel.Params;
import dev.lanes.core.kernel.StageInstance;
import dev.lanes.core.kernels.DenseReference;
import dev.lanes.core.kernels.MatmulKernel;
import dev.lanes.core.kernels.MlpForwardKernel;
import dev.lanes.core.kernels.MlpTrainKernel;
import dev.lanes.core.exec.GemmLayout;
import dev.lanes.core.exec.ScalarAccelerator;
import dev.lanes.core.exec.TrainingOps;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.lifecycle.BeforeProperty;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The SIMD matrix product against the compensated f64 reference: shapes that are not
 * multiples of MR, of the strip width or of the panel depth ({@code k} up to 600 crosses
 * two panel edges), one thread and two; the backward pass's transposed products and a whole
 * training step too.
 */
class SimdGemmTest {

    @BeforeProperty
    void simdMustBeUsable() {
        SimdAccelerator simd = new SimdAccelerator();
        assumeTrue(simd.availability().usable(), "SIMD unusable here: " + simd.availability().detail());
    }

    @SuppressWarnings("unchecked")
    private static Value run(StageInstance s, GemmOps ops, WorkerPool pool) {
        BlockTask<GemmOps, Object> task = (BlockTask<GemmOps, Object>) s.task();
        return pool == null ? BlockExecutor.runSequential(task, ops) : BlockExecutor.run(task, ops, pool);
    }

    @Property(tries = 80)
    void matmulMatchesTheReference(@ForAll @IntRange(min = 1, max = 300) int m, @ForAll @IntRange(min = 1, max = 600) int k,
                                   @ForAll @IntRange(min = 1, max = 130) int n, @ForAll boolean f64,
                                   @ForAll @LongRange(min = 0, max = 1000) long seed) {
        SimdAccelerator simd = new SimdAccelerator();
        GemmOps ops = simd.ops(GemmOps.class).orElseThrow();
        Params p = new Params(Map.of("m", (long) m, "k", (long) k, "n", (long) n, "type", f64 ? "f64" : "f32", "seed", seed));
        StageInstance s = new MatmulKernel().bind(p, List.of());
        Value one = run(s, ops, null);
        Object bits = one instanceof F64Array a ? a.data().clone() : ((F32Array) one).data().clone();
        Check check = s.verify(one);
        assertThat(check.passed()).as(check.toString()).isTrue();
        ElementType type = f64 ? ElementType.F64 : ElementType.F32;
        assertThat(MatmulKernel.relativeFrobeniusError(p, one)).isLessThanOrEqualTo(DenseReference.gamma(k + 1, type));
        try (WorkerPool pool = new WorkerPool(2)) {
            Value two = run(s, ops, pool);
            Object twoBits = two instanceof F64Array a ? a.data() : ((F32Array) two).data();
            assertThat(twoBits).as("the same bits on two threads").isEqualTo(bits);
        }
    }

    @Property(tries = 40)
    void mlpForwardMatchesTheReference(@ForAll @IntRange(min = 1, max = 300) int batch,
                                       @ForAll @net.jqwik.api.constraints.Size(min = 2, max = 4) List<@IntRange(min = 1, max = 120) Integer> widths,
                                       @ForAll boolean f64) {
        SimdAccelerator simd = new SimdAccelerator();
        GemmOps ops = simd.ops(GemmOps.class).orElseThrow();
        Params p = new Params(Map.of("batch", (long) batch, "layers", widths.stream().map(Integer::longValue).toList(),
            "type", f64 ? "f64" : "f32", "seed", 3L));
        StageInstance s = new MlpForwardKernel().bind(p, List.of());
        Value one = run(s, ops, null);
        Object bits = one instanceof F64Array a ? a.data().clone() : ((F32Array) one).data().clone();
        Check check = s.verify(one);
        assertThat(check.passed()).as(check.toString()).isTrue();
        try (WorkerPool pool = new WorkerPool(2)) {
            Value two = run(s, ops, pool);
            assertThat(two instanceof F64Array a ? a.data() : ((F32Array) two).data()).isEqualTo(bits);
        }
    }

    /** Aᵀ·B (A k × m from an offset, C into an offset) within γ(k)·|A|ᵀ|B| of the f64 product, on random shapes. */
    @Property(tries = 80)
    void transposedProductMatchesTheReference(@ForAll @IntRange(min = 1, max = 200) int m, @ForAll @IntRange(min = 1, max = 600) int k,
                                              @ForAll @IntRange(min = 1, max = 130) int n, @ForAll @IntRange(min = 0, max = 5) int offset,
                                              @ForAll boolean f64, @ForAll @LongRange(min = 0, max = 1000) long seed) {
        SimdAccelerator simd = new SimdAccelerator();
        TrainingOps ops = simd.ops(TrainingOps.class).orElseThrow();
        java.util.Random random = new java.util.Random(seed);
        double[] a = new double[offset + k * m];
        double[] b = new double[k * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = random.nextDouble() * 2 - 1;
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = random.nextDouble() * 2 - 1;
        }
        double[] got = new double[offset + m * n];
        if (f64) {
            double[] packed = new double[(int) GemmLayout.maxPackedLength(k, n)];
            ops.layout(ElementType.F64, n).packAt(b, 0, k, n, packed);
            ops.multiplyTransposed(a, offset, m, k, packed, n, got, offset, 0, m);
        } else {
            float[] af = toFloats(a);
            float[] bf = toFloats(b);
            for (int i = 0; i < a.length; i++) {
                a[i] = af[i];
            }
            for (int i = 0; i < b.length; i++) {
                b[i] = bf[i];
            }
            float[] packed = new float[(int) GemmLayout.maxPackedLength(k, n)];
            ops.layout(ElementType.F32, n).packAt(bf, 0, k, n, packed);
            float[] c = new float[offset + m * n];
            ops.multiplyTransposed(af, offset, m, k, packed, n, c, offset, 0, m);
            for (int i = 0; i < c.length; i++) {
                got[i] = c[i];
            }
        }
        double gamma = DenseReference.gamma(k, f64 ? ElementType.F64 : ElementType.F32);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double want = 0;
                double magnitude = 0;
                for (int p = 0; p < k; p++) {
                    want += a[offset + p * m + i] * b[p * n + j];
                    magnitude += Math.abs(a[offset + p * m + i] * b[p * n + j]);
                }
                assertThat(Math.abs(got[offset + i * n + j] - want)).as("C[%d][%d]", i, j)
                    .isLessThanOrEqualTo(1.01 * gamma * magnitude + 1e-15 * magnitude);
            }
        }
    }

    /**
     * The weight gradient that updates as it goes gives exactly the bits of the gradient made
     * into g and then applied (as the reduction of one shard applies it), over any rows of W,
     * one panel of k or several (where g keeps the partial sums between them).
     */
    @Property(tries = 60)
    void theFusedUpdateGivesTheBitsOfTheGradientThenTheUpdate(@ForAll @IntRange(min = 1, max = 120) int m,
                                                              @ForAll @IntRange(min = 1, max = 600) int k,
                                                              @ForAll @IntRange(min = 1, max = 100) int n, @ForAll boolean f64,
                                                              @ForAll @LongRange(min = 0, max = 1000) long seed) {
        TrainingOps ops = new SimdAccelerator().ops(TrainingOps.class).orElseThrow();
        java.util.Random r = new java.util.Random(seed);
        int offset = r.nextInt(5);
        int r0 = r.nextInt(m);
        int r1 = r0 + 1 + r.nextInt(m - r0);
        double rate = 0.01 + r.nextDouble();
        double[] a = r.doubles(offset + (long) k * m, -1, 1).toArray();
        double[] b = r.doubles((long) k * n, -1, 1).toArray();
        double[] p = r.doubles(offset + (long) m * n + 3, -1, 1).toArray();
        if (f64) {
            double[] packed = new double[(int) GemmLayout.maxPackedLength(k, n)];
            ops.layout(ElementType.F64, n).packAt(b, 0, k, n, packed);
            double[] want = p.clone();
            double[] g = new double[p.length];
            ops.multiplyTransposed(a, offset, m, k, packed, n, g, offset, r0, r1);
            dev.lanes.core.exec.TrainingLoops.sumAndUpdate(new double[][] {g}, want, rate, offset + r0 * n, offset + r1 * n);
            double[] got = p.clone();
            ops.multiplyTransposedUpdate(a, offset, m, k, packed, n, new double[p.length], got, offset, rate, r0, r1);
            assertThat(got).isEqualTo(want);
            assertThat(got).as("the update moved p").isNotEqualTo(p);
        } else {
            float[] af = toFloats(a);
            float[] packed = new float[(int) GemmLayout.maxPackedLength(k, n)];
            ops.layout(ElementType.F32, n).packAt(toFloats(b), 0, k, n, packed);
            float[] want = toFloats(p);
            float[] g = new float[p.length];
            ops.multiplyTransposed(af, offset, m, k, packed, n, g, offset, r0, r1);
            dev.lanes.core.exec.TrainingLoops.sumAndUpdate(new float[][] {g}, want, rate, offset + r0 * n, offset + r1 * n);
            float[] got = toFloats(p);
            ops.multiplyTransposedUpdate(af, offset, m, k, packed, n, new float[p.length], got, offset, rate, r0, r1);
            assertThat(got).isEqualTo(want);
            assertThat(got).as("the update moved p").isNotEqualTo(toFloats(p));
        }
    }

    /** Wᵀ packed with the tiles transposed in registers is the layout's packing, element for element, for any slice of rows. */
    @Property(tries = 60)
    void packingATransposeInRegistersGivesTheLayoutsPacking(@ForAll @IntRange(min = 1, max = 600) int k,
                                                             @ForAll @IntRange(min = 1, max = 100) int n, @ForAll boolean f64,
                                                             @ForAll @LongRange(min = 0, max = 1000) long seed) {
        TrainingOps ops = new SimdAccelerator().ops(TrainingOps.class).orElseThrow();
        java.util.Random r = new java.util.Random(seed);
        int offset = r.nextInt(5);
        int p0 = r.nextInt(k);
        int p1 = p0 + 1 + r.nextInt(k - p0);
        double[] t = r.doubles(offset + (long) n * k, -1, 1).toArray();
        GemmLayout layout = ops.layout(f64 ? ElementType.F64 : ElementType.F32, n);
        int length = (int) layout.packedLength(k, n);
        if (f64) {
            double[] want = new double[length];
            double[] got = new double[length];
            java.util.Arrays.fill(want, 7);     // what neither writes stays 7 in both; what one misses shows
            java.util.Arrays.fill(got, 7);
            layout.packTransposed(t, offset, k, n, p0, p1, want);
            ops.packTransposed(layout, t, offset, k, n, p0, p1, got);
            assertThat(got).isEqualTo(want);
        } else {
            float[] tf = toFloats(t);
            float[] want = new float[length];
            float[] got = new float[length];
            java.util.Arrays.fill(want, 7f);
            java.util.Arrays.fill(got, 7f);
            layout.packTransposed(tf, offset, k, n, p0, p1, want);
            ops.packTransposed(layout, tf, offset, k, n, p0, p1, got);
            assertThat(got).isEqualTo(want);
        }
    }

    private static float[] toFloats(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }

    /** A whole training step on SIMD: within the reference's bound, the same bits on two threads and as the scalar step. */
    @Property(tries = 30)
    void trainingStepMatchesTheReferenceAndTheScalarBits(@ForAll @IntRange(min = 1, max = 200) int batch,
                                                         @ForAll @net.jqwik.api.constraints.Size(min = 2, max = 4) List<@IntRange(min = 1, max = 90) Integer> widths,
                                                         @ForAll boolean f64, @ForAll @IntRange(min = 1, max = 2) int steps) {
        SimdAccelerator simd = new SimdAccelerator();
        TrainingOps ops = simd.ops(TrainingOps.class).orElseThrow();
        Params p = new Params(Map.of("batch", (long) batch, "layers", widths.stream().map(Integer::longValue).toList(),
            "type", f64 ? "f64" : "f32", "steps", (long) steps, "learning-rate", 0.1, "seed", 9L));
        StageInstance s = new MlpTrainKernel().bind(p, List.of());
        Value one = train(s, ops, null);
        Object bits = one instanceof F64Array a ? a.data().clone() : ((F32Array) one).data().clone();
        Check check = s.verify(one);
        assertThat(check.passed()).as(check.toString()).isTrue();
        try (WorkerPool pool = new WorkerPool(2)) {
            Value two = train(s, ops, pool);
            assertThat(two instanceof F64Array a ? a.data() : ((F32Array) two).data()).as("two threads").isEqualTo(bits);
        }
        Value scalar = train(s, new ScalarAccelerator().ops(TrainingOps.class).orElseThrow(), null);
        assertThat(scalar instanceof F64Array a ? a.data() : ((F32Array) scalar).data()).as("the scalar step").isEqualTo(bits);
    }

    @SuppressWarnings("unchecked")
    private static Value train(StageInstance s, TrainingOps ops, WorkerPool pool) {
        BlockTask<TrainingOps, Object> task = (BlockTask<TrainingOps, Object>) s.task();
        task.reset();
        return pool == null ? BlockExecutor.runSequential(task, ops) : BlockExecutor.run(task, ops, pool);
    }
}
