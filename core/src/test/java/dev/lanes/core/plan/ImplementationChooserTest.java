package dev.lanes.core.plan;

import dev.lanes.core.exec.Accelerator;
import dev.lanes.core.exec.Accelerators;
import dev.lanes.core.exec.Availability;
import dev.lanes.core.exec.Backend;
import dev.lanes.core.exec.BackendChoice;
import dev.lanes.core.exec.ScalarAccelerator;
import dev.lanes.core.ExecutionException;
import dev.lanes.core.kernels.SortKernel;
import dev.lanes.core.kernels.SumOfSquaresKernel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImplementationChooserTest {

    /** A usable SIMD accelerator (its ops are the scalar ones: only the choice is under test). */
    private static final Accelerator SIMD = new Accelerator() {
        @Override
        public Backend backend() {
            return Backend.SIMD;
        }

        @Override
        public Availability availability() {
            return Availability.usable("fake");
        }

        @Override
        public <O> Optional<O> ops(Class<O> opsType) {
            return new ScalarAccelerator().ops(opsType);
        }
    };

    private final ImplementationChooser chooser =
        new ImplementationChooser(new Accelerators(Map.of(Backend.SCALAR, new ScalarAccelerator(), Backend.SIMD, SIMD)), 2, null);

    @Test
    void threadsRunSimdChunksOnlyForKernelsThatHaveThem() {
        var withSimd = chooser.choose("s", new SumOfSquaresKernel(), BackendChoice.THREADS, 1 << 20, List.of(2));
        assertThat(withSimd.implementations().getFirst().inner().backend()).isEqualTo(Backend.SIMD);
        assertThat(withSimd.note()).isNull();
        var without = chooser.choose("s", new SortKernel(), BackendChoice.THREADS, 1 << 20, List.of(2));
        assertThat(without.implementations().getFirst().inner().backend()).isEqualTo(Backend.SCALAR);
        assertThat(without.note()).contains("kernel 'sort' has no SIMD implementation");
    }

    @Test
    void askingForSimdOnAKernelWithoutItIsRefused() {
        assertThatThrownBy(() -> chooser.choose("s", new SortKernel(), BackendChoice.SIMD, 100, List.of(1)))
            .isInstanceOf(ExecutionException.class).hasMessageContaining("has no simd implementation");
    }
}
