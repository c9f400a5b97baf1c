package dev.lanes.gpu;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The whole GPU backend — JCuda, the CUDA context thread, device memory, pinned staging,
 * event timelines, residency, launches with their arguments, the runner's device path —
 * run on a machine without a GPU: a second JVM loads a stand-in libcuda.so.1
 * (gpu/src/test/cuda/fake_libcuda.cpp) whose launches run lanes' very kernels on the CPU
 * emulation, and runs the device tests there with LANES_REQUIRE_GPU=1, so none may skip.
 * Its stream runs copies and launches later, on a thread of its own, as a device does, so
 * a missing wait shows as wrong results.
 * It shows the host side is right; how fast the real kernels are needs a real GPU.
 */
class EmulatedDriverTest {
    private static Path dir;

    @org.junit.jupiter.api.BeforeAll
    static void buildTheDriver() throws IOException, InterruptedException {
        dir = Files.createTempDirectory("lanes-fake-cuda");
        Path sources = Path.of("src/test/cuda").toAbsolutePath();
        Process compile;
        try {
            compile = new ProcessBuilder("g++", "-std=c++20", "-O1", "-ffp-contract=off", "-shared", "-fPIC", "-pthread",
                "-Wl,-soname,libcuda.so.1", "-include", sources.resolve("cuda_emu.h").toString(), "-o",
                dir.resolve("libcuda.so.1").toString(), sources.resolve("fake_libcuda.cpp").toString())
                .redirectErrorStream(true).start();
        } catch (IOException e) {
            dir = null;           // no g++: the tests below skip
            return;
        }
        String log = new String(compile.getInputStream().readAllBytes());
        assertThat(compile.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(compile.exitValue()).as("the emulated driver must compile wherever g++ does:\n" + log).isZero();
    }

    @org.junit.jupiter.api.AfterAll
    static void removeTheDriver() throws IOException {
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** Runs test classes in a JVM that loads the emulated driver, with the given environment; its report. */
    private static String runDeviceTests(Map<String, String> environment, String... classes) throws IOException, InterruptedException {
        assumeTrue(dir != null, "no g++ to build the emulated driver");
        // its own temporary directory: JCuda unpacks its native library there, and must not
        // overwrite the one this JVM may have loaded (on a machine with a real GPU)
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "--enable-native-access=ALL-UNNAMED", "-Djava.io.tmpdir=" + dir, "-cp", System.getProperty("java.class.path"),
            DeviceTestMain.class.getName()));
        command.addAll(List.of(classes));
        ProcessBuilder child = new ProcessBuilder(command).redirectErrorStream(true);
        child.environment().put("LD_LIBRARY_PATH", dir.toString());
        child.environment().put("LANES_REQUIRE_GPU", "1");
        child.environment().putAll(environment);
        Process run = child.start();
        String out = new String(run.getInputStream().readAllBytes());
        assertThat(run.waitFor(600, TimeUnit.SECONDS)).isTrue();
        assertThat(run.exitValue()).as(out).isZero();
        assertThat(out).containsPattern("device tests: (\\d+) found, \\1 succeeded, 0 failed, 0 skipped");
        return out;
    }

    @Test
    void theDeviceTestsPassAgainstTheEmulatedDriver() throws IOException, InterruptedException {
        // FAKE_CUDA_PINNED_ONLY: a copy that is not from or to pinned memory fails the run (on a
        // device it would be a silent synchronous copy through the driver's own staging)
        assertThat(runDeviceTests(Map.of("FAKE_CUDA_PINNED_ONLY", "1"))).contains("device tests: 17 found");
    }

    @Test
    void runningOutOfDeviceMemoryIsReportedWithTheSizes() throws IOException, InterruptedException {
        runDeviceTests(Map.of("FAKE_CUDA_MEMORY_MIB", "64"),
            GpuFailuresTest.class.getName() + "#runningOutOfDeviceMemorySaysHowMuchWasNeededAndFree");
    }

    @Test
    void aDriverWithoutADeviceOrTooOldForThePtxIsReportedAsSuch() throws IOException, InterruptedException {
        String test = GpuFailuresTest.class.getName();
        runDeviceTests(Map.of("FAKE_CUDA_INIT_ERROR", "100"), test + "#aMachineWithADriverButNoDeviceHasNoGpuAndSaysSo");
        runDeviceTests(Map.of("FAKE_CUDA_DEVICES", "0"), test + "#aDriverWithNoDevicesHasNoGpu");
        runDeviceTests(Map.of("FAKE_CUDA_PTX_ERROR", "222"), test + "#aDriverTooOldForThePtxIsNamedAsSuch");
        runDeviceTests(Map.of("FAKE_CUDA_DRIVER_VERSION", "12040"), test + "#aDriverOlderThanThePtxLeavesTheGpuUnusableBeforeAnythingIsPlanned");
    }

    @Test
    void aFailingKernelIsReportedByName() throws IOException, InterruptedException {
        runDeviceTests(Map.of("FAKE_CUDA_FAIL_KERNEL", "sum_of_squares_f64"),
            GpuFailuresTest.class.getName() + "#aFailedKernelIsNamedAndTheContextReportsItAfterwards");
        runDeviceTests(Map.of("FAKE_CUDA_REFUSE_KERNEL", "sum_of_squares_f64"),
            GpuFailuresTest.class.getName() + "#aRefusedLaunchIsNamedWithItsGeometryAndTheContextGoesOn");
    }
}
