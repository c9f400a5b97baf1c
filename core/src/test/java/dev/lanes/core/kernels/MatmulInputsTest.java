package dev.lanes.core.kernels;

import dev.lanes.core.data.ElementType;
import dev.lanes.core.data.F64Array;
import dev.lanes.core.exec.GemmOps;
import dev.lanes.core.exec.ScalarAccelerator;
import dev.lanes.core.kernel.DataShape;
import dev.lanes.core.kernel.InvalidStageException;
import dev.lanes.core.kernel.Params;
import dev.lanes.core.kernel.StageInstance;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** matmul with A and B from other stages: their dimensions and type decide, and are checked against each other. */
class MatmulInputsTest {
    private static final GemmOps SCALAR = new ScalarAccelerator().ops(GemmOps.class).orElseThrow();
    private final MatmulKernel kernel = new MatmulKernel();
    private final Params unsized = new Params(Map.of("m", 0L, "k", 0L, "n", 0L, "type", "f64", "seed", 1L));

    private static DataShape matrix(ElementType type, long rows, long cols) {
        return DataShape.of(type, List.of(rows, cols));
    }

    @Test
    void theInputsGiveTheDimensionsAndTheProductIsRight() {
        DataShape a = matrix(ElementType.F64, 2, 3);
        DataShape b = matrix(ElementType.F64, 3, 2);
        var shape = kernel.shape(unsized, List.of(a, b));
        assertThat(shape.output().dims()).containsExactly(2L, 2L);
        assertThat(shape.work().flops()).isEqualTo(2.0 * 2 * 2 * 3);
        assertThat(kernel.size(unsized, shape).dims()).containsExactly(2L, 2L, 3L);
        StageInstance s = kernel.bind(unsized, List.of(new F64Array(new double[] {1, 2, 3, 4, 5, 6}),
            new F64Array(new double[] {7, 8, 9, 10, 11, 12})), List.of(a, b));
        var c = (F64Array) MatmulKernelTest.run(s, SCALAR, null);
        assertThat(c.data()).containsExactly(58, 64, 139, 154);
        assertThat(s.verify(c).passed()).isTrue();
    }

    @Test
    void inputsThatCannotBeMultipliedAreRefused() {
        assertThatThrownBy(() -> kernel.shape(unsized, List.of(DataShape.array(ElementType.F64, 6), matrix(ElementType.F64, 3, 2))))
            .isInstanceOf(InvalidStageException.class).hasMessageContaining("input a must be a matrix (2-d), got f64[6]");
        assertThatThrownBy(() -> kernel.shape(unsized, List.of(matrix(ElementType.F64, 2, 3), matrix(ElementType.F64, 4, 2))))
            .hasMessageContaining("a's columns must equal b's rows");
        assertThatThrownBy(() -> kernel.shape(unsized, List.of(matrix(ElementType.F32, 2, 3), matrix(ElementType.F64, 3, 2))))
            .hasMessageContaining("a is f32 but b is f64");
        assertThatThrownBy(() -> kernel.shape(unsized, List.of(matrix(ElementType.I64, 2, 3), matrix(ElementType.I64, 3, 2))))
            .hasMessageContaining("matmul multiplies f32 or f64");
        assertThatThrownBy(() -> kernel.shape(unsized, List.of()))
            .hasMessageContaining("matmul generates A and B unless it has inputs a and b");
    }
}
