package dev.lanes.core.kernels;

import dev.lanes.core.data.ElementType;
import dev.lanes.core.data.F32Array;
import dev.lanes.core.data.F64Array;
import dev.lanes.core.data.Value;
import dev.lanes.core.exec.ScalarAccelerator;
import dev.lanes.core.exec.ScanOps;
import dev.lanes.core.exec.WorkerPool;
import dev.lanes.core.kernel.DataShape;
import dev.lanes.core.kernel.InvalidStageException;
import dev.lanes.core.kernel.Params;
import dev.lanes.core.kernel.StageInstance;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PrefixSumKernelTest {
    private static final ScanOps SCALAR = new ScalarAccelerator().ops(ScanOps.class).orElseThrow();
    private final PrefixSumKernel kernel = new PrefixSumKernel();
    private static final Params NONE = new Params(Map.of());

    @Property(tries = 60)
    void threadsGiveTheSameBitsAsOneThreadWithinTheBound(@ForAll @IntRange(min = 1, max = 400_000) int n, @ForAll boolean f64) {
        Value x = KernelFixtures.randomArray(f64, n, n * 17L);
        StageInstance s = kernel.bind(NONE, List.of(x));
        Value one = KernelFixtures.run(s, SCALAR, null);
        Object oneData = f64 ? ((F64Array) one).data().clone() : ((F32Array) one).data().clone();
        try (WorkerPool pool = new WorkerPool(3)) {
            Value three = KernelFixtures.run(s, SCALAR, pool);
            assertThat(f64 ? ((F64Array) three).data() : ((F32Array) three).data()).isEqualTo(oneData);
            assertThat(s.verify(three).passed()).as(s.verify(three).toString()).isTrue();
        }
    }

    @Test
    void runningSumsOfIntegersAreExactAcrossBlocks() {
        int n = 3 * PrefixSumKernel.BLOCK + 5;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i + 1;
        }
        StageInstance s = kernel.bind(NONE, List.of(new F64Array(x)));
        double[] out = ((F64Array) KernelFixtures.run(s, SCALAR, null)).data();
        for (int i = 0; i < n; i++) {
            assertThat(out[i]).isEqualTo((i + 1.0) * (i + 2.0) / 2);
        }
    }

    @Test
    void aWrongRunningSumIsCaught() {
        Value x = KernelFixtures.awayFromZero(true, 50_000, 4);
        StageInstance s = kernel.bind(NONE, List.of(x));
        double[] out = ((F64Array) KernelFixtures.run(s, SCALAR, null)).data().clone();
        out[40_000] += 1e-6 * Math.abs(out[40_000]) + 1e-3;
        assertThat(s.verify(new F64Array(out)).passed()).isFalse();
    }

    @Test
    void theOutputHasTheInputsShapeAndIntegersAreRefused() {
        assertThat(kernel.shape(NONE, List.of(DataShape.array(ElementType.F32, 10))).output()).isEqualTo(DataShape.array(ElementType.F32, 10));
        assertThatThrownBy(() -> kernel.shape(NONE, List.of(DataShape.array(ElementType.I64, 10))))
            .isInstanceOf(InvalidStageException.class).hasMessageContaining("takes f32 or f64");
    }
}
