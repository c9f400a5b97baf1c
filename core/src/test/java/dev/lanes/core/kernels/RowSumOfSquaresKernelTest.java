package dev.lanes.core.kernels;

import dev.lanes.core.data.F64Array;
import dev.lanes.core.data.Value;
import dev.lanes.core.exec.DropsLastElementOps;
import dev.lanes.core.exec.ScalarArrayOps;
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

class RowSumOfSquaresKernelTest {
    private final RowSumOfSquaresKernel kernel = new RowSumOfSquaresKernel();

    private static Params cols(long cols) {
        return new Params(Map.of("cols", cols));
    }

    @Property(tries = 120)
    void everyRowMatchesTheReferenceOnOneAndThreeThreads(@ForAll @IntRange(min = 1, max = 300) int rows,
                                                         @ForAll @IntRange(min = 1, max = 3000) int cols,
                                                         @ForAll boolean f64) {
        Value x = KernelFixtures.awayFromZero(f64, rows * cols, (long) rows * 31 + cols);
        StageInstance s = kernel.bind(cols(cols), List.of(x));
        double[] sequential = ((F64Array) KernelFixtures.run(s, new ScalarArrayOps(), null)).data().clone();
        try (WorkerPool pool = new WorkerPool(3)) {
            Value threaded = KernelFixtures.run(s, new ScalarArrayOps(), pool);
            assertThat(s.verify(threaded).passed()).isTrue();
            assertThat(((F64Array) threaded).data()).isEqualTo(sequential);
        }
        assertThat(sequential).hasSize(rows);
    }

    @Property(tries = 40)
    void aDroppedElementInAnyRowIsCaught(@ForAll @IntRange(min = 1, max = 50) int rows, @ForAll @IntRange(min = 1, max = 1000) int cols) {
        Value x = KernelFixtures.awayFromZero(true, rows * cols, rows + 7L * cols);
        StageInstance s = kernel.bind(cols(cols), List.of(x));
        assertThat(s.verify(KernelFixtures.run(s, new DropsLastElementOps(), null)).passed()).isFalse();
    }

    @Test
    void theInputMustHoldWholeRows() {
        assertThat(kernel.shape(cols(1000), List.of(DataShape.array(dev.lanes.core.data.ElementType.F32, 8000))).output())
            .isEqualTo(DataShape.array(dev.lanes.core.data.ElementType.F64, 8));
        assertThatThrownBy(() -> kernel.shape(cols(7), List.of(DataShape.array(dev.lanes.core.data.ElementType.F64, 100))))
            .isInstanceOf(InvalidStageException.class).hasMessageContaining("not a multiple of cols = 7");
    }
}
