package dev.lanes.core.plan;

import dev.lanes.core.data.ElementType;
import dev.lanes.core.exec.Accelerator;
import dev.lanes.core.exec.Accelerators;
import dev.lanes.core.exec.Backend;
import dev.lanes.core.exec.GpuProfile;
import dev.lanes.core.exec.JitActivity;
import dev.lanes.core.exec.PeakOps;
import dev.lanes.core.exec.WorkerPool;
import dev.lanes.core.machine.CacheTopology;
import dev.lanes.core.machine.Fingerprint;
import dev.lanes.core.machine.MachineInfo;
import dev.lanes.core.machine.MachineProfile;
import dev.lanes.core.machine.MemoryLevel;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Measures the ceilings the cost model needs, with the kernels' own code paths: the
 * bandwidth of each memory level ({@link LevelCalibration}); the integer-op rates
 * ({@link OpRates}); peak FLOP/s, a register-resident FMA loop; dispatch, the cost of
 * starting and joining an empty job on the worker pool.
 */
public final class Calibrator {
    /** Working sets up to this size are taken to be in cache (the SIMD loops' own threshold). */
    public static final long CACHE_BYTES = 32L << 20;

    /** How hard to try: {@link #QUICK} took 2.5–8.5 s on a 2-core Xeon VM (the CPU part), {@link #FULL} about 16 s. */
    public record Effort(String name, long peakNanos, int dispatchCalls, long warmupNanos, int levelSamples,
                         long levelNanos, boolean complete) {
        /** f32 peak taken as twice f64 (twice the lanes): it changes no plan of today's kernels. */
        public static final Effort QUICK = new Effort("quick", 10_000_000L, 300, 25_000_000L, 9, 15_000_000L, false);
        public static final Effort FULL = new Effort("calibrate", 150_000_000L, 5_000, 400_000_000L, 31, 150_000_000L, true);

        LevelCalibration.Budget levelBudget() {
            return new LevelCalibration.Budget(levelSamples, levelNanos);
        }
    }

    private final Accelerators accelerators;
    private final Consumer<String> progress;
    private long warmupNanos;
    private final double[] sink = new double[1];

    public Calibrator(Accelerators accelerators, Consumer<String> progress) {
        this.accelerators = accelerators;
        this.progress = progress;
    }

    public MachineProfile calibrate(MachineInfo machine, Effort effort) {
        long start = System.nanoTime();
        warmupNanos = effort.warmupNanos();
        Accelerator scalar = accelerators.find(Backend.SCALAR).orElseThrow();
        Optional<Accelerator> simd = accelerators.find(Backend.SIMD).filter(a -> a.availability().usable());

        progress.accept("peak FLOP/s");
        double scalarGflops = peakGflops(scalar, ElementType.F64, effort);
        double simdGflops = simd.map(a -> notBelow(scalarGflops, () -> peakGflops(a, ElementType.F64, effort))).orElse(0.0);
        double simdGflopsF32 = effort.complete() ? simd.map(a -> peakGflops(a, ElementType.F32, effort)).orElse(0.0)
            : 2 * simdGflops;

        progress.accept("bandwidth of each memory level");
        List<MemoryLevel> levels;
        LevelCalibration probe;
        try (WorkerPool pool = new WorkerPool(machine.cores())) {
            // 1 GiB, or an eighth of the heap: past any L3 a VM has shown, without crowding the heap
            probe = new LevelCalibration(scalar, simd, pool, machine.cores(), this::warmUp, effort.levelBudget(),
                Math.min(1L << 30, machine.maxHeapBytes() / 8));
            levels = probe.measure(CacheTopology.detect(machine.cores()));
        }
        sink[0] += probe.sink();
        // the two-level figures stay for what reads them: a core's cache is L2 (else L1), memory is memory
        MemoryLevel cache = levels.stream().filter(l -> l.name().equals("L2")).findFirst().orElse(levels.getFirst());
        MemoryLevel memory = levels.getLast();

        progress.accept("dispatch");
        Map<Integer, Double> dispatch = new LinkedHashMap<>();
        for (int p : threadCounts(machine.cores())) {
            dispatch.put(p, dispatchNanos(p, effort.dispatchCalls()));
        }
        progress.accept("integer work");
        OpRates opRates = new OpRates(this::warmUp);
        Map<String, Double> ops = opRates.measure(scalar, simd, !effort.complete());
        sink[0] += opRates.sink();
        GpuProfile gpu = accelerators.find(Backend.GPU).filter(a -> a.availability().usable())
            .flatMap(Accelerator::device).map(device -> {
                progress.accept("GPU copies, bandwidth, FMA peak and launch");
                return device.calibrate(!effort.complete());
            }).orElse(null);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new MachineProfile(MachineProfile.SCHEMA, Fingerprint.of(machine),
            Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), effort.name(), seconds, machine.cores(),
            scalarGflops, simdGflops, simdGflopsF32, cache.scalarReadGbps(), cache.simdReadGbps(), memory.scalarReadGbps(),
            memory.simdReadGbps(), memory.readAllGbps(), memory.triadAllGbps(), dispatch, CACHE_BYTES, gpu, ops, levels);
    }

    /** 2, 4, 8, … up to the core count, and the core count itself. */
    static List<Integer> threadCounts(int cores) {
        java.util.TreeSet<Integer> counts = new java.util.TreeSet<>();
        for (int p = 2; p <= cores; p *= 2) {
            counts.add(p);
        }
        if (cores > 1) {
            counts.add(cores);
        }
        return List.copyOf(counts);
    }

    private double peakGflops(Accelerator accelerator, ElementType type, Effort effort) {
        PeakOps ops = accelerator.ops(PeakOps.class).orElseThrow();
        java.util.function.LongToDoubleFunction fma = type == ElementType.F32
            ? rounds -> ops.fmaRoundsF32(rounds, sink) : rounds -> ops.fmaRoundsF64(rounds, sink);
        // warm-up with many short calls: C2 compiles the method after a few thousand calls,
        // while one long call would run interpreted (the Vector API is very slow there)
        long warmUntil = System.nanoTime() + warmupNanos;
        for (int i = 0; i < 3_000 || System.nanoTime() < warmUntil; i++) {
            fma.applyAsDouble(16);
        }
        // C2 may compile the loop only after the warm-up (a quick calibration's is short; C1's
        // code boxes every vector, ~100x slower), and one long call would stay in the slow code:
        // calls start short and grow to ~0.2 ms, and the window stays open while the JIT works
        // and a full peakNanos after the last clear improvement; 0.1 s at least (C1's
        // code must run that long before C2 takes it up), 2 s at most.
        double best = 0;
        long start = System.nanoTime();
        long until = start + Math.max(effort.peakNanos(), 100_000_000L);
        long cap = start + Math.max(20 * effort.peakNanos(), 2_000_000_000L);
        long rounds = 64;
        for (long now = start; (now < until || JitActivity.compiling()) && now < cap; now = System.nanoTime()) {
            double flops = fma.applyAsDouble(rounds);
            long t = System.nanoTime() - now;
            if (t < 200_000) {
                rounds *= 2;
            }
            if (flops / t > 1.1 * best) {
                until = Math.max(until, now + t + effort.peakNanos());
            }
            best = Math.max(best, flops / t);
        }
        return best;
    }

    /**
     * A SIMD figure below the scalar one means the Vector API code was still running in the
     * interpreter or C1's code (which boxes every vector), not that SIMD is slower: measure
     * again, up to three times (each caller's measure warms its pass up first), and never take it below scalar.
     */
    static double notBelow(double scalar, java.util.function.DoubleSupplier simdMeasure) {
        double simd = simdMeasure.getAsDouble();
        for (int retry = 0; retry < 3 && simd < scalar; retry++) {
            simd = Math.max(simd, simdMeasure.getAsDouble());
        }
        return Math.max(simd, scalar);
    }

    /** Quiet periods: how long no pass may get 10% faster, and how often to ask the JIT. */
    private static final long GAIN_WINDOW_NANOS = 20_000_000L;
    private static final long JIT_POLL_NANOS = 5_000_000L;

    /**
     * Runs a pass until C2 has compiled it, like the runner's warm-up: at least the effort's
     * warm-up and 50 ms, on while HotSpot's compile queue is busy (a compiler thread would
     * also take a core from the pool's threads) and until 20 ms go by without a pass 10%
     * faster than the best; 2 s at most. A quick calibration once timed the SIMD loop in
     * C1's code (which boxes every vector): 2 GB/s from cache instead of 90.
     */
    private void warmUp(Runnable pass) {
        long start = System.nanoTime();
        long minimumEnd = start + Math.max(warmupNanos, 50_000_000L);
        long cap = start + 2_000_000_000L;
        long best = Long.MAX_VALUE;
        long lastGain = start;
        long nextPoll = start;
        boolean compiling = true;
        for (long now = start; now < cap; now = System.nanoTime()) {
            pass.run();
            long t = System.nanoTime() - now;
            if (t < 0.9 * best) {
                lastGain = now;
            }
            best = Math.min(best, t);
            if (now >= nextPoll) {
                compiling = JitActivity.compiling();
                nextPoll = now + JIT_POLL_NANOS;
            }
            if (now >= minimumEnd && !compiling && now - lastGain > GAIN_WINDOW_NANOS) {
                return;
            }
        }
    }

    private static double dispatchNanos(int threads, int calls) {
        try (WorkerPool pool = new WorkerPool(threads)) {
            Runnable nothing = () -> { };
            for (int i = 0; i < calls / 4; i++) {
                pool.runOnAll(nothing);
            }
            long[] times = new long[calls];
            for (int i = 0; i < calls; i++) {
                long t0 = System.nanoTime();
                pool.runOnAll(nothing);
                times[i] = System.nanoTime() - t0;
            }
            Arrays.sort(times);
            return times[calls / 2];
        }
    }
}
