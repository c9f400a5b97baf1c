package dev.lanes.core.run;

import dev.lanes.core.ExecutionException;
import dev.lanes.core.exec.Accelerator;
import dev.lanes.core.exec.Accelerators;
import dev.lanes.core.exec.ArrayOps;
import dev.lanes.core.exec.Availability;
import dev.lanes.core.exec.Backend;
import dev.lanes.core.exec.BackendChoice;
import dev.lanes.core.exec.ScalarAccelerator;
import dev.lanes.core.exec.DropsLastElementOps;
import dev.lanes.core.kernel.KernelRegistry;
import dev.lanes.core.machine.MachineInfo;
import dev.lanes.core.spec.SpecLoader;
import dev.lanes.core.spec.Workload;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunnerTest {
    private static final String SPEC = """
        settings: { warmup: 1, iterations: 4, min-warmup-ms: 0, threads: [1, 2] }
        stages:
          - { id: data, kernel: generate, params: { length: 300000, seed: 5 } }
          - { id: squares, kernel: sum-of-squares, inputs: [data] }
        sweep:
          data.length: [100000, 300000]
        """;

    /** A "SIMD" accelerator that drops each block's last element: the runner must report the mismatch. */
    private static final class BrokenSimd implements Accelerator {
        @Override
        public Backend backend() {
            return Backend.SIMD;
        }

        @Override
        public Availability availability() {
            return Availability.usable("broken on purpose");
        }

        @Override
        public <O> Optional<O> ops(Class<O> opsType) {
            return Optional.of(opsType.cast(new DropsLastElementOps()));
        }
    }

    /** A GPU that is there but has no kernels: the kernel's own backend list decides. */
    private static final class UsableGpuWithoutKernels implements Accelerator {
        @Override
        public Backend backend() {
            return Backend.GPU;
        }

        @Override
        public Availability availability() {
            return Availability.usable("a test device");
        }

        @Override
        public <O> Optional<O> ops(Class<O> opsType) {
            return Optional.empty();
        }
    }

    private static Accelerators scalarOnly() {
        return new Accelerators(Map.of(Backend.SCALAR, new ScalarAccelerator()));
    }

    private static RunResult run(Accelerators accelerators, String spec, BackendChoice override) {
        Workload w = new SpecLoader(dev.lanes.core.kernels.BuiltInKernels.registry(), 2, 1L << 30).parse("t.yaml", spec, List.of(), false);
        return new Runner(accelerators, RunListener.NONE, "test").run(w, MachineInfo.detect(accelerators), override);
    }

    @Test
    void aThreadSweepGivesOneResultPerCountAScalingTableAndAGrowthFit() {
        RunResult r = run(scalarOnly(), SPEC, null);
        assertThat(r.schema()).isEqualTo("lanes.run/1");
        List<StageResult> squares = r.stages().stream().filter(s -> s.stage().equals("squares")).toList();
        assertThat(squares).extracting(StageResult::threads).containsExactly(1, 2, 1, 2);
        assertThat(squares).allSatisfy(s -> {
            assertThat(s.samplesNanos()).hasSize(4).allSatisfy(n -> assertThat(n).isPositive());
            assertThat(s.check().passed()).isTrue();
            assertThat(s.backend()).isEqualTo("threads(scalar)");
            assertThat(s.note()).contains("SIMD unusable");
            assertThat(s.throughput().gigabytesPerSecond()).isPositive();
        });
        assertThat(squares.get(1).checksum()).isEqualTo(squares.get(0).checksum());
        assertThat(r.stages().stream().filter(StageResult::source).toList()).hasSize(2)
            .allSatisfy(s -> assertThat(s.samplesNanos()).hasSize(1));
        assertThat(r.scaling()).hasSize(2);
        assertThat(r.scaling().get(0).scaling().rows()).extracting(row -> row.threads()).containsExactly(1, 2);
        assertThat(r.growth()).extracting(GrowthResult::stage).containsOnly("squares");
        assertThat(r.growth()).hasSize(2);
    }

    @Test
    void aWrongResultIsRecordedAsAFailedCheck() {
        Accelerators broken = new Accelerators(Map.of(Backend.SCALAR, new ScalarAccelerator(), Backend.SIMD, new BrokenSimd()));
        RunResult r = run(broken, SPEC, BackendChoice.SIMD);
        StageResult failure = r.firstFailure().orElseThrow();
        assertThat(failure.stage()).isEqualTo("squares");
        assertThat(failure.backend()).isEqualTo("simd");
        assertThat(failure.check().error()).isGreaterThan(failure.check().bound());
    }

    @Test
    void anUnusableBackendIsAnExecutionErrorWithTheReason() {
        assertThatThrownBy(() -> run(scalarOnly(), SPEC, BackendChoice.GPU))
            .isInstanceOf(ExecutionException.class)
            .hasMessageContaining("stage 'squares': backend gpu is not usable here: the lanes-gpu module is not on the class path");
        Accelerators withGpu = new Accelerators(Map.of(Backend.SCALAR, new ScalarAccelerator(), Backend.GPU, new UsableGpuWithoutKernels()));
        assertThatThrownBy(() -> run(withGpu, SPEC, BackendChoice.GPU))
            .isInstanceOf(ExecutionException.class)
            .hasMessageContaining("stage 'squares': backend gpu has no implementation of kernel 'sum-of-squares'");
        assertThatThrownBy(() -> run(scalarOnly(), SPEC, BackendChoice.SIMD))
            .isInstanceOf(ExecutionException.class)
            .hasMessageContaining("backend simd is not usable here: the lanes-vector module is not on the class path");
    }

    @Test
    void anInterruptedRunStopsWithExitCode130() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> run(scalarOnly(), SPEC, null))
                .isInstanceOf(InterruptedRunException.class)
                .satisfies(e -> assertThat(((InterruptedRunException) e).exitCode()).isEqualTo(130));
        } finally {
            Thread.interrupted();
        }
    }
}
