package dev.lanes.gpu;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The host side of the PTX: present in the jar, complete, loadable, and in step with the CUDA sources. */
class PtxModuleTest {

    @Test
    void everyModuleHasItsKernelsForTheLowestArchitecture() {
        assertThat(PtxModule.load(PtxModule.ARRAY_KERNELS).entries()).containsExactlyInAnyOrder(
            "sum_of_squares_f64", "sum_of_squares_f32", "dot_f64", "dot_f32", "axpy_f64", "axpy_f32",
            "row_sum_of_squares_f64", "row_sum_of_squares_f32", "monte_carlo_pi", "fma_peak_f32", "fma_peak_f64", "noop");
        assertThat(PtxModule.load(PtxModule.DENSE_KERNELS).entries()).containsExactlyInAnyOrder("gemm_f32", "gemm_f64",
            "gemm_tn_f32", "gemm_tn_f64");
        assertThat(PtxModule.load(PtxModule.TRAINING_KERNELS).entries()).containsExactlyInAnyOrder(
            java.util.stream.Stream.of("copy", "transpose", "softmax_gradient", "bias_gradient", "relu_gradient", "accumulate",
                "sgd_update").flatMap(k -> java.util.stream.Stream.of(k + "_f32", k + "_f64")).toArray(String[]::new));
        assertThat(PtxModule.load(PtxModule.IMAGE_KERNELS).entries()).containsExactlyInAnyOrder(
            "stencil3_f32", "stencil5_f32", "histogram_shared_f32", "histogram_shared_f64", "histogram_global_f32",
            "histogram_global_f64");
        for (String name : PtxModule.ALL) {
            PtxModule module = PtxModule.load(name);
            assertThat(module.target()).as(name).contains("sm_75");
            byte[] image = module.image();
            assertThat(image[image.length - 1]).as("NUL-terminated for cuModuleLoadDataEx").isZero();
            assertThat(image).hasSize(module.text().length() + 1);
        }
    }

    @Test
    void aMissingModuleSaysWhichAndHowToMakeIt() {
        assertThatThrownBy(() -> PtxModule.load("no_such_module"))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("no_such_module.ptx").hasMessageContaining("build-ptx.sh");
    }

    @Test
    void theCommittedPtxIsWhatTheSourcesCompileTo(@TempDir Path out) throws IOException, InterruptedException {
        PtxModule committed = PtxModule.load(PtxModule.ARRAY_KERNELS);
        String nvcc = nvccVersion();
        assumeTrue(nvcc != null, "nvcc is not on the PATH: the PTX cannot be regenerated here");
        String built = committed.compilerVersion().orElseThrow();
        assumeTrue(nvcc.contains(built), "the committed PTX was written by nvcc " + built + "; this machine has another release");
        Process p = new ProcessBuilder("bash", "build-ptx.sh", out.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(log).isZero();
        for (String name : PtxModule.ALL) {
            assertThat(Files.readString(out.resolve(name + ".ptx")))
                .as(name + ": gpu/src/main/cuda changed without gpu/build-ptx.sh being run").isEqualTo(PtxModule.load(name).text());
        }
    }

    /**
     * ptxas, the assembler the driver's JIT is built on, compiles every kernel for an H100
     * (sm_90) and the lowest target (sm_75) without spilling registers to local memory and
     * within the 48 KiB of static shared memory a block gets without opting in.
     */
    @Test
    void everyKernelAssemblesWithoutSpillsForTheLowestAndTheH100Architecture() throws IOException, InterruptedException {
        assumeTrue(onPath("ptxas"), "ptxas is not on the PATH: the PTX cannot be assembled here");
        for (String name : PtxModule.ALL) {
            Path ptx = Files.createTempFile("lanes-" + name, ".ptx");
            try {
                assembles(name, ptx);
            } finally {
                Files.deleteIfExists(ptx);                  // tests leave nothing in /tmp
            }
        }
    }

    private static void assembles(String name, Path ptx) throws IOException, InterruptedException {
        Files.writeString(ptx, PtxModule.load(name).text());
        for (String arch : new String[] {"sm_75", "sm_90"}) {
            Process p = new ProcessBuilder("ptxas", "-arch=" + arch, "-v", ptx.toString(), "-o", "/dev/null")
                .redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(log).isZero();
            List<String> functions = log.lines().filter(l -> l.contains("Function properties for")).toList();
            assertThat(functions).as(name + " on " + arch).hasSize(PtxModule.load(name).entries().size());
            assertThat(log.lines().filter(l -> l.contains("spill")).toList()).as(name + " on " + arch)
                .allSatisfy(l -> assertThat(l).contains("0 bytes spill stores, 0 bytes spill loads"));
            Matcher smem = Pattern.compile("(\\d+) bytes smem").matcher(log);
            while (smem.find()) {
                assertThat(Integer.parseInt(smem.group(1))).as(name + " shared memory on " + arch).isLessThanOrEqualTo(48 * 1024);
            }
        }
    }

    private static boolean onPath(String tool) {
        try {
            Process p = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** {@code nvcc --version}, or null where there is no nvcc. */
    private static String nvccVersion() throws InterruptedException {
        try {
            Process p = new ProcessBuilder("nvcc", "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        }
    }
}
