package dev.lanes.core.kernels;

import dev.lanes.core.data.ElementType;
import dev.lanes.core.data.F32Array;
import dev.lanes.core.data.F64Array;
import dev.lanes.core.data.Value;
import dev.lanes.core.exec.BlockExecutor;
import dev.lanes.core.exec.BlockTask;
import dev.lanes.core.exec.GemmLayout;
import dev.lanes.core.exec.GemmOps;
import dev.lanes.core.exec.ScalarAccelerator;
import dev.lanes.core.exec.WorkerPool;
import dev.lanes.core.kernel.Check;
import dev.lanes.core.kernel.InvalidStageException;
import dev.lanes.core.kernel.Params;
import dev.lanes.core.kernel.StageInstance;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MatmulKernelTest {
    private static final GemmOps SCALAR = new ScalarAccelerator().ops(GemmOps.class).orElseThrow();
    private final MatmulKernel kernel = new MatmulKernel();

    static Params params(int m, int k, int n, boolean f64, long seed) {
        return new Params(Map.of("m", (long) m, "k", (long) k, "n", (long) n, "type", f64 ? "f64" : "f32", "seed", seed));
    }

    @SuppressWarnings("unchecked")
    static Value run(StageInstance s, GemmOps ops, WorkerPool pool) {
        BlockTask<GemmOps, Object> task = (BlockTask<GemmOps, Object>) s.task();
        return pool == null ? BlockExecutor.runSequential(task, ops) : BlockExecutor.run(task, ops, pool);
    }

    @Property(tries = 60)
    void scalarAndThreadsMatchTheReference(@ForAll @IntRange(min = 1, max = 300) int m, @ForAll @IntRange(min = 1, max = 70) int k,
                                           @ForAll @IntRange(min = 1, max = 90) int n, @ForAll boolean f64,
                                           @ForAll @LongRange(min = 0, max = 1000) long seed) {
        Params p = params(m, k, n, f64, seed);
        StageInstance s = kernel.bind(p, List.of());
        Value one = run(s, SCALAR, null);
        Object firstResult = copy(one);
        Check check = s.verify(one);
        assertThat(check.passed()).as(check.toString()).isTrue();
        ElementType type = f64 ? ElementType.F64 : ElementType.F32;
        assertThat(MatmulKernel.relativeFrobeniusError(p, one)).isLessThanOrEqualTo(DenseReference.gamma(k + 1, type));
        try (WorkerPool pool = new WorkerPool(3)) {
            Value threaded = run(s, SCALAR, pool);
            assertThat(copy(threaded)).as("rows split over threads give the same bits").isEqualTo(firstResult);
        }
    }

    @Property(tries = 30)
    void aWrongEntryInTheLastRowIsCaught(@ForAll @IntRange(min = 1, max = 40) int m, @ForAll @IntRange(min = 1, max = 60) int k,
                                         @ForAll @IntRange(min = 1, max = 40) int n, @ForAll boolean f64) {
        StageInstance s = kernel.bind(params(m, k, n, f64, 5), List.of());
        GemmOps offByOne = new OneWrongEntry(SCALAR, m, n);
        assertThat(s.verify(run(s, offByOne, null)).passed()).isFalse();
    }

    @Test
    void sizesDefaultToSquareAndRefuseMatricesLargerThanAnArray() {
        Params square = new Params(Map.of("n", 100L, "m", 0L, "k", 0L, "type", "f32", "seed", 1L));
        assertThat(kernel.shape(square, List.of()).work().flops()).isEqualTo(2.0e6);
        assertThat(kernel.shape(square, List.of()).output().length()).isEqualTo(10_000);
        assertThatThrownBy(() -> kernel.shape(params(100_000, 100_000, 10, false, 1), List.of()))
            .isInstanceOf(InvalidStageException.class)
            .hasMessageContaining("A would have 100000 x 100000")
            .extracting(e -> ((InvalidStageException) e).param()).isEqualTo("m");
        assertThatThrownBy(() -> kernel.shape(params(10_000, 10, 1_000_000, false, 1), List.of()))
            .isInstanceOf(InvalidStageException.class).hasMessageContaining("C would have");
    }

    @Test
    void packingIsTheLayoutsPermutationOfB() {
        GemmLayout layout = new GemmLayout(4);
        int k = GemmLayout.KC + 3;
        int n = 6;
        float[] b = new float[k * n];
        for (int i = 0; i < b.length; i++) {
            b[i] = i + 1;
        }
        float[] packed = new float[(int) layout.packedLength(k, n)];
        layout.pack(b, k, n, 0, k, packed);
        // Second panel (3 rows), second strip (columns 4..7, of which 4 and 5 exist).
        int at = layout.stripOffset(k, n, GemmLayout.KC, 1);
        assertThat(packed[at]).isEqualTo(b[GemmLayout.KC * n + 4]);
        assertThat(packed[at + 1]).isEqualTo(b[GemmLayout.KC * n + 5]);
        assertThat(packed[at + 2]).isZero();
        assertThat(packed[at + 4]).isEqualTo(b[(GemmLayout.KC + 1) * n + 4]);
    }

    private static Object copy(Value v) {
        return v instanceof F64Array a ? a.data().clone() : ((F32Array) v).data().clone();
    }

    /** Correct except for C's last entry, which is off by 0.01. */
    private record OneWrongEntry(GemmOps inner, int m, int n) implements GemmOps {
        @Override
        public GemmLayout layout(ElementType type, int columns) {
            return inner.layout(type, columns);
        }

        @Override
        public void multiply(float[] a, int k, float[] b, int cols, float[] bias, boolean relu, float[] c, int r0, int r1) {
            inner.multiply(a, k, b, cols, bias, relu, c, r0, r1);
            if (r1 == m) {
                c[m * n - 1] += 0.01f;
            }
        }

        @Override
        public void multiply(double[] a, int k, double[] b, int cols, double[] bias, boolean relu, double[] c, int r0, int r1) {
            inner.multiply(a, k, b, cols, bias, relu, c, r0, r1);
            if (r1 == m) {
                c[m * n - 1] += 0.01;
            }
        }
    }
}
