package dev.lanes.core.run;

import dev.lanes.core.data.Value;
import dev.lanes.core.exec.Accelerator;
import dev.lanes.core.exec.Accelerators;
import dev.lanes.core.exec.ArrayOps;
import dev.lanes.core.exec.Availability;
import dev.lanes.core.exec.GpuProfile;
import dev.lanes.core.exec.Backend;
import dev.lanes.core.exec.BackendChoice;
import dev.lanes.core.exec.DevicePhases;
import dev.lanes.core.exec.DeviceSession;
import dev.lanes.core.exec.ScalarAccelerator;
import dev.lanes.core.kernel.KernelRegistry;
import dev.lanes.core.machine.MachineInfo;
import dev.lanes.core.result.PointResult;
import dev.lanes.core.result.RunResult;
import dev.lanes.core.machine.MachineProfile;
import dev.lanes.core.plan.CostModel;
import dev.lanes.core.plan.Planner;
import dev.lanes.core.run.Planning;
import dev.lanes.core.report.TableFormat;
import dev.lanes.core.spec.SpecLoader;
import dev.lanes.core.spec.Workload;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The runner's device path, on a recording stand-in for a GPU that computes with the scalar
 * chunk functions: each sample brackets one whole-range execution with begin/end, keeps the
 * device's phases, and the device's copies are dropped whenever the host may have written.
 */
class DeviceRunTest {

    /** Every call the runner makes on the device, in order. */
    private static final class RecordingDevice implements DeviceSession {
        final List<String> calls = new ArrayList<>();
        private long executions;

        @Override
        public void begin() {
            calls.add("begin");
        }

        @Override
        public DevicePhases end(Value output) {
            calls.add("end");
            executions++;
            // distinct per execution, so medians over the measured samples can be told apart
            return new DevicePhases(1, 1_000 + executions, 4_000, 10_000 + executions, 1, 500, 8);
        }

        @Override
        public void keepInputs() {
            calls.add("keep");
        }

        @Override
        public void hostDataChanged() {
            calls.add("changed");
        }

        @Override
        public void release() {
            calls.add("release");
        }

        @Override
        public String oneTimeCosts() {
            return "context 1 ms";
        }

        @Override
        public GpuProfile calibrate(boolean quick) {
            throw new UnsupportedOperationException();
        }

        long count(String call) {
            return calls.stream().filter(call::equals).count();
        }
    }

    /** Scalar arithmetic that records the ranges it is called with. */
    private static final class RangeRecordingOps implements ArrayOps {
        private final ArrayOps scalar = new ScalarAccelerator().ops(ArrayOps.class).orElseThrow();
        final List<int[]> ranges = new ArrayList<>();

        @Override
        public double sumOfSquares(double[] x, int from, int to) {
            ranges.add(new int[] {from, to});
            return scalar.sumOfSquares(x, from, to);
        }

        @Override
        public double sumOfSquares(float[] x, int from, int to) {
            ranges.add(new int[] {from, to});
            return scalar.sumOfSquares(x, from, to);
        }

        @Override
        public double dot(double[] x, double[] y, int from, int to) {
            return scalar.dot(x, y, from, to);
        }

        @Override
        public double dot(float[] x, float[] y, int from, int to) {
            return scalar.dot(x, y, from, to);
        }

        @Override
        public void axpy(double a, double[] x, double[] y, int from, int to) {
            ranges.add(new int[] {from, to});
            scalar.axpy(a, x, y, from, to);
        }

        @Override
        public void axpy(float a, float[] x, float[] y, int from, int to) {
            ranges.add(new int[] {from, to});
            scalar.axpy(a, x, y, from, to);
        }
    }

    private static final class FakeGpu implements Accelerator {
        final RecordingDevice device = new RecordingDevice();
        final RangeRecordingOps ops = new RangeRecordingOps();

        @Override
        public Backend backend() {
            return Backend.GPU;
        }

        @Override
        public Availability availability() {
            return Availability.usable("a recording stand-in");
        }

        @Override
        public <O> Optional<O> ops(Class<O> opsType) {
            return opsType == ArrayOps.class ? Optional.of(opsType.cast(ops)) : Optional.empty();
        }

        @Override
        public Optional<DeviceSession> device() {
            return Optional.of(device);
        }
    }

    private static RunResult run(FakeGpu gpu, String spec) {
        Accelerators accelerators = new Accelerators(Map.of(Backend.SCALAR, new ScalarAccelerator(), Backend.GPU, gpu));
        Workload w = new SpecLoader(dev.lanes.core.kernels.BuiltInKernels.registry(), 2, 1L << 30).parse("t.yaml", spec, List.of(), false);
        return new Runner(accelerators, RunListener.NONE, "test").run(w, MachineInfo.detect(accelerators), null);
    }

    @Test
    void eachSampleIsOneWholeRangeExecutionBetweenBeginAndEndWithItsPhasesKept() {
        FakeGpu gpu = new FakeGpu();
        RunResult r = run(gpu, """
            settings: { warmup: 2, iterations: 5, min-warmup-ms: 0 }
            stages:
              - { id: x, kernel: generate, params: { length: 100003, type: f64 } }
              - { id: squares, kernel: sum-of-squares, inputs: [x], backend: gpu }
            """);
        PointResult squares = r.points().stream().filter(s -> s.key().stage().equals("squares")).findFirst().orElseThrow();
        assertThat(squares.key().backend()).isEqualTo("gpu");
        assertThat(squares.check().passed()).isTrue();
        long executions = gpu.device.count("end");
        assertThat(executions).isGreaterThanOrEqualTo(7).isEqualTo(gpu.device.count("begin"));
        assertThat(gpu.ops.ranges).hasSize((int) executions).allSatisfy(range -> assertThat(range).containsExactly(0, 100003));
        assertThat(squares.deviceSamples()).hasSize(5);
        // the measured samples are the last five executions: kernel times 10_000 + (executions - 4 .. executions)
        assertThat(squares.device().kernelNanos()).isEqualTo(10_000 + executions - 2);
        assertThat(squares.device().toDeviceBytes()).isEqualTo(4_000);
        assertThat(squares.notes()).anySatisfy(n -> assertThat(n).contains("one-time device costs, not in the samples: context 1 ms"));
        assertThat(gpu.device.calls).last().isEqualTo("release");
        assertThat(new TableFormat().render(List.of(r))).contains("Device phases").contains("squares");
    }

    @Test
    void aDeviceStagesKernelTimeIsHeldAgainstTheDevicesCeilings() {
        FakeGpu gpu = new FakeGpu();
        Accelerators accelerators = new Accelerators(Map.of(Backend.SCALAR, new ScalarAccelerator(), Backend.GPU, gpu));
        GpuProfile ceilings = new GpuProfile(20, 20, 1000, 10_000, 5_000, 5_000, 10, 10, 8L << 30);
        MachineProfile profile = new MachineProfile(MachineProfile.SCHEMA, "test", "now", "synthetic", 0, 2, 4, 16, 32, 50, 100,
            10, 20, 30, 30, Map.of(2, 1000.0), 32L << 20, ceilings, Map.of(), List.of());
        Planner planner = new Planner(new CostModel(profile), accelerators);
        Workload w = new SpecLoader(dev.lanes.core.kernels.BuiltInKernels.registry(), 2, 1L << 30).parse("t.yaml", """
            settings: { warmup: 1, iterations: 3, min-warmup-ms: 0 }
            stages:
              - { id: x, kernel: generate, params: { length: 100000, type: f64 } }
              - { id: squares, kernel: sum-of-squares, inputs: [x], backend: gpu }
            """, List.of(), false);
        RunResult r = new Runner(accelerators, RunListener.NONE, "test", new Planning(planner, null))
            .run(w, MachineInfo.detect(accelerators), null);
        PointResult squares = r.points().stream().filter(s -> s.key().stage().equals("squares")).findFirst().orElseThrow();
        // 800 kB at the device's 1000 GB/s is 800 ns; the stand-in's kernels take 10 µs and a little more
        assertThat(squares.roof().bound()).isEqualTo("memory");
        assertThat(squares.roof().ceiling()).isEqualTo(1000);
        assertThat(squares.roof().share()).isCloseTo(800.0 / squares.device().kernelNanos(), within(1e-12));
        // the estimate charges the copy of x the samples made (the device keeps x only after the stage)
        assertThat(squares.estimate().nanos()).isEqualTo(new CostModel(profile).estimateGpu(new dev.lanes.core.kernel.Work(100000,
            200000, 800000), dev.lanes.core.data.ElementType.F64, new dev.lanes.core.plan.DeviceTraffic(800000, 0)).nanos());
    }

    @Test
    void anInPlaceTaskMakesTheDeviceCopyItsInputAgainEverySample() {
        FakeGpu gpu = new FakeGpu();
        run(gpu, """
            settings: { warmup: 1, iterations: 3, min-warmup-ms: 0 }
            stages:
              - { id: x, kernel: generate, params: { length: 1000, type: f32 } }
              - { id: y, kernel: generate, params: { length: 1000, type: f32, seed: 9 } }
              - { id: update, kernel: axpy, inputs: [x, y], params: { a: 0.5 }, backend: gpu }
            """);
        long executions = gpu.device.count("end");
        assertThat(gpu.device.count("changed")).isGreaterThanOrEqualTo(executions);
        List<String> calls = gpu.device.calls;
        for (int i = 0; i < calls.size(); i++) {
            if (calls.get(i).equals("begin")) {
                assertThat(calls.get(i - 1)).as("before execution " + i).isEqualTo("changed");
            }
        }
    }

    @Test
    void aCpuStageAfterADeviceStageEndsTheDevicesCopiesAndEachPointReleasesThem() {
        FakeGpu gpu = new FakeGpu();
        run(gpu, """
            settings: { warmup: 1, iterations: 2, min-warmup-ms: 0 }
            stages:
              - { id: x, kernel: generate, params: { length: 1000, type: f64 } }
              - { id: onGpu, kernel: sum-of-squares, inputs: [x], backend: gpu }
              - { id: onCpu, kernel: sum-of-squares, inputs: [x], backend: scalar }
            sweep:
              x.length: [1000, 2000]
            """);
        // per point: the device stage's executions, then the CPU stage drops the copies, then the point ends
        assertThat(String.join(" ", gpu.device.calls)).matches("(begin end )+keep changed release (begin end )+keep changed release");
    }
}
