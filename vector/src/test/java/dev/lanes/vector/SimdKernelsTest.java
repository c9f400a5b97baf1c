package dev.lanes.vector;

import dev.lanes.core.data.F32Array;
import dev.lanes.core.data.F64Array;
import dev.lanes.core.data.Value;
import dev.lanes.core.exec.ArrayOps;
import dev.lanes.core.exec.BlockExecutor;
import dev.lanes.core.exec.BlockTask;
import dev.lanes.core.exec.WorkerPool;
import dev.lanes.core.kernel.Check;
import dev.lanes.core.kernel.Params;
import dev.lanes.core.kernel.StageInstance;
import dev.lanes.core.kernels.RowSumOfSquaresKernel;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Whole kernels on the SIMD chunk functions, one thread and two, against their references. */
class SimdKernelsTest {

    @Property(tries = 120)
    @SuppressWarnings("unchecked")
    void rowSumOfSquares(@ForAll @IntRange(min = 1, max = 64) int rows, @ForAll @IntRange(min = 1, max = 5000) int cols,
                         @ForAll boolean f64) {
        SimdAccelerator simd = new SimdAccelerator();
        assumeTrue(simd.availability().usable(), "SIMD unusable here: " + simd.availability().detail());
        ArrayOps ops = simd.ops(ArrayOps.class).orElseThrow();
        SplittableRandom random = new SplittableRandom(rows * 7919L + cols);
        Value x;
        if (f64) {
            double[] d = new double[rows * cols];
            for (int i = 0; i < d.length; i++) {
                d[i] = random.nextDouble(-2, 2);
            }
            x = new F64Array(d);
        } else {
            float[] f = new float[rows * cols];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) random.nextDouble(-2, 2);
            }
            x = new F32Array(f);
        }
        StageInstance s = new RowSumOfSquaresKernel().bind(new Params(Map.of("cols", (long) cols)), List.of(x));
        BlockTask<ArrayOps, Object> task = (BlockTask<ArrayOps, Object>) s.task();
        Check one = s.verify(BlockExecutor.runSequential(task, ops));
        assertThat(one.passed()).as(one.toString()).isTrue();
        try (WorkerPool pool = new WorkerPool(2)) {
            Check two = s.verify(BlockExecutor.run(task, ops, pool));
            assertThat(two.passed()).as(two.toString()).isTrue();
        }
    }
}
