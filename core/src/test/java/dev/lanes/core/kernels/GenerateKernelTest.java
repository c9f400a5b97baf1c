package dev.lanes.core.kernels;

import dev.lanes.core.data.F32Array;
import dev.lanes.core.data.F64Array;
import dev.lanes.core.data.I64Array;
import dev.lanes.core.data.Value;
import dev.lanes.core.exec.ScalarArrayOps;
import dev.lanes.core.exec.WorkerPool;
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

class GenerateKernelTest {

    private static Value generate(String type, String distribution, long seed, int length, int threads) {
        Params p = new Params(Map.of("length", (long) length, "type", type, "distribution", distribution, "seed", seed));
        StageInstance s = new GenerateKernel().bind(p, List.of());
        try (WorkerPool pool = new WorkerPool(threads)) {
            Value v = KernelFixtures.run(s, new ScalarArrayOps(), pool);
            assertThat(s.verify(v).passed()).isTrue();
            return v;
        }
    }

    @Property(tries = 40)
    void dataDoesNotDependOnTheThreadCount(@ForAll @IntRange(min = 1, max = 300_000) int n, @ForAll @LongRange(min = -5, max = 5) long seed) {
        for (String distribution : List.of("uniform", "normal")) {
            double[] one = ((F64Array) generate("f64", distribution, seed, n, 1)).data();
            double[] three = ((F64Array) generate("f64", distribution, seed, n, 3)).data();
            assertThat(three).isEqualTo(one);
        }
        float[] one = ((F32Array) generate("f32", "normal", seed, n, 1)).data();
        float[] three = ((F32Array) generate("f32", "normal", seed, n, 3)).data();
        assertThat(three).isEqualTo(one);
    }

    @Test
    void uniformIsInTheUnitIntervalWithTheRightMoments() {
        double[] x = ((F64Array) generate("f64", "uniform", 42, 1_000_000, 2)).data();
        float[] y = ((F32Array) generate("f32", "uniform", 42, 1_000_000, 2)).data();
        double mean = 0;
        for (int i = 0; i < x.length; i++) {
            assertThat(x[i]).isGreaterThanOrEqualTo(0).isLessThan(1);
            assertThat(y[i]).isGreaterThanOrEqualTo(0f).isLessThan(1f);
            mean += x[i];
        }
        mean /= x.length;
        // standard error of the mean of U(0,1) over 1e6 samples is 2.9e-4: 5 sigma
        assertThat(mean).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1.5e-3));
    }

    @Test
    void normalHasMeanZeroAndUnitVariance() {
        double[] x = ((F64Array) generate("f64", "normal", 7, 1_000_000, 2)).data();
        double mean = 0;
        double squares = 0;
        for (double v : x) {
            mean += v;
            squares += v * v;
        }
        mean /= x.length;
        double variance = squares / x.length - mean * mean;
        assertThat(mean).isCloseTo(0, org.assertj.core.data.Offset.offset(5e-3));
        assertThat(variance).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-2));
    }

    @Test
    void sequenceIsTheIndexAndSeedsDiffer() {
        double[] s = ((F64Array) generate("f64", "sequence", 0, 1000, 2)).data();
        for (int i = 0; i < s.length; i++) {
            assertThat(s[i]).isEqualTo(i);
        }
        assertThat(((F64Array) generate("f64", "uniform", 1, 100, 1)).data())
            .isNotEqualTo(((F64Array) generate("f64", "uniform", 2, 100, 1)).data());
    }

    @Test
    void i64IsSixtyFourRandomBitsOrTheIndexAndNeverNormal() {
        long[] u = ((I64Array) generate("i64", "uniform", 9, 100_000, 2)).data();
        long negative = java.util.Arrays.stream(u).filter(v -> v < 0).count();
        // the sign bit is random: 50% ± 5 standard deviations (0.16%)
        assertThat(negative / 1e5).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.008));
        assertThat(u[3]).isEqualTo(dev.lanes.core.data.CounterRandom.bits(9, 3));
        long[] s = ((I64Array) generate("i64", "sequence", 9, 1000, 2)).data();
        assertThat(s[999]).isEqualTo(999);
        Params normal = new Params(Map.of("length", 10L, "type", "i64", "distribution", "normal", "seed", 3L));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new GenerateKernel().shape(normal, List.of()))
            .isInstanceOf(dev.lanes.core.kernel.InvalidStageException.class).hasMessageContaining("i64 data is uniform or sequence");
    }

    @Test
    void sampledVerificationCatchesACorruptedElement() {
        Params p = new Params(Map.of("length", 10L, "type", "f64", "distribution", "uniform", "seed", 3L));
        StageInstance s = new GenerateKernel().bind(p, List.of());
        F64Array v = (F64Array) KernelFixtures.run(s, new ScalarArrayOps(), null);
        v.data()[9] += 1;   // the last element is always among the sampled ones
        assertThat(s.verify(v).passed()).isFalse();
    }
}
