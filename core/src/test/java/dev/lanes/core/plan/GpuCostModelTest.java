package dev.lanes.core.plan;

import dev.lanes.core.exec.GpuProfile;
import dev.lanes.core.data.ElementType;
import dev.lanes.core.data.Value;
import dev.lanes.core.exec.Accelerator;
import dev.lanes.core.exec.Accelerators;
import dev.lanes.core.exec.Availability;
import dev.lanes.core.exec.Backend;
import dev.lanes.core.exec.ScalarAccelerator;
import dev.lanes.core.kernel.DataShape;
import dev.lanes.core.kernel.Kernel;
import dev.lanes.core.kernel.ParamSpec;
import dev.lanes.core.kernel.Params;
import dev.lanes.core.kernel.StageInstance;
import dev.lanes.core.kernel.StageShape;
import dev.lanes.core.kernel.Work;
import dev.lanes.core.machine.MachineProfile;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The GPU terms of the cost model, on a synthetic machine: a fast GPU behind a slow PCIe link. */
class GpuCostModelTest {

    /** Any kernel that has every backend: only its Work matters to the planner. */
    private record AnyKernel(String name) implements Kernel {
        @Override
        public String summary() {
            return name;
        }

        @Override
        public List<ParamSpec> params() {
            return List.of();
        }

        @Override
        public List<String> inputs() {
            return List.of();
        }

        @Override
        public Set<Backend> backends() {
            return Set.of(Backend.SCALAR, Backend.SIMD, Backend.THREADS, Backend.GPU);
        }

        @Override
        public StageShape shape(Params params, List<DataShape> inputs) {
            throw new UnsupportedOperationException();
        }

        @Override
        public StageInstance bind(Params params, List<Value> inputs) {
            throw new UnsupportedOperationException();
        }
    }

    private record Usable(Backend backend) implements Accelerator {
        @Override
        public Availability availability() {
            return Availability.usable("synthetic");
        }

        @Override
        public <O> Optional<O> ops(Class<O> opsType) {
            return Optional.empty();
        }
    }

    private record Unusable(Backend backend) implements Accelerator {
        @Override
        public Availability availability() {
            return Availability.unavailable("no NVIDIA driver");
        }

        @Override
        public <O> Optional<O> ops(Class<O> opsType) {
            return Optional.empty();
        }
    }

    private static final Accelerators ALL = new Accelerators(Map.of(Backend.SCALAR, new ScalarAccelerator(),
        Backend.SIMD, new Usable(Backend.SIMD), Backend.GPU, new Usable(Backend.GPU)));

    /** 8 CPU cores as in PlannerTest; a GPU with 3 TB/s and 50 TFLOP/s f32 behind PCIe at 8 GB/s pinned, 5 GB/s from JVM arrays, 10 µs per launch. */
    private static MachineProfile fastGpuSlowPcie() {
        MachineProfile cpu = PlannerTest.profile(2_000);
        return new MachineProfile(cpu.schema(), cpu.fingerprint(), cpu.createdAt(), cpu.method(), 0, cpu.cores(),
            cpu.scalarGflops(), cpu.simdGflops(), cpu.simdGflopsF32(), cpu.scalarCacheGbps(), cpu.simdCacheGbps(),
            cpu.scalarMemoryGbps(), cpu.simdMemoryGbps(), cpu.memoryGbpsAll(), cpu.triadGbpsAll(), cpu.dispatchNanos(),
            cpu.cacheBytes(), new GpuProfile(8, 8, 3000, 50_000, 25_000, 10_000, 5, 5, 80L << 30), cpu.opsPerSecond(),
            cpu.levels());
    }

    @Test
    void aSmallMemoryBoundStageStaysOnTheCpu() {
        Planner planner = new Planner(new CostModel(fastGpuSlowPcie()), ALL);
        long n = 1_000_000;
        StagePlan p = planner.plan("squares", new AnyKernel("sum-of-squares"), Map.of(), new Work(n, 2.0 * n, 8.0 * n), ElementType.F64);
        Estimate gpu = p.candidates().stream().filter(e -> e.backend() == Backend.GPU).findFirst().orElseThrow();
        assertThat(gpu.bound()).isEqualTo("transfer");
        assertThat(gpu.nanos()).isCloseTo(8e6 / 5 + 8e6 / 3000 + 10_000, within(1.0));   // copy in, read on device, launch
        assertThat(p.chosen().backend()).isNotEqualTo(Backend.GPU);
    }

    @Test
    void aLargeMatmulMovesToTheGpu() {
        Planner planner = new Planner(new CostModel(fastGpuSlowPcie()), ALL);
        long n = 4096;
        Work matmul = new Work(n * n, 2.0 * n * n * n, 3.0 * n * n * Float.BYTES);
        StagePlan p = planner.plan("mm", new AnyKernel("matmul"), Map.of(), matmul, ElementType.F32);
        assertThat(p.chosen().backend()).isEqualTo(Backend.GPU);
        Estimate cpu = p.candidates().stream().filter(e -> e.backend() != Backend.GPU)
            .min(java.util.Comparator.comparingDouble(Estimate::nanos)).orElseThrow();
        assertThat(cpu.bound()).isEqualTo("compute");
        assertThat(p.chosen().nanos()).isLessThan(cpu.nanos() / 4);
    }

    @Test
    void withoutAGpuInTheProfileThereIsNoGpuCandidate() {
        Planner planner = new Planner(new CostModel(PlannerTest.profile(2_000)), ALL);
        StagePlan p = planner.plan("mm", new AnyKernel("matmul"), Map.of(), new Work(1, 1e12, 1e6), ElementType.F32);
        assertThat(p.candidates()).noneMatch(e -> e.backend() == Backend.GPU);
        assertThat(p.excluded()).containsExactly("gpu: the calibration in use has no GPU figures; run 'lanes calibrate'");
    }

    @Test
    void aStageLargerThanTheGpusMemoryIsNotPlannedThere() {
        Planner planner = new Planner(new CostModel(fastGpuSlowPcie()), ALL);
        Work huge = new Work(1, 1e15, 70.0 * (1L << 30));
        StagePlan p = planner.plan("mm", new AnyKernel("matmul"), Map.of(), huge, ElementType.F32);
        assertThat(p.candidates()).noneMatch(e -> e.backend() == Backend.GPU);
        assertThat(p.excluded()).containsExactly("gpu: the stage moves 70.0 GiB, more than the 80% of the GPU's 80.0 GiB it may use");
    }

    @Test
    void anUnusableGpuIsNamedWithItsReasonAndNeverPlanned() {
        Accelerators noDriver = new Accelerators(Map.of(Backend.SCALAR, new ScalarAccelerator(),
            Backend.GPU, new Unusable(Backend.GPU)));
        Planner planner = new Planner(new CostModel(fastGpuSlowPcie()), noDriver);
        StagePlan p = planner.plan("mm", new AnyKernel("matmul"), Map.of(), new Work(1, 1e12, 1e6), ElementType.F32);
        assertThat(p.candidates()).noneMatch(e -> e.backend() == Backend.GPU);
        assertThat(p.excluded()).containsExactly("gpu: no NVIDIA driver");
    }

    @Test
    void aWorkloadsPlanKeepsAStageThatReadsAGpuStagesOutputOnTheGpu() {
        Planner planner = new Planner(new CostModel(fastGpuSlowPcie()), ALL);
        dev.lanes.core.spec.Workload w = new dev.lanes.core.spec.SpecLoader(dev.lanes.core.kernels.BuiltInKernels.registry(), 8, 8L << 30)
            .parse("chain.yaml", """
                stages:
                  - { id: mm, kernel: matmul, params: { n: 4096, type: f32 } }
                  - { id: rows, kernel: row-sum-of-squares, inputs: [mm], params: { cols: 4096 } }
                  - { id: cpu, kernel: sum-of-squares, inputs: [mm], backend: threads }
                """, java.util.List.of(), false);
        List<StagePlan> plans = planner.plan(w).stages();
        assertThat(plans).extracting(p -> p.chosen().backend()).startsWith(Backend.GPU, Backend.GPU);
        // C read and the row sums written on the device at 3 TB/s, the sums copied back at 5 GB/s: no copy of C in
        double c = 4096.0 * 4096 * 4;
        double sums = 4096.0 * 8;
        assertThat(plans.get(1).chosen().memoryNanos()).isCloseTo((c + sums) / 3000 + sums / 5, within(1.0));
    }

    @Test
    void inputsLeftOnTheDeviceByThePreviousStageAreNotCopiedAgain() {
        CostModel model = new CostModel(fastGpuSlowPcie());
        long n = 1_000_000;
        Work squares = new Work(n, 2.0 * n, 8.0 * n);
        Estimate copied = model.estimateGpu(squares, ElementType.F64, DeviceTraffic.allFromHost(squares));
        Estimate resident = model.estimateGpu(squares, ElementType.F64, new DeviceTraffic(0, 0));
        assertThat(copied.nanos() - resident.nanos()).isCloseTo(8e6 / 5, within(1.0));
        assertThat(resident.bound()).isNotEqualTo("transfer");
    }
}
