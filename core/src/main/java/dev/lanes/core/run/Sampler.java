package dev.lanes.core.run;

import dev.lanes.core.ExecutionException;
import dev.lanes.core.LanesException;
import dev.lanes.core.data.Scalar;
import dev.lanes.core.data.Value;
import dev.lanes.core.exec.Backend;
import dev.lanes.core.exec.BlockExecutor;
import dev.lanes.core.exec.BlockTask;
import dev.lanes.core.exec.DevicePhases;
import dev.lanes.core.exec.DeviceSession;
import dev.lanes.core.exec.Implementation;
import dev.lanes.core.exec.JitActivity;
import dev.lanes.core.exec.PhaseClock;
import dev.lanes.core.exec.WorkerBusy;
import dev.lanes.core.exec.WorkerPool;
import dev.lanes.core.spec.Stage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures one task on one implementation: warm-up, then timed whole executions with
 * {@link System#nanoTime()}; inputs are reset outside the timed region; every output is
 * consumed; a sample during which a GC ran is flagged. On a device, a sample runs from the
 * first copy in to the last copy back (the device synchronised), and the device's own
 * timings of each phase are kept beside it.
 */
final class Sampler implements AutoCloseable {
    /** Warm-up stops after this many iterations even if the minimum time has not passed. */
    private static final int MAX_WARMUP_ITERATIONS = 1_000_000;
    private static final int STEADY_WINDOW = 5;
    private static final int STEADY_PERCENT = 25;
    private static final long MIN_WARMUP_CAP_MILLIS = 2_000;

    private final GcWatch gc = new GcWatch();
    private final Map<Integer, WorkerPool> pools = new HashMap<>();
    /** Scalar results land here so the JIT cannot drop the work that made them. */
    @SuppressWarnings("unused")
    private volatile double sink;
    /** The latest output: arrays escape through it, so their stores cannot be dropped either. */
    private volatile Value lastOutput;

    /**
     * What a measurement gives.
     *
     * @param device     each sample's device phases; empty off the device
     * @param workerBusy threaded executions: each worker's time in blocks over the samples, busiest first
     * @param phases     each named phase's time in every sample, in sample order; empty when the task names none
     */
    record Measurement(long[] samples, List<Integer> gcSamples, Value output, List<DevicePhases> device, long[] workerBusy,
                       Map<String, long[]> phases) {
    }

    /** A task ready to execute on one implementation: CPU chunk functions on a pool, or a device. */
    private record Execution<O, P>(BlockTask<O, P> task, O ops, WorkerPool pool, DeviceSession device, WorkerBusy busy,
                                   PhaseClock clock) {
        Value run() {
            if (device != null) {
                return BlockExecutor.runWhole(task, ops);
            }
            return pool == null ? BlockExecutor.runSequential(task, ops, clock) : BlockExecutor.run(task, ops, pool, busy, clock);
        }
    }

    /** The device of an implementation, or null for the CPU backends. */
    private static DeviceSession deviceOf(Stage stage, Implementation impl) {
        return impl.backend() == Backend.GPU ? impl.inner().device().orElseThrow(() -> new ExecutionException("stage '"
            + stage.id() + "': backend " + impl.label() + " has no usable device: " + impl.inner().availability().detail())) : null;
    }

    <O, P> Measurement measure(Stage stage, BlockTask<O, P> task, Implementation impl, int warmup, int iterations,
                               long minWarmupMillis) {
        O ops = impl.inner().ops(task.opsType()).orElseThrow(() -> new ExecutionException("stage '" + stage.id()
            + "': backend " + impl.label() + " has no implementation of kernel '" + stage.kernel().name() + "'"));
        WorkerPool pool = impl.backend() == Backend.THREADS ? pools.computeIfAbsent(impl.threads(), WorkerPool::new) : null;
        Execution<O, P> execution = new Execution<>(task, ops, pool, deviceOf(stage, impl), new WorkerBusy(),
            new PhaseClock());
        try {
            // Garbage from earlier stages is collected now rather than during a sample.
            System.gc();
            List<DevicePhases> phases = new ArrayList<>();
            warmUp(stage, execution, warmup, minWarmupMillis, phases);
            phases.clear();
            execution.busy().clear();
            long[] samples = new long[iterations];
            List<Integer> gcSamples = new ArrayList<>();
            Map<String, long[]> phaseSamples = new LinkedHashMap<>();
            for (int i = 0; i < iterations; i++) {
                checkInterrupted(stage);
                long collections = gc.collections();
                samples[i] = timeOnce(execution, phases);
                if (gc.collections() != collections) {
                    gcSamples.add(i);
                }
                int sample = i;
                execution.clock().take().forEach((name, nanos) ->
                    phaseSamples.computeIfAbsent(name, n -> new long[iterations])[sample] = nanos);
            }
            return new Measurement(samples, gcSamples, lastOutput, List.copyOf(phases), execution.busy().byRank(), phaseSamples);
        } catch (OutOfMemoryError e) {
            throw new ExecutionException("stage '" + stage.id() + "' (" + impl.label() + "): out of memory; "
                + "lower the sizes or raise the heap with LANES_JAVA_OPTS=-Xmx<size>");
        } catch (RuntimeException e) {
            if (e instanceof LanesException le) {
                throw le;
            }
            throw new ExecutionException("stage '" + stage.id() + "' (kernel " + stage.kernel().name() + ", "
                + impl.label() + "): kernel error: " + e, e);
        }
    }

    /**
     * Warm-up: at least {@code warmup} iterations and {@code minWarmupMillis}, then on until
     * the kernel runs at a steady speed — the median of the last {@value #STEADY_WINDOW}
     * iterations within {@value #STEADY_PERCENT}% of the best — because C2 may still be
     * compiling it (the Vector API runs tens of times slower before it does) — and until the
     * JIT compiled nothing during those iterations and has nothing in progress or queued
     * ({@link JitActivity}): a kernel can sit on a plateau of
     * half-compiled code (on-stack replacement, tier 3) that looks steady, then halve its time
     * when C2 finishes (a 512² matmul: 2.4 ms for 20 iterations, then 1.05 ms). Capped at
     * {@value #MIN_WARMUP_CAP_MILLIS} ms or ten times the minimum, whichever is longer.
     */
    private <O, P> void warmUp(Stage stage, Execution<O, P> execution, int warmup, long minWarmupMillis,
                               List<DevicePhases> phases) {
        long start = System.nanoTime();
        long minUntil = start + minWarmupMillis * 1_000_000;
        long capUntil = start + Math.max(MIN_WARMUP_CAP_MILLIS, 10 * minWarmupMillis) * 1_000_000;
        long[] recent = new long[STEADY_WINDOW];
        long[] compileMillis = new long[STEADY_WINDOW];
        long best = Long.MAX_VALUE;
        for (int i = 0; i < MAX_WARMUP_ITERATIONS; i++) {
            checkInterrupted(stage);
            long t = timeOnce(execution, phases);
            execution.clock().take();
            best = Math.min(best, t);
            recent[i % STEADY_WINDOW] = t;
            long compiled = JitActivity.totalMillis();
            boolean jitQuiet = compileMillis[i % STEADY_WINDOW] == compiled;
            compileMillis[i % STEADY_WINDOW] = compiled;
            long now = System.nanoTime();
            boolean minimumDone = i + 1 >= warmup && now >= minUntil;
            if (minimumDone && (now >= capUntil || i + 1 >= STEADY_WINDOW && jitQuiet && steady(recent, best) && !JitActivity.compiling())) {
                return;
            }
        }
    }

    private static boolean steady(long[] recent, long best) {
        long[] sorted = recent.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2] <= best * (100 + STEADY_PERCENT) / 100;
    }

    /**
     * One sample: reset (untimed), the timed execution, the output consumed. Warm-up and
     * measurement both come through here, so what is measured is the code C2 compiled
     * during warm-up, not a fresh call site.
     */
    private <O, P> long timeOnce(Execution<O, P> execution, List<DevicePhases> phases) {
        BlockTask<O, P> task = execution.task();
        task.reset();
        DeviceSession device = execution.device();
        if (device != null && task.updatesInPlace()) {
            device.hostDataChanged();                // reset rewrote an input the device may hold
        }
        long start = System.nanoTime();
        if (device != null) {
            device.begin();
        }
        Value output = execution.run();
        DevicePhases phase = device == null ? null : device.end(output);
        long end = System.nanoTime();
        if (phase != null) {
            phases.add(phase);
        }
        consume(output);
        lastOutput = output;
        return end - start;
    }

    private void consume(Value value) {
        if (value instanceof Scalar s) {
            sink = s.value();
        }
    }

    static void checkInterrupted(Stage stage) {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedRunException("stage '" + stage.id() + "'");
        }
    }

    @Override
    public void close() {
        pools.values().forEach(WorkerPool::close);
        pools.clear();
    }
}
