package dev.lanes.core.kernels;

import dev.lanes.core.data.ElementType;
import dev.lanes.core.data.F32Array;
import dev.lanes.core.data.F64Array;
import dev.lanes.core.data.I64Array;
import dev.lanes.core.data.Value;
import dev.lanes.core.exec.HistogramOps;
import dev.lanes.core.exec.ScalarAccelerator;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HistogramKernelTest {
    private static final HistogramOps SCALAR = new ScalarAccelerator().ops(HistogramOps.class).orElseThrow();
    private final HistogramKernel kernel = new HistogramKernel();

    static Params params(long bins, double low, double high) {
        return new Params(Map.of("bins", bins, "low", low, "high", high));
    }

    @Property(tries = 60)
    void threadsCountExactlyWhatOneThreadCounts(@ForAll @IntRange(min = 1, max = 3_000_000) int n,
                                                @ForAll @IntRange(min = 1, max = 70_000) int bins, @ForAll boolean f64) {
        // values in [-1.5, 1.5) over bins on [-1, 1]: some outside on both sides
        Value x = KernelFixtures.randomArray(f64, n, n * 31L + bins);
        StageInstance s = kernel.bind(params(bins, -1, 1), List.of(x));
        long[] one = ((I64Array) KernelFixtures.run(s, SCALAR, null)).data().clone();
        try (WorkerPool pool = new WorkerPool(3)) {
            I64Array three = (I64Array) KernelFixtures.run(s, SCALAR, pool);
            assertThat(three.data()).isEqualTo(one);
            assertThat(s.verify(three).passed()).isTrue();
        }
        long inRange = 0;
        for (int i = 0; i < n; i++) {
            double v = x instanceof F64Array a ? a.data()[i] : ((F32Array) x).data()[i];
            inRange += v >= -1 && v <= 1 ? 1 : 0;
        }
        assertThat(Arrays.stream(one).sum()).isEqualTo(inRange);
    }

    @Test
    void edgesFollowNumpyTheLastBinIsClosedAndNanIsNotCounted() {
        double[] x = {0.0, 0.25, 0.5, 0.999, 1.0, -1e-300, 1.0000001, Double.NaN, 0.75};
        StageInstance s = kernel.bind(params(4, 0, 1), List.of(new F64Array(x)));
        long[] counts = ((I64Array) KernelFixtures.run(s, SCALAR, null)).data();
        assertThat(counts).containsExactly(1, 1, 1, 3);
    }

    @Test
    void aMiscountedBinIsCaught() {
        Value x = KernelFixtures.randomArray(false, 10_000, 3);
        StageInstance s = kernel.bind(params(10, -2, 2), List.of(x));
        long[] counts = ((I64Array) KernelFixtures.run(s, SCALAR, null)).data().clone();
        counts[9]++;
        assertThat(s.verify(new I64Array(counts)).passed()).isFalse();
    }

    @Test
    void anEmptyOrInvertedRangeAndIntegerInputAreRefused() {
        List<DataShape> x = List.of(DataShape.array(ElementType.F32, 100));
        assertThatThrownBy(() -> kernel.shape(params(10, 1, 1), x)).isInstanceOf(InvalidStageException.class)
            .hasMessageContaining("must be greater than low").extracting(e -> ((InvalidStageException) e).param()).isEqualTo("high");
        assertThatThrownBy(() -> kernel.shape(params(10, 0, 1), List.of(DataShape.array(ElementType.I64, 100))))
            .hasMessageContaining("takes f32 or f64");
        assertThat(kernel.shape(params(10, 0, 1), x).output()).isEqualTo(DataShape.array(ElementType.I64, 10));
    }

    @Test
    void zeroBinsIsRefusedByTheParameterType() {
        var bins = kernel.params().getFirst();
        assertThat(bins.name()).isEqualTo("bins");
        assertThatThrownBy(() -> bins.type().parse(com.fasterxml.jackson.databind.node.IntNode.valueOf(0)))
            .hasMessageContaining("must be at least 1");
    }
}
