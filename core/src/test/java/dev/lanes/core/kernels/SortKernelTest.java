package dev.lanes.core.kernels;

import dev.lanes.core.data.ElementType;
import dev.lanes.core.data.F64Array;
import dev.lanes.core.data.I64Array;
import dev.lanes.core.data.Value;
import dev.lanes.core.exec.ScalarAccelerator;
import dev.lanes.core.exec.SortOps;
import dev.lanes.core.exec.WorkerPool;
import dev.lanes.core.kernel.DataShape;
import dev.lanes.core.kernel.InvalidStageException;
import dev.lanes.core.kernel.Params;
import dev.lanes.core.kernel.StageInstance;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SortKernelTest {
    private static final SortOps OPS = new ScalarAccelerator().ops(SortOps.class).orElseThrow();
    private static final Params NONE = new Params(Map.of());
    private final SortKernel kernel = new SortKernel();

    /** Doubles with the awkward cases mixed in: ±0, ±∞, NaN, repeats, tiny and huge magnitudes. */
    static double[] awkwardDoubles(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] specials = {0.0, -0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN,
            Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, 1.0, -1.0};
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            int kind = random.nextInt(10);
            x[i] = kind == 0 ? specials[random.nextInt(specials.length)]
                : kind == 1 ? random.nextInt(5) - 2.0
                : kind == 2 ? Math.scalb(random.nextDouble(-1, 1), random.nextInt(-1000, 1000))
                : random.nextDouble(-1e6, 1e6);
        }
        return x;
    }

    @Property(tries = 60)
    void doublesComeOutInArraysSortOrderOnAnyThreadCount(@ForAll @IntRange(min = 1, max = 700_000) int n,
                                                         @ForAll @IntRange(min = 1, max = 3) int threads) {
        double[] x = awkwardDoubles(n, n);
        double[] original = x.clone();
        StageInstance s = kernel.bind(NONE, List.of(new F64Array(x)));
        double[] expected = x.clone();
        Arrays.sort(expected);
        try (WorkerPool pool = new WorkerPool(threads)) {
            Value out = KernelFixtures.run(s, OPS, threads == 1 ? null : pool);
            double[] got = ((F64Array) out).data();
            for (int i = 0; i < n; i++) {
                assertThat(Double.doubleToLongBits(got[i])).as("element %d", i).isEqualTo(Double.doubleToLongBits(expected[i]));
            }
            assertThat(s.verify(out).passed()).isTrue();
        }
        assertThat(x).as("the input is left alone").isEqualTo(original);
    }

    @Property(tries = 60)
    void longsComeOutSortedOnAnyThreadCount(@ForAll @IntRange(min = 1, max = 700_000) int n, @ForAll boolean narrow) {
        SplittableRandom random = new SplittableRandom(n * 3L);
        long[] x = new long[n];
        for (int i = 0; i < n; i++) {
            // narrow: few distinct keys, many ties and passes skipped; wide: all 64 bits, both signs
            x[i] = narrow ? random.nextInt(-3, 4) : random.nextLong();
        }
        long[] expected = x.clone();
        Arrays.sort(expected);
        StageInstance s = kernel.bind(NONE, List.of(new I64Array(x)));
        try (WorkerPool pool = new WorkerPool(2)) {
            assertThat(((I64Array) KernelFixtures.run(s, OPS, pool)).data()).isEqualTo(expected);
        }
    }

    @Property(tries = 200)
    void keysKeepDoubleCompareOrder(@ForAll double a, @ForAll double b) {
        assertThat(Long.signum(Long.compare(SortKeys.key(a), SortKeys.key(b)))).isEqualTo(Integer.signum(Double.compare(a, b)));
        assertThat(Double.doubleToLongBits(SortKeys.value(SortKeys.key(a)))).isEqualTo(Double.doubleToLongBits(a));
    }

    @Property(tries = 200)
    void aMergeRangeIsThatSliceOfTheWholeMerge(@ForAll @IntRange(min = 0, max = 300) int left, @ForAll @IntRange(min = 0, max = 300) int right,
                                               @ForAll @IntRange(min = 0, max = 600) int a, @ForAll @IntRange(min = 0, max = 600) int b) {
        SplittableRandom random = new SplittableRandom(left * 1000L + right);
        long[] src = new long[left + right];
        for (int i = 0; i < src.length; i++) {
            src[i] = random.nextInt(-20, 20);
        }
        Arrays.sort(src, 0, left);
        Arrays.sort(src, left, src.length);
        long[] whole = src.clone();
        Arrays.sort(whole);
        int from = Math.min(a, b) % (src.length + 1);
        int to = Math.min(src.length, from + Math.abs(a - b));
        long[] dst = new long[src.length];
        OPS.merge(src, 0, left, src.length, dst, from, to);
        assertThat(Arrays.copyOfRange(dst, from, to)).isEqualTo(Arrays.copyOfRange(whole, from, to));
    }

    @Test
    void aMisplacedElementIsCaught() {
        double[] x = awkwardDoubles(5000, 9);
        StageInstance s = kernel.bind(NONE, List.of(new F64Array(x)));
        double[] got = ((F64Array) KernelFixtures.run(s, OPS, null)).data().clone();
        double t = got[10];
        got[10] = got[11];
        got[11] = t == got[11] ? Math.nextUp(t) : t;
        assertThat(s.verify(new F64Array(got)).passed()).isFalse();
    }

    @Test
    void f32IsRefusedAndTheKernelHasNoSimd() {
        assertThatThrownBy(() -> kernel.shape(NONE, List.of(DataShape.array(ElementType.F32, 10))))
            .isInstanceOf(InvalidStageException.class).hasMessageContaining("sort takes f64 or i64");
        assertThat(kernel.backends()).doesNotContain(dev.lanes.core.exec.Backend.SIMD);
    }
}
