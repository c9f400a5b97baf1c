package dev.lanes.gpu;

import dev.lanes.core.exec.Accelerators;
import dev.lanes.core.exec.Availability;
import dev.lanes.core.exec.Backend;
import dev.lanes.core.kernel.KernelRegistry;
import dev.lanes.core.machine.MachineInfo;
import dev.lanes.core.exec.GpuProfile;
import dev.lanes.core.run.RunListener;
import dev.lanes.core.result.RunResult;
import dev.lanes.core.run.Runner;
import dev.lanes.core.result.PointResult;
import dev.lanes.core.spec.SpecLoader;
import dev.lanes.core.spec.Workload;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whole workloads on the GPU through the runner, as {@code lanes run --backend gpu} runs
 * them: every stage verified against the scalar reference, the phases timed by the device,
 * and a stage that reads the previous GPU stage's output copying nothing in.
 */
class GpuRunTest {

    @BeforeEach
    void needsADevice() {
        DeviceRequirement.assumeDevice(new GpuAccelerator().availability());
    }

    private static RunResult run(String spec) {
        Accelerators accelerators = Accelerators.load();
        Workload w = new SpecLoader(dev.lanes.core.kernels.BuiltInKernels.registry(), 2, 8L << 30).parse("gpu.yaml", spec, List.of(), false);
        return new Runner(accelerators, RunListener.NONE, "test").run(w, MachineInfo.detect(accelerators), null);
    }

    private static PointResult stage(RunResult r, String id) {
        return r.points().stream().filter(s -> s.key().stage().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void everyGpuKernelPassesItsCheckEndToEnd() {
        RunResult r = run("""
            settings: { warmup: 1, iterations: 3, min-warmup-ms: 0 }
            stages:
              - { id: x, kernel: generate, params: { length: 1000003, type: f32 } }
              - { id: y, kernel: generate, params: { length: 1000003, type: f32, seed: 3 } }
              - { id: squares, kernel: sum-of-squares, inputs: [x], backend: gpu }
              - { id: dot, kernel: dot, inputs: [x, y], backend: gpu }
              - { id: rows, kernel: row-sum-of-squares, inputs: [x], params: { cols: 1000003 }, backend: gpu }
              - { id: counts, kernel: histogram, inputs: [x], params: { bins: 64, low: 0, high: 1 }, backend: gpu }
              - { id: pi, kernel: monte-carlo-pi, params: { samples: 10000000 }, backend: gpu }
              - { id: mm, kernel: matmul, params: { n: 300, m: 257, k: 129, type: f32 }, backend: gpu }
              - { id: mm64, kernel: matmul, params: { n: 200, type: f64 }, backend: gpu }
              - { id: net, kernel: mlp-forward, params: { batch: 1000, layers: [784, 256, 10] }, backend: gpu }
              - { id: img, kernel: generate, params: { length: 1000000, type: f32 } }
              - { id: blur, kernel: stencil2d, inputs: [img], params: { width: 1000, stencil: [5, 5] }, backend: gpu }
            """);
        assertThat(r.points().stream().filter(s -> !s.source()).toList()).hasSize(9).allSatisfy(s -> {
            assertThat(s.key().backend()).isEqualTo("gpu");
            assertThat(s.check().passed()).as(s.key().stage() + ": " + s.check()).isTrue();
            assertThat(s.device()).as(s.key().stage()).isNotNull();
            assertThat(s.device().kernelNanos()).as(s.key().stage()).isPositive();
            assertThat(s.device().launches()).as(s.key().stage()).isPositive();
        });
        assertThat(stage(r, "squares").device().toDeviceBytes()).isEqualTo(1000003L * 4);
        assertThat(stage(r, "squares").notes()).anySatisfy(n -> assertThat(n).contains("one-time device costs"));
    }

    @Test
    void aStageReadingTheLastGpuStagesOutputCopiesNothingIn() {
        RunResult r = run("""
            settings: { warmup: 1, iterations: 3, min-warmup-ms: 0 }
            stages:
              - { id: x, kernel: generate, params: { length: 2000000, type: f64 } }
              - { id: y, kernel: generate, params: { length: 2000000, type: f64, seed: 8 } }
              - { id: update, kernel: axpy, inputs: [x, y], params: { a: 2 }, backend: gpu }
              - { id: norm, kernel: sum-of-squares, inputs: [update], backend: gpu }
            """);
        assertThat(stage(r, "update").check().passed()).isTrue();
        assertThat(stage(r, "update").device().toDeviceBytes()).isEqualTo(2 * 2000000L * 8);   // x, and y restored every sample
        assertThat(stage(r, "update").device().toHostBytes()).isEqualTo(2000000L * 8);
        assertThat(stage(r, "norm").check().passed()).isTrue();
        assertThat(stage(r, "norm").device().toDeviceBytes()).as("axpy's output stayed on the device").isZero();
    }

    @Test
    void aStageReadingWhatTheLastGpuStageReadCopiesOnlyTheRest() {
        RunResult r = run("""
            settings: { warmup: 1, iterations: 3, min-warmup-ms: 0 }
            stages:
              - { id: x, kernel: generate, params: { length: 300000, type: f32 } }
              - { id: y, kernel: generate, params: { length: 300000, type: f32, seed: 4 } }
              - { id: squares, kernel: sum-of-squares, inputs: [x], backend: gpu }
              - { id: dot, kernel: dot, inputs: [x, y], backend: gpu }
            """);
        assertThat(stage(r, "squares").device().toDeviceBytes()).as("every sample of the first stage copies x in")
            .isEqualTo(300000L * 4);
        assertThat(stage(r, "dot").device().toDeviceBytes()).as("x is still on the device: only y comes in")
            .isEqualTo(300000L * 4);
        assertThat(stage(r, "dot").check().passed()).isTrue();
    }

    @Test
    void theQuickCalibrationMeasuresEveryFigureOfTheDevice() {
        GpuProfile p = new GpuAccelerator().device().orElseThrow().calibrate(true);
        assertThat(List.of(p.hostToDeviceGbps(), p.deviceToHostGbps(), p.deviceGbps(), p.gflopsF32(), p.gflopsF64(),
            p.launchNanos(), p.stagedToDeviceGbps(), p.stagedToHostGbps()))
            .allSatisfy(v -> assertThat(v).isFinite().isPositive());
        assertThat(p.memoryBytes()).as("device memory").isGreaterThanOrEqualTo(1L << 30);
        // the planner's copies go through staging, which cannot beat the pinned copy it ends in by much
        assertThat(p.stagedToDeviceGbps()).isLessThan(p.hostToDeviceGbps() * 1.5);
    }

    @Test
    void theGpuIsOneOfTheBackendsTheRunnerFinds() {
        Availability gpu = Accelerators.load().availability(Backend.GPU);
        assertThat(gpu.usable()).isTrue();
        assertThat(gpu.detail()).containsPattern("sm_\\d+");
    }

    @Test
    void aTrainingStepRunsOnTheDeviceCopyingInOnlyItsBatchLabelsAndParameters() {
        RunResult r = run("""
            settings: { warmup: 1, iterations: 2, min-warmup-ms: 0 }
            stages:
              - { id: train, kernel: mlp-train, params: { batch: 100, layers: [20, 16, 3], steps: 4, learning-rate: 0.5 }, backend: gpu }
              - { id: cpu, kernel: mlp-train, params: { batch: 100, layers: [20, 16, 3], steps: 4, learning-rate: 0.5 }, backend: scalar }
              - { id: train64, kernel: mlp-train, params: { batch: 70, layers: [9, 130, 4], type: f64, steps: 2 }, backend: gpu }
              - { id: shards, kernel: mlp-train, params: { batch: 1100, layers: [9, 12, 4], steps: 2 }, backend: gpu }
            """);
        // batches of up to 1024 rows are one shard whose products the device runs whole; 1100 rows are shards it sums
        for (String id : List.of("train", "train64", "shards")) {
            PointResult s = stage(r, id);
            assertThat(s.key().backend()).isEqualTo("gpu");
            assertThat(s.check().passed()).as(id + ": " + s.check()).isTrue();
        }
        PointResult train = stage(r, "train");
        long parameters = 20 * 16 + 16 + 16 * 3 + 3;
        // every step reads the batch and writes its activations and gradients on the device:
        // only the batch, its labels and the starting parameters go in, once per execution,
        assertThat(train.device().toDeviceBytes()).isEqualTo((100L * 20 + 100 + parameters) * Float.BYTES);
        // and only the trained parameters and each step's row losses come back
        assertThat(train.device().toHostBytes()).isEqualTo(parameters * Float.BYTES + 4 * 100L * Double.BYTES);
        assertThat(losses(train.output())).as("the loss falls, as on the CPU").hasSize(2)
            .satisfies(l -> assertThat(l[1]).isLessThan(l[0]))
            .satisfies(l -> assertThat(l).containsExactly(losses(stage(r, "cpu").output()), org.assertj.core.data.Offset.offset(1e-4)));
    }

    /** The first and last loss of an mlp-train output: "loss 1.0986 → 0.5012 over 4 steps, …". */
    private static double[] losses(String output) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("loss ([0-9.]+) → ([0-9.]+)").matcher(output);
        assertThat(m.find()).as(output).isTrue();
        return new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))};
    }
}
