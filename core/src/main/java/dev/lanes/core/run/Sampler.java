package dev.lanes.core.run;

import dev.lanes.core.ExecutionException;
import dev.lanes.core.LanesException;
import dev.lanes.core.data.Scalar;
import dev.lanes.core.data.Value;
import dev.lanes.core.exec.Backend;
import dev.lanes.core.exec.BlockExecutor;
import dev.lanes.core.exec.BlockTask;
import dev.lanes.core.exec.Cluster;
import dev.lanes.core.exec.ClusterLedger;
import dev.lanes.core.exec.RangeReply;
import dev.lanes.core.exec.RangeRun;
import dev.lanes.core.exec.RemoteBlocks;
import dev.lanes.core.result.SampleSummary;
import dev.lanes.core.exec.StageAddress;
import dev.lanes.core.exec.DevicePhases;
import dev.lanes.core.exec.DeviceSession;
import dev.lanes.core.exec.Implementation;
import dev.lanes.core.exec.PhaseClock;
import dev.lanes.core.exec.WorkerBusy;
import dev.lanes.core.exec.WorkerPool;
import dev.lanes.core.kernel.TaskFailedException;
import dev.lanes.core.spec.Stage;

import java.util.ArrayList;
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
     * @param processCpu a task that starts processes: their user ([0]) and system ([1]) nanoseconds in every
     *                   sample; {@code null} otherwise or where the system does not account them
     */
    record Measurement(long[] samples, List<Integer> gcSamples, Value output, List<DevicePhases> device, long[] workerBusy,
                       Map<String, long[]> phases, long[][] processCpu, ClusterLedger cluster, RangeReply slice) {
    }

    /**
     * A shard's part of a stage's block range ({@code --shard-by blocks}): blocks {@code [firstBlock, endBlock)}, all
     * that each sample runs.
     */
    record Cut(int firstBlock, int endBlock) {
    }

    /** How a measurement warms up: the usual way, or exactly {@code runs} runs ({@link dev.lanes.core.kernel.Kernel#warmupRuns}). */
    record Warmup(int iterations, long minMillis, boolean exact) {
        static Warmup usual(int iterations, long minMillis) {
            return new Warmup(iterations, minMillis, false);
        }

        static Warmup exactly(int runs) {
            return new Warmup(runs, 0, true);
        }
    }

    /** The children's CPU time during the latest sample (user, system), when the task starts processes. */
    private long[] lastSampleCpu;

    /** A task ready to execute on one implementation: CPU chunk functions on a pool, or a device. */
    private record Execution<O, P>(BlockTask<O, P> task, O ops, WorkerPool pool, DeviceSession device, WorkerBusy busy,
                                   PhaseClock clock, Cluster cluster, int members, StageAddress address,
                                   ClusterLedger ledger, Cut cut,
                                   java.util.concurrent.atomic.AtomicReference<List<P>> lastPartials) {
        Value run() {
            if (cut != null) {
                // the slice's partials, unfolded, are what the shard keeps; the fold here only consumes them
                List<P> partials = BlockExecutor.runRange(task, ops, pool, cut.firstBlock(), cut.endBlock());
                lastPartials.set(partials);
                return task.identity() != null ? BlockExecutor.fold(task, partials) : task.result(null);
            }
            if (cluster != null) {
                return RemoteBlocks.run(task, cluster, members, address, ledger);
            }
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

    /** The chunk functions the implementation has for the task's kernel; none is a stage failure. */
    static <O, P> O opsOf(Stage stage, BlockTask<O, P> task, Implementation impl) {
        return impl.inner().ops(task.opsType()).orElseThrow(() -> new ExecutionException("stage '" + stage.id()
            + "': backend " + impl.label() + " has no implementation of kernel '" + stage.kernel().name() + "'"));
    }

    <O, P> Measurement measure(Stage stage, BlockTask<O, P> task, Implementation impl, int warmup, int iterations,
                               long minWarmupMillis) {
        return measure(stage, task, impl, Warmup.usual(warmup, minWarmupMillis), iterations);
    }

    <O, P> Measurement measure(Stage stage, BlockTask<O, P> task, Implementation impl, Warmup warmup, int iterations) {
        return measure(stage, task, impl, warmup, iterations, null);
    }

    /** @param address where the members find the stage, when it runs on the distributed backend */
    <O, P> Measurement measure(Stage stage, BlockTask<O, P> task, Implementation impl, Warmup warmup, int iterations,
                               StageAddress address) {
        return measure(stage, task, impl, warmup, iterations, address, null);
    }

    /** @param cut the blocks every sample runs, on a CPU implementation; {@code null} for the whole range */
    <O, P> Measurement measure(Stage stage, BlockTask<O, P> task, Implementation impl, Warmup warmup, int iterations,
                               StageAddress address, Cut cut) {
        Cluster cluster = impl.backend() == Backend.DISTRIBUTED ? impl.inner().cluster().orElseThrow(() ->
            new ExecutionException("stage '" + stage.id() + "': the distributed backend is not connected")) : null;
        O ops = cluster == null ? opsOf(stage, task, impl) : null;
        WorkerPool pool = impl.backend() == Backend.THREADS || cut != null
            ? pools.computeIfAbsent(impl.backend() == Backend.THREADS ? impl.threads() : 1, WorkerPool::new) : null;
        var lastPartials = new java.util.concurrent.atomic.AtomicReference<List<P>>();
        Execution<O, P> execution = new Execution<>(task, ops, pool, cut == null ? deviceOf(stage, impl) : null, new WorkerBusy(),
            new PhaseClock(), cluster, impl.threads(), address, new ClusterLedger(), cut, lastPartials);
        task.runsOn(impl.backend() == Backend.THREADS ? impl.threads() : 1);
        boolean processes = task.spawnsProcesses() && (task.takeProcessCpu() != null || ChildCpu.known());
        try {
            // Garbage from earlier stages is collected now rather than during a sample.
            System.gc();
            List<DevicePhases> phases = new ArrayList<>();
            if (cluster != null) {
                RemoteBlocks.roundTrips(cluster, impl.threads(), execution.ledger());
            }
            warmUp(stage, execution, warmup, phases);
            phases.clear();
            execution.busy().clear();
            execution.ledger().clear();
            long[] samples = new long[iterations];
            List<Integer> gcSamples = new ArrayList<>();
            Map<String, long[]> phaseSamples = new LinkedHashMap<>();
            long[][] cpu = processes ? new long[2][iterations] : null;
            for (int i = 0; i < iterations; i++) {
                checkInterrupted(stage);
                long collections = gc.collections();
                samples[i] = timeOnce(execution, phases);
                if (cpu != null && lastSampleCpu != null) {
                    cpu[0][i] = lastSampleCpu[0];
                    cpu[1][i] = lastSampleCpu[1];
                }
                if (gc.collections() != collections) {
                    gcSamples.add(i);
                }
                int sample = i;
                execution.clock().take().forEach((name, nanos) ->
                    phaseSamples.computeIfAbsent(name, n -> new long[iterations])[sample] = nanos);
            }
            RangeReply slice = cut == null ? null : RangeRun.reply(task, cut.firstBlock(), cut.endBlock(), lastPartials.get(),
                (long) SampleSummary.of(samples).medianNanos(), ProcessHandle.current().pid(), HostName.local(), 0);
            return new Measurement(samples, gcSamples, lastOutput, List.copyOf(phases), execution.busy().byRank(), phaseSamples,
                cpu, cluster == null ? null : execution.ledger(), slice);
        } catch (OutOfMemoryError e) {
            throw new ExecutionException("stage '" + stage.id() + "' (" + impl.label() + "): out of memory; "
                + "lower the sizes or raise the heap with LANES_JAVA_OPTS=-Xmx<size>");
        } catch (RuntimeException e) {
            if (e instanceof TaskFailedException failed) {
                throw new ExecutionException("stage '" + stage.id() + "' (" + impl.label() + "): " + failed.getMessage(), failed);
            }
            if (cluster != null && e instanceof ExecutionException remote) {
                // what a member or the dispatch said, in front of which the stage is named, as for a task's failure
                throw new ExecutionException("stage '" + stage.id() + "' (" + impl.label() + "): " + remote.getMessage(), remote);
            }
            if (e instanceof LanesException le) {
                throw le;
            }
            throw new ExecutionException("stage '" + stage.id() + "' (kernel " + stage.kernel().name() + ", "
                + impl.label() + "): kernel error: " + e, e);
        }
    }

    private <O, P> void warmUp(Stage stage, Execution<O, P> execution, Warmup warmup, List<DevicePhases> phases) {
        java.util.function.LongSupplier once = () -> {
            long t = timeOnce(execution, phases);
            execution.clock().take();
            return t;
        };
        if (warmup.exact()) {
            for (int i = 0; i < warmup.iterations(); i++) {
                checkInterrupted(stage);
                once.getAsLong();
            }
            return;
        }
        WarmUp.run(once, warmup.iterations(), warmup.minMillis(), () -> checkInterrupted(stage));
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
        boolean processes = task.spawnsProcesses();
        // what reset's processes used is not the sample's; a task that measures its processes needs no totals
        boolean exact = processes && task.takeProcessCpu() != null;
        long[] cpuBefore = processes && !exact ? ChildCpu.now() : null;
        long start = System.nanoTime();
        if (device != null) {
            device.begin();
        }
        Value output = execution.run();
        DevicePhases phase = device == null ? null : device.end(output);
        long end = System.nanoTime();
        if (exact) {
            lastSampleCpu = task.takeProcessCpu();
        } else if (cpuBefore != null) {
            long[] cpuAfter = ChildCpu.now();
            lastSampleCpu = cpuAfter == null ? null : new long[] {cpuAfter[0] - cpuBefore[0], cpuAfter[1] - cpuBefore[1]};
        }
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
