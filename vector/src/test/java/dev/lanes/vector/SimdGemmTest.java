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
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The SIMD matrix product against the compensated f64 reference: shapes that are not
 * multiples of MR, of the strip width or of the panel depth ({@code k} up to 600 crosses
 * two panel edges), one thread and two.
 */
class SimdGemmTest {

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
        assumeTrue(simd.availability().usable(), "SIMD unusable here: " + simd.availability().detail());
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
        assumeTrue(simd.availability().usable(), "SIMD unusable here: " + simd.availability().detail());
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
}
