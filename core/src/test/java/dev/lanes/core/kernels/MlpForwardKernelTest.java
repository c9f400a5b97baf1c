package dev.lanes.core.kernels;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanes.core.data.F32Array;
import dev.lanes.core.data.F64Array;
import dev.lanes.core.data.Value;
import dev.lanes.core.exec.GemmOps;
import dev.lanes.core.exec.ScalarAccelerator;
import dev.lanes.core.exec.WorkerPool;
import dev.lanes.core.kernel.Check;
import dev.lanes.core.kernel.InvalidStageException;
import dev.lanes.core.kernel.ParamType;
import dev.lanes.core.kernel.Params;
import dev.lanes.core.kernel.StageInstance;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MlpForwardKernelTest {
    private static final GemmOps SCALAR = new ScalarAccelerator().ops(GemmOps.class).orElseThrow();
    private final MlpForwardKernel kernel = new MlpForwardKernel();

    static Params params(int batch, List<Long> layers, boolean f64) {
        return new Params(Map.of("batch", (long) batch, "layers", layers, "type", f64 ? "f64" : "f32", "seed", 11L));
    }

    @Property(tries = 40)
    void scalarAndThreadsMatchTheReference(@ForAll @IntRange(min = 1, max = 200) int batch,
                                           @ForAll @Size(min = 2, max = 4) List<@IntRange(min = 1, max = 70) Integer> widths,
                                           @ForAll boolean f64) {
        List<Long> layers = widths.stream().map(Integer::longValue).toList();
        StageInstance s = kernel.bind(params(batch, layers, f64), List.of());
        Value one = MatmulKernelTest.run(s, SCALAR, null);
        Object bits = one instanceof F64Array a ? a.data().clone() : ((F32Array) one).data().clone();
        Check check = s.verify(one);
        assertThat(check.passed()).as(check.toString()).isTrue();
        assertThat(one.length()).isEqualTo((long) batch * layers.getLast());
        try (WorkerPool pool = new WorkerPool(3)) {
            Value threaded = MatmulKernelTest.run(s, SCALAR, pool);
            assertThat(threaded instanceof F64Array a ? a.data() : ((F32Array) threaded).data()).isEqualTo(bits);
        }
    }

    @Test
    void reluIsAppliedBetweenLayersAndNotAfterTheLast() {
        // With ReLU after the last layer too, some outputs would be clamped to 0 where the reference is negative.
        StageInstance s = kernel.bind(params(16, List.of(8L, 6L, 5L), true), List.of());
        double[] out = ((F64Array) MatmulKernelTest.run(s, SCALAR, null)).data();
        assertThat(java.util.Arrays.stream(out).anyMatch(v -> v < 0)).isTrue();
        assertThat(s.verify(new F64Array(java.util.Arrays.stream(out).map(v -> Math.max(0, v)).toArray())).passed()).isFalse();
    }

    @Test
    void aLayerListNeedsAnInputAndAnOutputWidth() throws Exception {
        ParamType layers = kernel.params().stream().filter(p -> p.name().equals("layers")).findFirst().orElseThrow().type();
        assertThatThrownBy(() -> layers.parse(new ObjectMapper().readTree("[784]")))
            .hasMessageContaining("expected at least 2 sizes, got 1");
        assertThatThrownBy(() -> layers.parse(new ObjectMapper().readTree("[784, 0]")))
            .hasMessageContaining("entry 2: must be at least 1");
        assertThatThrownBy(() -> kernel.shape(params(1 << 30, List.of(784L, 10L), false), List.of()))
            .isInstanceOf(InvalidStageException.class).hasMessageContaining("activations of layer 1")
            .extracting(e -> ((InvalidStageException) e).param()).isEqualTo("batch");
    }
}
