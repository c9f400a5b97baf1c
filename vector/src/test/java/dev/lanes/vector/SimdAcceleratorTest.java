package dev.lanes.vector;

import dev.lanes.core.exec.Accelerators;
import dev.lanes.core.exec.ArrayOps;
import dev.lanes.core.exec.Backend;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SimdAcceleratorTest {

    @Test
    void serviceLoaderFindsItAndItDescribesItsWidthOrWhyNot() {
        Accelerators accelerators = Accelerators.load();
        var simd = accelerators.find(Backend.SIMD);
        assertThat(simd).isPresent();
        var availability = simd.get().availability();
        assertThat(availability.detail()).isNotBlank();
        if (availability.usable()) {
            assertThat(availability.detail()).containsPattern("\\d+-bit: \\d+ x f64, \\d+ x f32");
            assertThat(simd.get().ops(ArrayOps.class)).isPresent();
        } else {
            assertThat(simd.get().ops(ArrayOps.class)).isEmpty();
        }
        assertThat(simd.get().ops(String.class)).isEmpty();
    }

    @Test
    void theTestJvmHasTheVectorModuleSoSimdIsUsable() {
        // surefire starts tests with --add-modules jdk.incubator.vector and C2 on
        assertThat(ModuleLayer.boot().findModule("jdk.incubator.vector")).isPresent();
        assertThat(new SimdAccelerator().availability().usable()).isTrue();
    }
}
