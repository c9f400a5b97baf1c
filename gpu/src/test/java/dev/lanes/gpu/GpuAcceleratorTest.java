package dev.lanes.gpu;

import dev.lanes.core.exec.Accelerators;
import dev.lanes.core.exec.Availability;
import dev.lanes.core.exec.Backend;
import dev.lanes.core.exec.BackendOptions;
import jcuda.driver.CUresult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GpuAcceleratorTest {

    @Test
    void theProbeGivesADeviceOrAReasonAndCachesIt() {
        Availability first = new GpuAccelerator().availability();
        assertThat(first.detail()).isNotBlank();
        if (first.usable()) {
            assertThat(first.detail()).containsPattern("sm_\\d+");
        } else {
            assertThat(first.detail()).doesNotContain("\n");
        }
        assertThat(new GpuAccelerator().availability()).isSameAs(first);
    }

    @Test
    void theServiceLoaderFindsItAndGpuOffNeverProbes() {
        assertThat(Accelerators.load().find(Backend.GPU)).get().isInstanceOf(GpuAccelerator.class);
        Availability off = Accelerators.load(new BackendOptions(false, true)).availability(Backend.GPU);
        assertThat(off.usable()).isFalse();
        assertThat(off.detail()).isEqualTo("disabled by --gpu off");
    }

    @Test
    void initFailuresThatMeanNoGpuAreNamed() {
        assertThat(CudaProbe.initFailure(CUresult.CUDA_ERROR_NO_DEVICE)).contains("no CUDA device");
        assertThat(CudaProbe.initFailure(803)).contains("does not match the kernel module");
        assertThat(CudaProbe.initFailure(804)).contains("forward compatibility");
        assertThat(CudaProbe.initFailure(CUresult.CUDA_ERROR_NOT_INITIALIZED)).contains("did not initialise");
        assertThat(CudaProbe.initFailure(999)).contains("999");
    }

    @Test
    void theGpuHasNoKernelsYet() {
        assertThat(new GpuAccelerator().ops(dev.lanes.core.exec.ArrayOps.class)).isEmpty();
    }
}
