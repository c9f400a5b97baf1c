package dev.lanes.core.plan;

import dev.lanes.core.data.F64Array;
import dev.lanes.core.exec.Accelerator;
import dev.lanes.core.exec.ArrayOps;
import dev.lanes.core.exec.BlockExecutor;
import dev.lanes.core.exec.BlockTask;
import dev.lanes.core.exec.WorkerPool;
import dev.lanes.core.kernel.Params;
import dev.lanes.core.kernels.AxpyKernel;
import dev.lanes.core.kernels.SumOfSquaresKernel;
import dev.lanes.core.machine.CacheTopology;
import dev.lanes.core.machine.MemoryLevel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Measures the bandwidth of each memory level with the kernels' own code: a sum of squares
 * (read only) and an axpy (read-write), scalar and SIMD on one thread, and all threads
 * together on the shared levels. Each level is measured at a working set inside it; the OS's
 * sizes say where to look, and a sweep finds where the last cache really ends — a VM can
 * report its host's whole L3 (480 MiB on one Xeon VM) while its reads fell towards memory
 * speed past 32–64 MiB.
 */
final class LevelCalibration {
    /** A read that falls below this share of the L3 figure has left the L3. */
    private static final double DROP = 0.75;
    /** Short passes are repeated within one timed sample, so the clock's cost and resolution do not count. */
    private static final long SAMPLE_NANOS = 20_000;

    /** How many samples a figure takes, and how long at most (never fewer than three samples). */
    record Budget(int samples, long nanos) {
    }

    private final Accelerator scalar;
    private final Optional<Accelerator> simd;
    private final WorkerPool pool;
    private final int cores;
    private final Consumer<Runnable> warmUp;
    private final Budget budget;
    private final long memoryProbeCap;
    private final double[] sink = new double[1];

    /**
     * @param warmUp         runs a pass until the JIT has compiled it and it stops getting faster
     * @param memoryProbeCap the largest working set the sweep for the last cache's edge may use (unless
     *                       four times the L3's probe is larger)
     */
    LevelCalibration(Accelerator scalar, Optional<Accelerator> simd, WorkerPool pool, int cores,
                     Consumer<Runnable> warmUp, Budget budget, long memoryProbeCap) {
        this.scalar = scalar;
        this.simd = simd;
        this.pool = pool;
        this.cores = cores;
        this.warmUp = warmUp;
        this.budget = budget;
        this.memoryProbeCap = memoryProbeCap;
    }

    double sink() {
        return sink[0];
    }

    /** L1, L2 and L3 where the OS reports them, then memory: smallest first, the last one unbounded. */
    List<MemoryLevel> measure(CacheTopology caches) {
        Accelerator best = simd.orElse(scalar);
        long l1 = caches.level(1).map(CacheTopology.Cache::bytes).orElse(32L << 10);
        long l2 = caches.level(2).map(c -> c.bytes() / Math.max(1, c.sharedBy())).orElse(0L);
        Optional<CacheTopology.Cache> l3 = caches.level(3);
        // The streaming shape first: C2 then recompiles the reductions with both shapes seen, where the
        // other order deoptimises them at the first large array and times the cached shape in C1's code.
        // Then 256 KiB, not the L1 probe: a pass that short runs thousands of times in C1's code (which
        // boxes every vector) before C2 takes it up, and a warm-up can end quietly before that.
        warmUpStreamingReads(Calibrator.CACHE_BYTES + (8L << 20), best);
        warmUpAll(256L << 10, best);

        List<MemoryLevel> levels = new ArrayList<>();
        levels.add(privateLevel("L1", l1, 3 * l1 / 4));
        if (l2 > 2 * l1) {
            levels.add(privateLevel("L2", l2, l2 / 2));
        }
        long cacheAbove = Math.max(l1, l2) * cores;
        long l3Probe = l3.map(c -> Math.min(Math.max(4 * cacheAbove, 8L << 20), c.bytes() / 2)).orElse(0L);
        double l3Read = 0;
        long edge = cacheAbove;
        if (l3Probe > 2 * cacheAbove) {
            MemoryLevel shared = sharedLevel("L3", 0, l3Probe);
            levels.add(shared);
            l3Read = simd.isPresent() ? shared.simdReadGbps() : shared.scalarReadGbps();
            edge = l3Probe;
        }
        long cap = Math.max(4 * edge, memoryProbeCap);
        long memoryProbe = cap;
        for (long size = 2 * edge; l3Read > 0 && size <= cap; size *= 2) {
            if (read(best, filled(size), null) < DROP * l3Read) {
                memoryProbe = Math.min(2 * size, cap);
                break;
            }
            edge = size;
        }
        if (l3Read > 0) {
            MemoryLevel l3Level = levels.removeLast();
            levels.add(withBytes(l3Level, edge));
        }
        levels.add(sharedLevel(MemoryLevel.MEMORY, 0, memoryProbe));
        return noSlowerThanTheNext(levels);
    }

    /**
     * A level is never slower than the one after it: where it measured slower (an L1 pass of
     * 36 KiB still pays a call's fixed costs, ~0.1 µs; a neighbour's burst), the figure of the
     * larger level is the truer ceiling.
     */
    static List<MemoryLevel> noSlowerThanTheNext(List<MemoryLevel> measured) {
        List<MemoryLevel> out = new ArrayList<>(measured);
        for (int i = out.size() - 2; i >= 0; i--) {
            MemoryLevel l = out.get(i);
            MemoryLevel next = out.get(i + 1);
            out.set(i, new MemoryLevel(l.name(), l.bytes(), l.shared(), l.probeBytes(),
                Math.max(l.scalarReadGbps(), next.scalarReadGbps()), Math.max(l.simdReadGbps(), next.simdReadGbps()),
                Math.max(l.readAllGbps(), next.readAllGbps()), Math.max(l.scalarTriadGbps(), next.scalarTriadGbps()),
                Math.max(l.simdTriadGbps(), next.simdTriadGbps()), Math.max(l.triadAllGbps(), next.triadAllGbps())));
        }
        return out;
    }

    /** Compiles each pass on a working set of {@code bytes}, so no later figure times the JIT. */
    private void warmUpAll(long bytes, Accelerator best) {
        for (Accelerator a : accelerators()) {
            double[] x = filled(bytes);
            double[] y = filled(bytes / 2);
            ArrayOps ops = a.ops(ArrayOps.class).orElseThrow();
            warmUp.accept(() -> sink[0] += ops.sumOfSquares(x, 0, x.length));
            warmUp.accept(() -> ops.axpy(1e-9, x, y, 0, y.length));
        }
        BlockTask<ArrayOps, Object> read = readTask(filled(bytes));
        BlockTask<ArrayOps, Object> triad = triadTask(filled(bytes / 2), filled(bytes / 2));
        ArrayOps ops = best.ops(ArrayOps.class).orElseThrow();
        warmUp.accept(() -> sink[0] += BlockExecutor.run(read, ops, pool).checksum());
        warmUp.accept(() -> BlockExecutor.run(triad, ops, pool));
    }

    /**
     * The SIMD reductions have a second loop shape for arrays past {@link Calibrator#CACHE_BYTES}
     * (the streaming one), which a sweep would otherwise time in C1's code and take for a drop
     * to memory speed.
     */
    private void warmUpStreamingReads(long bytes, Accelerator best) {
        double[] x = filled(bytes);
        ArrayOps ops = best.ops(ArrayOps.class).orElseThrow();
        warmUp.accept(() -> sink[0] += ops.sumOfSquares(x, 0, x.length));
        BlockTask<ArrayOps, Object> read = readTask(x);
        warmUp.accept(() -> sink[0] += BlockExecutor.run(read, ops, pool).checksum());
    }

    private List<Accelerator> accelerators() {
        return simd.map(s -> List.of(scalar, s)).orElse(List.of(scalar));
    }

    /** The arrays one level is measured on, made once for all its figures: a read stream, and x and y for the triad. */
    private record LevelData(double[] read, double[] x, double[] y) {
        static LevelData of(long bytes) {
            return new LevelData(filled(bytes), filled(bytes / 2), filled(bytes / 2));
        }
    }

    /** One thread's figures at a working set, scalar and SIMD. */
    private record OneThread(double scalarRead, double simdRead, double scalarTriad, double simdTriad) {
        double bestRead() {
            return Math.max(scalarRead, simdRead);
        }

        double bestTriad() {
            return Math.max(scalarTriad, simdTriad);
        }
    }

    private OneThread oneThread(LevelData data) {
        double scalarRead = read(scalar, data.read(), null);
        double simdRead = simd.map(a -> simdRead(a, data.read(), scalarRead)).orElse(0.0);
        double scalarTriad = triad(scalar, data, null);
        double simdTriad = simd.map(a -> Calibrator.notBelow(scalarTriad, () -> triad(a, data, null))).orElse(0.0);
        return new OneThread(scalarRead, simdRead, scalarTriad, simdTriad);
    }

    /** A core's own cache: all threads reach one thread's figure each. */
    private MemoryLevel privateLevel(String name, long bytes, long probe) {
        OneThread t = oneThread(LevelData.of(probe));
        return new MemoryLevel(name, bytes, false, probe, t.scalarRead(), t.simdRead(), t.bestRead() * cores,
            t.scalarTriad(), t.simdTriad(), t.bestTriad() * cores);
    }

    /** A level the cores share: all threads measured together, on the whole working set. */
    private MemoryLevel sharedLevel(String name, long bytes, long probe) {
        LevelData data = LevelData.of(probe);
        OneThread t = oneThread(data);
        Accelerator best = simd.orElse(scalar);
        double readAll = cores > 1 ? read(best, data.read(), pool) : t.bestRead();
        double triadAll = cores > 1 ? triad(best, data, pool) : t.bestTriad();
        return new MemoryLevel(name, bytes, true, probe, t.scalarRead(), t.simdRead(), readAll, t.scalarTriad(),
            t.simdTriad(), triadAll);
    }

    private static MemoryLevel withBytes(MemoryLevel l, long bytes) {
        return new MemoryLevel(l.name(), bytes, l.shared(), l.probeBytes(), l.scalarReadGbps(), l.simdReadGbps(),
            l.readAllGbps(), l.scalarTriadGbps(), l.simdTriadGbps(), l.triadAllGbps());
    }

    /** One thread's SIMD read; below the scalar one it was timed in C1's code, and is warmed up and measured again. */
    private double simdRead(Accelerator a, double[] x, double scalarRead) {
        double first = read(a, x, null);
        if (first >= scalarRead) {
            return first;
        }
        ArrayOps ops = a.ops(ArrayOps.class).orElseThrow();
        return Calibrator.notBelow(scalarRead, () -> {
            warmUp.accept(() -> sink[0] += ops.sumOfSquares(x, 0, x.length));
            return read(a, x, null);
        });
    }

    /**
     * Read bandwidth of a sum of squares over {@code x}: on one thread the loop itself (a
     * ceiling: a call's fixed costs, ~0.1 µs, would halve an L1 figure), on all threads
     * through the block executor, which is how the threads share the work.
     */
    private double read(Accelerator a, double[] x, WorkerPool threads) {
        ArrayOps ops = a.ops(ArrayOps.class).orElseThrow();
        Runnable pass;
        if (threads == null) {
            pass = () -> sink[0] += ops.sumOfSquares(x, 0, x.length);
        } else {
            BlockTask<ArrayOps, Object> task = readTask(x);
            pass = () -> sink[0] += BlockExecutor.run(task, ops, threads).checksum();
        }
        return x.length * (double) Double.BYTES / medianPassNanos(pass, threads != null);
    }

    /** Read-write bandwidth of an axpy, y ← a·x + y over the level's x and y: 24 bytes per element. */
    private double triad(Accelerator a, LevelData data, WorkerPool threads) {
        double[] x = data.x();
        double[] y = data.y();
        ArrayOps ops = a.ops(ArrayOps.class).orElseThrow();
        Runnable pass;
        if (threads == null) {
            pass = () -> ops.axpy(1e-9, x, y, 0, x.length);
        } else {
            BlockTask<ArrayOps, Object> task = triadTask(x, y);
            pass = () -> BlockExecutor.run(task, ops, threads);
        }
        return x.length * 24.0 / medianPassNanos(pass, threads != null);
    }

    /**
     * The median time of one pass: the first is untimed (it brings the data into its level),
     * then samples of as many passes as fill {@value #SAMPLE_NANOS} ns, as many samples as the
     * budget allows — three times as many on all threads, whose figures varied twice as much
     * between calibrations on a shared 2-core VM (a neighbour takes one core for a while).
     */
    private long medianPassNanos(Runnable pass, boolean allThreads) {
        int factor = allThreads ? 3 : 1;
        pass.run();
        long t0 = System.nanoTime();
        pass.run();
        long one = Math.max(1, System.nanoTime() - t0);
        int repeats = (int) Math.max(1, SAMPLE_NANOS / one);
        int samples = (int) Math.max(3, Math.min(factor * budget.samples(), factor * budget.nanos() / (one * repeats)));
        long[] times = new long[samples];
        for (int i = 0; i < samples; i++) {
            long start = System.nanoTime();
            for (int r = 0; r < repeats; r++) {
                pass.run();
            }
            times[i] = (System.nanoTime() - start) / repeats;
        }
        Arrays.sort(times);
        return Math.max(1, times[samples / 2]);
    }

    private static double[] filled(long bytes) {
        double[] x = new double[(int) Math.max(16, bytes / Double.BYTES)];
        Arrays.fill(x, 0.5);
        return x;
    }

    @SuppressWarnings("unchecked")
    private static BlockTask<ArrayOps, Object> readTask(double[] x) {
        return (BlockTask<ArrayOps, Object>) new SumOfSquaresKernel().bind(new Params(Map.of()), List.of(new F64Array(x))).task();
    }

    @SuppressWarnings("unchecked")
    private static BlockTask<ArrayOps, Object> triadTask(double[] x, double[] y) {
        return (BlockTask<ArrayOps, Object>) new AxpyKernel()
            .bind(new Params(Map.of("a", 1e-9)), List.of(new F64Array(x), new F64Array(y))).task();
    }
}
