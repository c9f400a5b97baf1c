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
    void withoutAUsableGpuThereAreNoGpuOpsAndNoDevice() {
        GpuAccelerator gpu = new GpuAccelerator();
        if (!gpu.availability().usable()) {
            assertThat(gpu.ops(dev.lanes.core.exec.ArrayOps.class)).isEmpty();
            assertThat(gpu.device()).isEmpty();
        } else {
            assertThat(gpu.ops(dev.lanes.core.exec.GemmOps.class)).isPresent();
            assertThat(gpu.device()).isPresent();
        }
        assertThat(gpu.ops(dev.lanes.core.exec.SortOps.class)).as("no GPU sort").isEmpty();
    }

    @Test
    void aDriverOlderThanTheToolkitOfThePtxIsNotUsable() {
        int ptx = PtxModule.load(PtxModule.ARRAY_KERNELS).toolkitVersion().orElseThrow();
        assertThat(ptx).isGreaterThanOrEqualTo(12000);
        assertThat(CudaProbe.driverTooOld(ptx, ptx)).isNull();
        assertThat(CudaProbe.driverTooOld(ptx + 10, ptx)).isNull();
        assertThat(CudaProbe.driverTooOld(12040, 13000))
            .isEqualTo("the NVIDIA driver supports CUDA 12.4, older than the CUDA 13.0 that built lanes' PTX; update the driver");
    }

    @Test
    void aDriverThatDoesNotLoadIsToldApartFromOtherLinkFailures() {
        String missingDriver = """
            Error while loading native library "JCudaDriver-12.6.0-linux-x86_64"
            Stack trace from the attempt to load the library as a file:
            java.lang.UnsatisfiedLinkError: no JCudaDriver-12.6.0-linux-x86_64 in java.library.path: /usr/lib
            Stack trace from the attempt to load the library as a resource:
            java.lang.UnsatisfiedLinkError: /tmp/libJCudaDriver-12.6.0-linux-x86_64.so: libcuda.so.1: cannot open shared object file: No such file or directory
            """;
        assertThat(CudaProbe.linkFailure(missingDriver)).isEqualTo("no NVIDIA driver: JCuda's native library needs libcuda.so.1, which did not load");
        String missingSymbol = missingDriver.replace("libcuda.so.1: cannot open shared object file: No such file or directory",
            "undefined symbol: cuCtxCreate_v4");
        assertThat(CudaProbe.linkFailure(missingSymbol))
            .isEqualTo("JCuda's native library did not load: /tmp/libJCudaDriver-12.6.0-linux-x86_64.so: undefined symbol: cuCtxCreate_v4");
        assertThat(CudaProbe.linkFailure(null)).startsWith("JCuda's native library did not load");
    }
}
