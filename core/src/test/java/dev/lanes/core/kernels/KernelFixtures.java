package dev.lanes.core.kernels;

import dev.lanes.core.data.F32Array;
import dev.lanes.core.data.F64Array;
import dev.lanes.core.data.Value;
import dev.lanes.core.exec.BlockExecutor;
import dev.lanes.core.exec.BlockTask;
import dev.lanes.core.exec.WorkerPool;
import dev.lanes.core.kernel.StageInstance;

import java.util.SplittableRandom;

/** Random data and a way to run a stage instance on given ops, for kernel tests. */
final class KernelFixtures {
    private KernelFixtures() {
    }

    /** Values in [-2, 2), never all zero for length ≥ 1. */
    static Value randomArray(boolean f64, int length, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        if (f64) {
            double[] x = new double[length];
            for (int i = 0; i < length; i++) {
                x[i] = random.nextDouble(-2, 2);
            }
            if (length > 0) {
                x[0] = 1.25;
            }
            return new F64Array(x);
        }
        float[] x = new float[length];
        for (int i = 0; i < length; i++) {
            x[i] = (float) random.nextDouble(-2, 2);
        }
        if (length > 0) {
            x[0] = 1.25f;
        }
        return new F32Array(x);
    }

    /** Random sign, magnitude in [0.5, 2): every element matters to a sum at a known scale. */
    static Value awayFromZero(boolean f64, int length, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[length];
        for (int i = 0; i < length; i++) {
            x[i] = (random.nextBoolean() ? 1 : -1) * random.nextDouble(0.5, 2);
        }
        if (f64) {
            return new F64Array(x);
        }
        float[] y = new float[length];
        for (int i = 0; i < length; i++) {
            y[i] = (float) x[i];
        }
        return new F32Array(y);
    }

    /** Runs the instance's task on {@code ops} (an implementation of the task's ops type), after a reset. */
    @SuppressWarnings("unchecked")
    static Value run(StageInstance instance, Object ops, WorkerPool pool) {
        BlockTask<Object, Object> task = (BlockTask<Object, Object>) instance.task();
        task.reset();
        return pool == null ? BlockExecutor.runSequential(task, ops) : BlockExecutor.run(task, ops, pool);
    }
}
