package dev.lanes.gpu;

import dev.lanes.core.ExecutionException;
import dev.lanes.core.exec.Accelerators;
import dev.lanes.core.kernel.KernelRegistry;
import dev.lanes.core.machine.MachineInfo;
import dev.lanes.core.run.RunListener;
import dev.lanes.core.result.RunResult;
import dev.lanes.core.run.Runner;
import dev.lanes.core.spec.SpecLoader;
import dev.lanes.core.spec.Workload;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What a user reads when the GPU fails or is absent: out of device memory, a kernel that
 * fails, a driver without a device, a driver too old for the PTX. Run by
 * EmulatedDriverTest against the emulated driver set to fail that way (a real GPU cannot be
 * told to); skipped anywhere else.
 */
class GpuFailuresTest {
    private static final String SPEC = """
        settings: { warmup: 1, iterations: 2, min-warmup-ms: 0 }
        stages:
          - { id: x, kernel: generate, params: { length: 12500000, type: f64 } }
          - { id: squares, kernel: sum-of-squares, inputs: [x], backend: gpu }
        """;

    private static void run() {
        run(SPEC);
    }

    /**
     * Runs a spec on the GPU; whether every stage's check passed. A stage that failed is thrown
     * as the command line reports it (the runner records it and goes on with the others).
     */
    private static boolean run(String spec) {
        Accelerators accelerators = Accelerators.load();
        Workload w = new SpecLoader(dev.lanes.core.kernels.BuiltInKernels.registry(), 2, 4L << 30).parse("fail.yaml", spec, List.of(), false);
        RunResult result = new Runner(accelerators, RunListener.NONE, "test").run(w, MachineInfo.detect(accelerators), null);
        if (!result.failures().isEmpty()) {
            throw new ExecutionException(result.failures().get(0).error());
        }
        return result.points().stream().allMatch(s -> s.check() == null || s.check().passed());
    }

    @Test
    void runningOutOfDeviceMemorySaysHowMuchWasNeededAndFree() {
        assumeTrue("64".equals(System.getenv("FAKE_CUDA_MEMORY_MIB")), "needs the emulated driver with 64 MiB of device memory");
        assertThatThrownBy(GpuFailuresTest::run).isInstanceOf(ExecutionException.class)
            .hasMessage("stage 'squares' (kernel sum-of-squares, gpu): kernel error: out of device memory: an input needs "
                + "95.4 MiB, 64.0 MiB of 64.0 MiB are free");
    }

    @Test
    void aFailedKernelIsNamedAndTheContextReportsItAfterwards() {
        assumeTrue("sum_of_squares_f64".equals(System.getenv("FAKE_CUDA_FAIL_KERNEL")),
            "needs the emulated driver failing sum_of_squares_f64 as it runs");
        // the launch succeeds; the device fails later, and the next call that waits for it says so
        assertThatThrownBy(GpuFailuresTest::run).isInstanceOf(ExecutionException.class)
            .hasMessage("stage 'squares' (kernel sum-of-squares, gpu): kernel error: CUDA error after kernel sum_of_squares_f64: "
                + "CUDA_ERROR_LAUNCH_FAILED");
        assertThatThrownBy(GpuFailuresTest::run).isInstanceOf(ExecutionException.class)
            .hasMessageContaining("the CUDA context failed earlier: CUDA error after kernel sum_of_squares_f64");
    }

    @Test
    void aRefusedLaunchIsNamedWithItsGeometryAndTheContextGoesOn() {
        assumeTrue("sum_of_squares_f64".equals(System.getenv("FAKE_CUDA_REFUSE_KERNEL")),
            "needs the emulated driver refusing to launch sum_of_squares_f64");
        for (int attempt = 0; attempt < 2; attempt++) {
            // not sticky: the second run fails the same way, not with "failed earlier"
            assertThatThrownBy(GpuFailuresTest::run).isInstanceOf(ExecutionException.class)
                .hasMessageStartingWith("stage 'squares' (kernel sum-of-squares, gpu): kernel error: CUDA kernel sum_of_squares_f64 "
                    + "did not launch (grid ")
                .hasMessageEndingWith("CUDA_ERROR_LAUNCH_OUT_OF_RESOURCES");
        }
        assertThat(run(SPEC.replace("sum-of-squares", "dot").replace("inputs: [x]", "inputs: [x, x]")))
            .as("another kernel still runs on the same context").isTrue();
    }

    @Test
    void aMachineWithADriverButNoDeviceHasNoGpuAndSaysSo() {
        assumeTrue("100".equals(System.getenv("FAKE_CUDA_INIT_ERROR")), "needs the emulated driver reporting no device");
        Accelerators accelerators = Accelerators.load();
        assertThat(accelerators.availability(dev.lanes.core.exec.Backend.GPU).detail())
            .isEqualTo("no CUDA device (cuInit: CUDA_ERROR_NO_DEVICE)");
        assertThatThrownBy(GpuFailuresTest::run).isInstanceOf(ExecutionException.class)
            .hasMessage("stage 'squares': backend gpu is not usable here: no CUDA device (cuInit: CUDA_ERROR_NO_DEVICE)");
    }

    @Test
    void aDriverWithNoDevicesHasNoGpu() {
        assumeTrue("0".equals(System.getenv("FAKE_CUDA_DEVICES")), "needs the emulated driver with no devices");
        assertThat(Accelerators.load().availability(dev.lanes.core.exec.Backend.GPU).detail())
            .isEqualTo("the CUDA driver reports no device");
    }

    @Test
    void aDriverTooOldForThePtxIsNamedAsSuch() {
        assumeTrue("222".equals(System.getenv("FAKE_CUDA_PTX_ERROR")), "needs the emulated driver refusing the PTX");
        assertThatThrownBy(GpuFailuresTest::run).isInstanceOf(ExecutionException.class)
            .hasMessageStartingWith("stage 'squares' (kernel sum-of-squares, gpu): kernel error: PTX module array_kernels: "
                + "the driver is too old for this PTX (built by nvcc V")
            .hasMessageEndingWith("); update the NVIDIA driver");
    }

    @Test
    void aDriverOlderThanThePtxLeavesTheGpuUnusableBeforeAnythingIsPlanned() {
        assumeTrue("12040".equals(System.getenv("FAKE_CUDA_DRIVER_VERSION")), "needs the emulated driver saying CUDA 12.4");
        assertThat(Accelerators.load().availability(dev.lanes.core.exec.Backend.GPU).detail())
            .startsWith("the NVIDIA driver supports CUDA 12.4, older than the CUDA 1").endsWith("that built lanes' PTX; update the driver");
    }
}
