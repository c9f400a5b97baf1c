package dev.lanes.core.plan;

import dev.lanes.core.exec.Accelerator;
import dev.lanes.core.exec.Backend;
import dev.lanes.core.exec.HashOps;
import dev.lanes.core.exec.HistogramOps;
import dev.lanes.core.exec.RandomOps;
import dev.lanes.core.exec.SortOps;
import dev.lanes.core.data.I64Array;
import dev.lanes.core.data.Value;
import dev.lanes.core.exec.BlockExecutor;
import dev.lanes.core.exec.BlockTask;
import dev.lanes.core.kernel.Params;
import dev.lanes.core.kernel.Work;
import dev.lanes.core.kernels.SortKernel;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How many ops of each {@link Work#opKind} kind one core does per second, measured with the
 * kernels' own chunk functions: Monte Carlo points ({@code RandomOps}) with the scalar and
 * the SIMD code, SHA-256 blocks ({@code HashOps}, which has only scalar code), sorted keys
 * (the sort kernel's whole task: radix-sorted chunks, merge rounds, decode). Work that is
 * integer rounds rather than FLOPs or bytes has no other ceiling to be held against.
 */
final class OpRates {
    private static final int PASSES = 5;

    private final Consumer<Runnable> warmUp;
    private long sink;

    /** @param warmUp runs a pass until the JIT has compiled it and it stops getting faster */
    OpRates(Consumer<Runnable> warmUp) {
        this.warmUp = warmUp;
    }

    /** "kind/backend" → ops per second per core. */
    Map<String, Double> measure(Accelerator scalar, Optional<Accelerator> simd, boolean quick) {
        Map<String, Double> rates = new LinkedHashMap<>();
        int points = quick ? 1 << 18 : 1 << 21;
        double scalarPoints = pointsPerSecond(scalar, points);
        rates.put(key(Work.RANDOM_POINT, Backend.SCALAR), scalarPoints);
        simd.flatMap(a -> a.ops(RandomOps.class)).ifPresent(ops ->
            rates.put(key(Work.RANDOM_POINT, Backend.SIMD), Calibrator.notBelow(scalarPoints, () -> pointsPerSecond(ops, points))));
        rates.put(key(Work.SHA256_BLOCK, Backend.SCALAR), sha256BlocksPerSecond(scalar, quick ? 1 << 8 : 1 << 11));
        int values = quick ? 1 << 18 : 1 << 21;
        double scalarValues = valuesPerSecond(scalar.ops(HistogramOps.class).orElseThrow(), values);
        rates.put(key(Work.HISTOGRAM_VALUE, Backend.SCALAR), scalarValues);
        // as for the points: a SIMD pass that C2 has not compiled yet is slower than scalar, never the truth
        simd.flatMap(a -> a.ops(HistogramOps.class)).ifPresent(ops ->
            rates.put(key(Work.HISTOGRAM_VALUE, Backend.SIMD), Calibrator.notBelow(scalarValues, () -> valuesPerSecond(ops, values))));
        rates.put(key(Work.SORT_KEY, Backend.SCALAR), sortKeysPerSecond(scalar, quick ? 1 << 20 : 1 << 22));
        return rates;
    }

    /**
     * Seeded i64 keys through the sort kernel's own task on one thread: 16 chunks, radix
     * passes over each, four merge rounds and the decode — the steps every sort of more than
     * 512Ki keys takes (a smaller one merges less and runs faster than this rate says).
     */
    @SuppressWarnings("unchecked")
    private double sortKeysPerSecond(Accelerator scalar, int keys) {
        long[] x = new long[keys];
        for (int i = 0; i < keys; i++) {
            x[i] = dev.lanes.core.data.CounterRandom.bits(11, i);
        }
        BlockTask<SortOps, Object> task = (BlockTask<SortOps, Object>) new SortKernel()
            .bind(new Params(Map.of()), List.of(new I64Array(x))).task();
        SortOps ops = scalar.ops(SortOps.class).orElseThrow();
        Runnable pass = () -> {
            Value sorted = BlockExecutor.runSequential(task, ops);
            sink += sorted == null ? 0 : sorted.length();
        };
        warmUp.accept(pass);
        return keys / medianSeconds(pass);
    }

    static String key(String kind, Backend inner) {
        return kind + "/" + inner.label();
    }

    private double pointsPerSecond(Accelerator accelerator, int points) {
        return pointsPerSecond(accelerator.ops(RandomOps.class).orElseThrow(), points);
    }

    /**
     * f32 values uniform over 256 bins, as the histogram sample bins its data: the bins stay
     * in L1, so this is the binning's own rate, which a histogram of more bins stays below.
     */
    private double valuesPerSecond(HistogramOps ops, int values) {
        float[] x = new float[values];
        for (int i = 0; i < values; i++) {
            x[i] = (float) dev.lanes.core.data.CounterRandom.uniform(7, i);
        }
        long[] counts = new long[256];
        Runnable pass = () -> {
            ops.count(x, 0, values, 0, 1, counts);
            sink += counts[0];
        };
        warmUp.accept(pass);
        return values / medianSeconds(pass);
    }

    private double pointsPerSecond(RandomOps ops, int points) {
        warmUp.accept(() -> sink += ops.insideUnitCircle(sink, 0, points));
        return points / medianSeconds(() -> sink += ops.insideUnitCircle(sink, 0, points));
    }

    /**
     * Messages of 4 KiB: 65 compressions each (the last holds the padding and the length), so
     * the rate is the compressions' own, not a message's fixed costs — a ceiling, which short
     * messages stay below.
     */
    private double sha256BlocksPerSecond(Accelerator accelerator, int messages) {
        HashOps ops = accelerator.ops(HashOps.class).orElseThrow();
        int bytes = 4096;
        long[] digests = new long[4 * messages];
        HashOps.Messages source = (m, into) -> Arrays.fill(into, (byte) m);
        Runnable pass = () -> {
            ops.sha256(source, bytes, 0, messages, digests);
            sink += digests[0];
        };
        warmUp.accept(pass);
        return (double) messages * ((bytes + 9 + 63) / 64) / medianSeconds(pass);
    }

    private static double medianSeconds(Runnable pass) {
        long[] times = new long[PASSES];
        for (int i = 0; i < PASSES; i++) {
            long t0 = System.nanoTime();
            pass.run();
            times[i] = System.nanoTime() - t0;
        }
        Arrays.sort(times);
        return times[PASSES / 2] / 1e9;
    }

    /** Keeps the results alive, so the passes cannot be optimised away. */
    long sink() {
        return sink;
    }
}
