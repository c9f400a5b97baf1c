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
import dev.lanes.core.result.LoadBalanceRow;
import dev.lanes.core.result.PhaseSamples;
import dev.lanes.core.result.PointParam;
import dev.lanes.core.result.PointResult;
import dev.lanes.core.result.ProblemSize;
import dev.lanes.core.result.RunResult;
import dev.lanes.core.result.SizeGrowthRow;
import dev.lanes.core.result.StrongScalingRow;
import dev.lanes.core.result.WeakAxis;
import dev.lanes.core.result.WeakScalingRow;
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
    void aFailingStageCancelsItsDependentsAndTheOthersStillRun() {
        Accelerators withGpu = new Accelerators(Map.of(Backend.SCALAR, new ScalarAccelerator(), Backend.GPU, new UsableGpuWithoutKernels()));
        RunResult r = run(withGpu, """
            stages:
              - { id: data, kernel: generate, params: { length: 5000 } }
              - { id: offloaded, kernel: sum-of-squares, inputs: [data], backend: gpu }
              - { id: after-it, kernel: dot, inputs: [data, data], after: [offloaded] }
              - { id: next, kernel: axpy, inputs: [data, data], after: [after-it] }
              - { id: independent, kernel: sum-of-squares, inputs: [data] }
            settings: { warmup: 1, iterations: 3, min-warmup-ms: 0, threads: [1] }
            """, null);
        assertThat(r.points()).extracting(p -> p.key().stage()).containsExactly("data", "independent");
        assertThat(r.complete()).as("a run with a failed stage is not complete").isFalse();
        assertThat(r.failures()).singleElement().satisfies(f -> {
            assertThat(f.stage()).isEqualTo("offloaded");
            assertThat(f.error()).contains("stage 'offloaded': backend gpu has no implementation of kernel 'sum-of-squares'");
            assertThat(f.cancelled()).containsExactly("after-it", "next");
        });
        RunResult saved = dev.lanes.core.result.ResultJson.parse("r.json", dev.lanes.core.result.ResultJson.write(List.of(r))).get(0);
        assertThat(saved.failures()).isEqualTo(r.failures());
    }

    @Test
    void aTrainingStageIsTimedInItsPartsEverySampleAndEachPartWithinTheSample() {
        RunResult r = run(scalarOnly(), """
            stages:
              - id: train
                kernel: mlp-train
                params: { batch: 70, layers: [20, 16, 4], steps: 3 }
              - id: shards
                kernel: mlp-train
                params: { batch: 1100, layers: [20, 16, 4], steps: 3 }
            settings: { warmup: 1, iterations: 4, min-warmup-ms: 0, threads: [1, 2] }
            """, null);
        assertThat(r.points()).hasSize(4).allSatisfy(p -> {
            assertThat(p.check().passed()).isTrue();
            assertThat(p.output()).startsWith("loss ").contains("over 3 steps", "f32[");
            assertThat(p.phases()).extracting(PhaseSamples::name).containsExactlyElementsOf(p.key().stage().equals("train")
                ? List.of("pack", "forward+backward", "weight gradients+update")
                : List.of("pack", "forward+backward", "reduce+update"));
            long[] samples = p.samples();
            for (int i = 0; i < samples.length; i++) {
                long parts = 0;
                for (PhaseSamples phase : p.phases()) {
                    assertThat(phase.samplesNanos()).hasSize(samples.length);
                    assertThat(phase.samplesNanos().get(i)).isPositive();
                    parts += phase.samplesNanos().get(i);
                }
                assertThat(parts).as("the parts of sample %d", i).isLessThanOrEqualTo(samples[i]);
            }
        });
        assertThat(r.rows(dev.lanes.core.result.PhaseRow.class)).hasSize(4);
    }

    @Test
    void aThreadSweepGivesOneResultPerCountAScalingTableAndGrowthRows() {
        RunResult r = run(scalarOnly(), SPEC, null);
        assertThat(r.schema()).isEqualTo("lanes.run/7");
        assertThat(r.complete()).isTrue();
        List<PointResult> squares = r.points().stream().filter(p -> p.key().stage().equals("squares")).toList();
        assertThat(squares).extracting(p -> p.key().threads()).containsExactly(1, 2, 1, 2);
        assertThat(squares).allSatisfy(p -> {
            assertThat(p.samplesNanos()).hasSize(4).allSatisfy(n -> assertThat(n).isPositive());
            assertThat(p.check().passed()).isTrue();
            assertThat(p.key().label()).isEqualTo("threads(scalar)");
            assertThat(p.key().backend()).isEqualTo("threads");
            assertThat(p.key().inner()).isEqualTo("scalar");
            assertThat(p.notes()).anySatisfy(n -> assertThat(n).contains("SIMD unusable"));
            assertThat(p.throughput().gigabytesPerSecond()).isPositive();
            assertThat(p.size()).isEqualTo(ProblemSize.elements(p.elements()));
        });
        assertThat(squares.get(0).key().point()).containsExactly(new PointParam("data.length", 100_000L));
        assertThat(squares.get(1).checksum()).isEqualTo(squares.get(0).checksum());
        assertThat(r.points().stream().filter(PointResult::source).toList()).hasSize(2)
            .allSatisfy(p -> assertThat(p.samplesNanos()).hasSize(1));
        List<StrongScalingRow> scaling = r.rows(StrongScalingRow.class);
        assertThat(scaling).hasSize(2);
        assertThat(scaling.get(0).rows()).extracting(StrongScalingRow.Entry::threads).containsExactly(1, 2);
        assertThat(scaling.get(0).amdahl()).isNull();
        assertThat(scaling.get(0).note()).contains("at least 3 thread counts");
        List<SizeGrowthRow> growth = r.rows(SizeGrowthRow.class);
        assertThat(growth).extracting(SizeGrowthRow::stage).containsOnly("squares");
        assertThat(growth).hasSize(2).allSatisfy(g -> {
            assertThat(g.param()).isEqualTo("data.length");
            assertThat(g.exponent()).isNull();
            assertThat(g.note()).contains("at least 3 sizes; this sweep has 2");
        });
        assertThat(r.rows(LoadBalanceRow.class)).isNotEmpty().allSatisfy(b -> {
            assertThat(b.key().threads()).isEqualTo(2);
            assertThat(b.imbalance()).isGreaterThanOrEqualTo(1.0);
            assertThat(b.idleShare()).isBetween(0.0, 1.0);
        });
    }

    @Test
    void twoIdenticalRunsListTheirPointsInTheSameOrderOverTwoSweepAxes() {
        String spec = """
            settings: { warmup: 0, iterations: 1, min-warmup-ms: 0, threads: [1] }
            stages:
              - { id: data, kernel: generate, params: { length: 1000, seed: 5 } }
              - { id: squares, kernel: sum-of-squares, inputs: [data] }
            sweep:
              data.seed: [3, 1, 2]
              data.length: [3000, 1000, 2000]
            """;
        List<List<PointParam>> first = run(scalarOnly(), spec, null).points().stream().map(p -> p.key().point()).toList();
        List<List<PointParam>> second = run(scalarOnly(), spec, null).points().stream().map(p -> p.key().point()).toList();
        assertThat(second).isEqualTo(first);
        assertThat(first.get(0)).containsExactly(new PointParam("data.seed", 3L), new PointParam("data.length", 3000L));
        assertThat(first.get(2)).containsExactly(new PointParam("data.seed", 3L), new PointParam("data.length", 1000L));
        assertThat(first.get(first.size() - 1)).containsExactly(new PointParam("data.seed", 2L),
            new PointParam("data.length", 2000L));
    }

    @Test
    void weakScalingGrowsTheParameterWithTheThreadsAndFitsGustafson() {
        String spec = """
            settings: { warmup: 1, iterations: 5, min-warmup-ms: 0, threads: [1, 2, 3] }
            stages:
              - { id: data, kernel: generate, params: { length: 200000, seed: 5 } }
              - { id: squares, kernel: sum-of-squares, inputs: [data], scaling: { weak: data.length } }
            """;
        RunResult r = run(scalarOnly(), spec, null);
        List<PointResult> squares = r.points().stream().filter(p -> p.key().stage().equals("squares")).toList();
        assertThat(squares).extracting(p -> p.key().threads()).containsExactly(1, 2, 3);
        assertThat(squares).extracting(PointResult::elements).containsExactly(200_000L, 400_000L, 600_000L);
        assertThat(r.spec().weak()).containsExactly(new WeakAxis("squares", "data.length"));
        assertThat(r.rows(StrongScalingRow.class)).isEmpty();
        WeakScalingRow weak = r.rows(WeakScalingRow.class).get(0);
        assertThat(weak.param()).isEqualTo("data.length");
        assertThat(weak.rows()).extracting(WeakScalingRow.Entry::size).containsExactly(200_000.0, 400_000.0, 600_000.0);
        WeakScalingRow.Entry two = weak.rows().get(1);
        assertThat(two.scaledSpeedup()).isCloseTo(2 * weak.rows().get(0).medianNanos() / two.medianNanos(),
            org.assertj.core.api.Assertions.within(1e-9));
        assertThat(two.efficiency()).isCloseTo(two.scaledSpeedup() / 2, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(weak.gustafson()).isNotNull();
        assertThat(weak.gustafson().serialFraction()).isBetween(0.0, 1.0);
        assertThat(weak.gustafson().serialFractionCi().low()).isLessThanOrEqualTo(weak.gustafson().serialFraction());
    }

    @Test
    void weakScalingNeedsOneThreadAndAnotherCount() {
        String spec = """
            settings: { threads: [2] }
            stages:
              - { id: data, kernel: generate, params: { length: 1000 } }
              - { id: squares, kernel: sum-of-squares, inputs: [data], scaling: { weak: data.length } }
            """;
        assertThatThrownBy(() -> run(scalarOnly(), spec, null)).isInstanceOf(dev.lanes.core.spec.SpecException.class)
            .hasMessageContaining("t.yaml:4:5: stage 'squares': weak scaling needs a thread list with 1 and more counts");
    }

    @Test
    void aSkewedWorkloadShowsInTheLoadBalanceRows() {
        java.util.Map<String, dev.lanes.core.kernel.Kernel> kernels =
            new java.util.LinkedHashMap<>(dev.lanes.core.kernels.BuiltInKernels.registry().byName());
        kernels.put("skewed", new SkewedKernel());
        String spec = """
            settings: { warmup: 1, iterations: 3, min-warmup-ms: 0, threads: [2] }
            stages:
              - { id: skew, kernel: skewed, backend: threads }
            """;
        Workload w = new SpecLoader(new KernelRegistry(kernels), 2, 1L << 30).parse("t.yaml", spec, List.of(), false);
        RunResult r = new Runner(scalarOnly(), RunListener.NONE, "test").run(w, MachineInfo.detect(scalarOnly()), null);
        assertThat(r.points()).singleElement().satisfies(p -> {
            assertThat(p.check().passed()).isTrue();
            assertThat(p.workerBusyNanos()).hasSize(2);
        });
        LoadBalanceRow balance = r.rows(LoadBalanceRow.class).get(0);
        // the heavy group (200 light blocks' worth plus one) against seven light groups of two: at best 201/107.5 = 1.87.
        // A worker the machine takes away mid-block still counts that time as busy, which pulls the ratio toward 1: the
        // heavy block is so heavy that the light worker would have to lose 35 ms in 14 blocks of 0.3 ms to fail it
        // (at 40× it failed once on a shared 2-core VM)
        assertThat(balance.imbalance()).isGreaterThan(1.2);
        assertThat(balance.idleShare()).isGreaterThan(0.08);
    }

    @Test
    void aWrongResultIsRecordedAsAFailedCheck() {
        Accelerators broken = new Accelerators(Map.of(Backend.SCALAR, new ScalarAccelerator(), Backend.SIMD, new BrokenSimd()));
        RunResult r = run(broken, SPEC, BackendChoice.SIMD);
        PointResult failure = r.firstFailure().orElseThrow();
        assertThat(failure.key().stage()).isEqualTo("squares");
        assertThat(failure.key().label()).isEqualTo("simd");
        assertThat(failure.check().error()).isGreaterThan(failure.check().bound());
    }

    @Test
    void anUnusableBackendIsAnExecutionErrorWithTheReason() {
        assertThatThrownBy(() -> run(scalarOnly(), SPEC, BackendChoice.GPU))
            .isInstanceOf(ExecutionException.class)
            .hasMessageContaining("stage 'squares': backend gpu is not usable here: the lanes-gpu module is not on the class path");
        Accelerators withGpu = new Accelerators(Map.of(Backend.SCALAR, new ScalarAccelerator(), Backend.GPU, new UsableGpuWithoutKernels()));
        // usable, but without the kernel: found when the stage runs, so it fails alone and the run goes on
        assertThat(run(withGpu, SPEC, BackendChoice.GPU).failures()).extracting(dev.lanes.core.result.StageFailure::error)
            .first().asString().contains("stage 'squares': backend gpu has no implementation of kernel 'sum-of-squares'");
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
