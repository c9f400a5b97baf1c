package dev.lanes.core.kernels;

import dev.lanes.core.data.F32Array;
import dev.lanes.core.data.F64Array;
import dev.lanes.core.data.I64Array;
import dev.lanes.core.data.Value;
import dev.lanes.core.exec.BlockExecutor;
import dev.lanes.core.exec.BlockTask;
import dev.lanes.core.exec.ScalarAccelerator;
import dev.lanes.core.exec.TrainingOps;
import dev.lanes.core.exec.WorkerPool;
import dev.lanes.core.kernel.Check;
import dev.lanes.core.kernel.DataShape;
import dev.lanes.core.kernel.InvalidStageException;
import dev.lanes.core.kernel.Params;
import dev.lanes.core.kernel.StageInstance;
import dev.lanes.core.kernel.StageShape;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class MlpTrainKernelTest {
    private static final TrainingOps SCALAR = new ScalarAccelerator().ops(TrainingOps.class).orElseThrow();
    private final MlpTrainKernel kernel = new MlpTrainKernel();

    static Params params(int batch, List<Long> layers, boolean f64, int steps, double rate) {
        Map<String, Object> values = new HashMap<>(Map.of("batch", (long) batch, "layers", layers, "type", f64 ? "f64" : "f32",
            "steps", (long) steps, "learning-rate", rate, "seed", 5L));
        return new Params(values);
    }

    @SuppressWarnings("unchecked")
    static Value run(StageInstance s, TrainingOps ops, WorkerPool pool) {
        BlockTask<TrainingOps, Object> task = (BlockTask<TrainingOps, Object>) s.task();
        task.reset();
        return pool == null ? BlockExecutor.runSequential(task, ops) : BlockExecutor.run(task, ops, pool);
    }

    private static Object bits(Value v) {
        return v instanceof F64Array a ? a.data().clone() : ((F32Array) v).data().clone();
    }

    @Property(tries = 30)
    void scalarAndThreadsMatchTheReferenceWithTheSameBits(@ForAll @IntRange(min = 1, max = 150) int rows, @ForAll boolean shards,
                                                          @ForAll @Size(min = 2, max = 4) List<@IntRange(min = 1, max = 40) Integer> widths,
                                                          @ForAll boolean f64, @ForAll @IntRange(min = 1, max = 3) int steps) {
        // one shard whose products the threads split, or (past ONE_SHARD_MAX_BATCH) shards the threads take whole
        int batch = shards ? TrainingNetwork.ONE_SHARD_MAX_BATCH + rows : rows;
        assertThat(TrainingNetwork.shards(batch) > 1).isEqualTo(shards);
        List<Long> layers = widths.stream().map(Integer::longValue).toList();
        StageInstance s = kernel.bind(params(batch, layers, f64, steps, 0.1), List.of());
        Value one = run(s, SCALAR, null);
        Object bits = bits(one);
        Check check = s.verify(one);
        assertThat(check.passed()).as(check.toString()).isTrue();
        try (WorkerPool pool = new WorkerPool(3)) {
            assertThat(bits(run(s, SCALAR, pool))).as("the same bits on three threads").isEqualTo(bits);
        }
        assertThat(bits(run(s, SCALAR, null))).as("the same bits again: every sample starts from the same weights").isEqualTo(bits);
    }

    @Test
    void aParameterMovedBeyondItsBoundFailsTheCheck() {
        StageInstance s = kernel.bind(params(40, List.of(12L, 9L, 4L), false, 2, 0.1), List.of());
        float[] got = ((F32Array) run(s, SCALAR, null)).data().clone();
        assertThat(s.verify(new F32Array(got)).passed()).isTrue();
        got[7] = Math.nextUp(got[7] + Math.ulp(got[7]) * 64);
        assertThat(s.verify(new F32Array(got)).passed()).isFalse();
    }

    /** Past the steps its bounds cover, the check still fails a wrong result rather than passing anything. */
    @Test
    void manyStepsAreCheckedByTheirDriftAndAWrongResultStillFails() {
        StageInstance s = kernel.bind(params(40, List.of(8L, 6L, 3L), false, 200, 0.5), List.of());
        float[] got = ((F32Array) run(s, SCALAR, null)).data().clone();
        Check check = s.verify(new F32Array(got));
        assertThat(check.passed()).as(check.toString()).isTrue();
        assertThat(check.method()).contains("max |error| / max |parameter| after 200 steps");
        assertThat(check.bound()).isLessThan(1e-3);
        got[3] *= 1.01f;
        assertThat(s.verify(new F32Array(got)).passed()).isFalse();
    }

    /** The analytic gradient (from the update with η = 1) against central differences of the loss. */
    @Test
    void gradientsMatchFiniteDifferencesOfTheLoss() {
        int[] widths = {6, 7, 5, 3};
        TrainingNetwork net = new TrainingNetwork(11, widths, dev.lanes.core.data.ElementType.F64, 1, 1.0, 3L, null, null, null);
        BlockTask<TrainingOps, Void> step = TrainingPhases.steps(net);
        step.reset();
        double[] after = ((F64Array) BlockExecutor.runSequential(step, SCALAR)).data().clone();
        double[] start = net.initial.f64();
        // every bias and weight of each layer, sampled
        int[] probes = {0, 5, net.biasOffset[0] + 2, net.weightOffset[1] + 11, net.biasOffset[1], net.weightOffset[2] + 4,
            net.biasOffset[2] + 2, start.length - 1};
        double h = 1e-6;
        for (int i : probes) {
            double analytic = start[i] - after[i];
            double saved = start[i];
            start[i] = saved + h;
            double up = lossAt(net, step);
            start[i] = saved - h;
            double down = lossAt(net, step);
            start[i] = saved;
            double numeric = (up - down) / (2 * h);
            assertThat(analytic).as("parameter %d", i).isCloseTo(numeric, within(1e-7 + 1e-5 * Math.abs(numeric)));
        }
        assertThat(java.util.Arrays.stream(probes).mapToDouble(i -> Math.abs(start[i] - after[i])).max().orElseThrow())
            .as("the gradients probed are not all zero").isGreaterThan(1e-4);
    }

    private static double lossAt(TrainingNetwork net, BlockTask<TrainingOps, Void> step) {
        step.reset();
        BlockExecutor.runSequential(step, SCALAR);
        return net.losses[0];
    }

    @Test
    void theLossFallsOverFiftyStepsOfTheTeachersProblem() {
        StageInstance s = kernel.bind(params(256, List.of(32L, 24L, 4L), false, 50, 0.5), List.of());
        run(s, SCALAR, null);
        String described = s.describe(new F32Array(new float[1]));
        double[] losses = java.util.Arrays.stream(described.replaceAll("[^0-9. ]", " ").trim().split(" +"))
            .limit(2).mapToDouble(Double::parseDouble).toArray();
        assertThat(described).contains("over 50 steps");
        assertThat(losses[0]).as("near log(4) at the start").isCloseTo(Math.log(4), within(0.3));
        assertThat(losses[1]).as(described).isLessThan(0.8 * losses[0]);
    }

    @Test
    void theLossMatchesTheReferences() {
        TrainingNetwork net = new TrainingNetwork(70, new int[] {9, 8, 5}, dev.lanes.core.data.ElementType.F32, 3, 0.2, 8L, null, null, null);
        BlockTask<TrainingOps, Void> steps = TrainingPhases.steps(net);
        steps.reset();
        BlockExecutor.runSequential(steps, SCALAR);
        double[] want = TrainingReference.run(net).losses();
        for (int i = 0; i < want.length; i++) {
            assertThat(net.losses[i]).isCloseTo(want[i], within(1e-4 * want[i]));
        }
    }

    @Test
    void workCountsThreeProductsOfTheForwardLessTheInputsGradient() {
        StageShape shape = kernel.shape(params(64, List.of(784L, 512L, 256L, 10L), false, 1, 0.05), List.of());
        long forward = 784 * 512 + 512 * 256 + 256 * 10;
        long parameters = forward + 512 + 256 + 10;
        assertThat(shape.work().flops()).as("one shard: no sum, the update's multiply-add")
            .isEqualTo(2.0 * 64 * (3 * forward - 784 * 512) + 2.0 * parameters);
        assertThat(shape.output().length()).isEqualTo(parameters);
        assertThat(TrainingNetwork.shards(64)).isEqualTo(1);
        assertThat(TrainingNetwork.shards(TrainingNetwork.ONE_SHARD_MAX_BATCH)).isEqualTo(1);
        assertThat(TrainingNetwork.shards(TrainingNetwork.ONE_SHARD_MAX_BATCH + 1)).isGreaterThan(8);
        assertThat(TrainingNetwork.shards(4096)).isEqualTo(16);
        assertThat(TrainingNetwork.shards(1)).isEqualTo(1);
    }

    @Test
    void loadedInputsAndLabelsAreCheckedAndUsed() {
        Params p = new Params(Map.of("layers", List.of(3L, 4L, 2L), "type", "f64", "steps", 1L, "learning-rate", 0.1,
            "seed", 1L, "batch", 0L));
        DataShape x = DataShape.of(dev.lanes.core.data.ElementType.F64, List.of(5L, 3L));
        DataShape labels = DataShape.of(dev.lanes.core.data.ElementType.I64, List.of(5L));
        assertThat(kernel.shape(p, List.of(x, labels)).work().elements()).isEqualTo(5);
        assertThatThrownBy(() -> kernel.shape(p, List.of(x, DataShape.of(dev.lanes.core.data.ElementType.I64, List.of(4L)))))
            .isInstanceOf(InvalidStageException.class).hasMessageContaining("5 integer classes");
        assertThatThrownBy(() -> kernel.shape(p, List.of()))
            .isInstanceOf(InvalidStageException.class).hasMessageContaining("needs batch");
        double[] data = new double[15];
        for (int i = 0; i < data.length; i++) {
            data[i] = i / 15.0;
        }
        StageInstance s = kernel.bind(p, List.of(new F64Array(data), new I64Array(new long[] {0, 1, 1, 0, 1})), List.of(x, labels));
        Value out = run(s, SCALAR, null);
        assertThat(s.verify(out).passed()).isTrue();
        assertThatThrownBy(() -> kernel.bind(p, List.of(new F64Array(data), new I64Array(new long[] {0, 1, 2, 0, 1})), List.of(x, labels)))
            .isInstanceOf(InvalidStageException.class).hasMessageContaining("label 2 at row 2");
        assertThatThrownBy(() -> kernel.shape(p.with("learning-rate", -1.0), List.of(x, labels)))
            .hasMessageContaining("must be positive");
    }
}
