package dev.lanes.core.kernels;

import dev.lanes.core.data.F32Array;
import dev.lanes.core.data.F64Array;
import dev.lanes.core.data.Scalar;
import dev.lanes.core.data.Value;
import dev.lanes.core.exec.ScalarArrayOps;
import dev.lanes.core.exec.WorkerPool;
import dev.lanes.core.kernel.Check;
import dev.lanes.core.kernel.Kernel;
import dev.lanes.core.kernel.Params;
import dev.lanes.core.kernel.StageInstance;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The scalar path of every array kernel against its reference, and verification catching a real bug. */
class ArrayKernelsTest {
    private static WorkerPool pool;

    @BeforeContainer
    static void start() {
        pool = new WorkerPool(2);
    }

    @AfterContainer
    static void stop() {
        pool.close();
    }

    private static final Params NONE = new Params(Map.of());
    private static final Params A = new Params(Map.of("a", -1.5));

    @Property(tries = 150)
    void scalarSumOfSquaresMatchesTheReference(@ForAll @IntRange(min = 0, max = 200_000) int n, @ForAll boolean f64) {
        Value x = KernelFixtures.randomArray(f64, n, n);
        StageInstance s = new SumOfSquaresKernel().bind(NONE, List.of(x));
        Value sequential = KernelFixtures.run(s, new ScalarArrayOps(), null);
        Value threaded = KernelFixtures.run(s, new ScalarArrayOps(), pool);
        assertThat(s.verify(sequential).passed()).isTrue();
        assertThat(((Scalar) threaded).value()).isEqualTo(((Scalar) sequential).value());
        assertThat(((Scalar) sequential).value()).isCloseTo(SumOfSquaresKernel.reference(x), org.assertj.core.data.Offset.offset(1e-9 * (1 + n)));
    }

    @Property(tries = 100)
    void scalarDotMatchesTheReference(@ForAll @IntRange(min = 0, max = 100_000) int n, @ForAll boolean f64) {
        Value x = KernelFixtures.randomArray(f64, n, n);
        Value y = KernelFixtures.randomArray(f64, n, n + 7);
        StageInstance s = new DotKernel().bind(NONE, List.of(x, y));
        Check check = s.verify(KernelFixtures.run(s, new ScalarArrayOps(), pool));
        assertThat(check.passed()).as(check.toString()).isTrue();
    }

    @Property(tries = 100)
    void scalarAxpyMatchesTheReferenceAndResetRestoresY(@ForAll @IntRange(min = 0, max = 100_000) int n, @ForAll boolean f64) {
        Value x = KernelFixtures.randomArray(f64, n, n);
        Value y = KernelFixtures.randomArray(f64, n, n + 1);
        Value yBefore = copy(y);
        StageInstance s = new AxpyKernel().bind(A, List.of(x, y));
        KernelFixtures.run(s, new ScalarArrayOps(), pool);
        Value out = KernelFixtures.run(s, new ScalarArrayOps(), pool);   // a second sample starts from pristine y again
        Check check = s.verify(out);
        assertThat(check.passed()).as(check.toString()).isTrue();
        s.task().reset();
        assertThat(y).usingRecursiveComparison().isEqualTo(yBefore);
    }

    /**
     * One dropped term of magnitude ≥ 0.25 out of n terms of magnitude ≤ 4 changes the sum by
     * at least 1/(16n) of Σ|terms|: above the f64 bound for any n here, and above the f32
     * bound (≤ 6.2e-5) for n ≤ 1000. Beyond that a dropped f32 term hides in f32 rounding.
     */
    @Property(tries = 60)
    void verificationCatchesAMissingElement(@ForAll @IntRange(min = 1, max = 50_000) int length, @ForAll boolean f64) {
        int n = f64 ? length : 1 + length % 1000;
        Value x = KernelFixtures.awayFromZero(f64, n, n);
        Value y = KernelFixtures.awayFromZero(f64, n, n + 3);
        for (Kernel k : List.of(new SumOfSquaresKernel(), new DotKernel(), new AxpyKernel())) {
            List<Value> inputs = k.inputs().size() == 1 ? List.of(x) : List.of(x, copy(y));
            StageInstance s = k.bind(k instanceof AxpyKernel ? A : NONE, inputs);
            Value wrong = KernelFixtures.run(s, new dev.lanes.core.exec.DropsLastElementOps(), null);
            assertThat(s.verify(wrong).passed()).as(k.name() + " must reject a result missing elements").isFalse();
        }
    }

    @Property(tries = 30)
    void theErrorBoundGrowsWithLengthAndIsLooserForF32(@ForAll @IntRange(min = 1, max = 1 << 30) int n) {
        double f64 = SumBounds.relativeBound(dev.lanes.core.data.ElementType.F64, n, SumBounds.blockSize(dev.lanes.core.data.ElementType.F64));
        double f32 = SumBounds.relativeBound(dev.lanes.core.data.ElementType.F32, n, SumBounds.blockSize(dev.lanes.core.data.ElementType.F32));
        assertThat(f32).isGreaterThan(f64);
        assertThat(f64).isLessThan(1e-10);
        assertThat(f32).isLessThan(1e-3);
    }

    private static Value copy(Value v) {
        return v instanceof F64Array a ? new F64Array(a.data().clone()) : new F32Array(((F32Array) v).data().clone());
    }
}
