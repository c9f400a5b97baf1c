package dev.lanes.core.machine;

import dev.lanes.core.exec.GpuProfile;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What calibration measured on this machine: the ceilings the cost model divides by.
 * Bandwidths are read bandwidths of the level-1 kernels themselves (a sum of squares), in
 * 10^9 bytes per second: for the scalar backend that includes its FMA latency chain, which
 * is what a scalar reduction really achieves.
 *
 * @param method           "calibrate" (full) or "quick" (about 1.5 s, made when none is stored)
 * @param scalarGflops     per core, f64, independent FMA chains
 * @param simdGflops       per core, f64; 0 when SIMD is unusable
 * @param scalarCacheGbps  one thread, data in cache
 * @param simdCacheGbps    one thread, data in cache; 0 when SIMD is unusable
 * @param scalarMemoryGbps one thread, data in memory
 * @param simdMemoryGbps   one thread, data in memory
 * @param memoryGbpsAll    all threads, data in memory (the best inner backend)
 * @param simdGflopsF32    per core, f32; 0 when SIMD is unusable
 * @param triadGbpsAll     all threads, axpy (two reads, one write) from memory, counting 24 bytes per element
 * @param dispatchNanos    median cost of starting and joining an empty job, by thread count
 * @param cacheBytes       working sets up to this size are taken to be in cache
 * @param gpu              the GPU's ceilings, or {@code null} where no GPU is usable
 * @param opsPerSecond     per core, for work counted in ops rather than FLOPs ({@code Work.opKind}), by
 *                         "kind/backend" (e.g. "random-point/simd"); measured with the kernels' own code
 * @param levels           the memory hierarchy, smallest level first, memory last ({@link MemoryLevel}); the
 *                         cache and memory figures above are its L2 and memory levels. Empty only in profiles
 *                         made by hand (tests): the cost model then knows "in cache" and "memory"
 */
public record MachineProfile(String schema, String fingerprint, String createdAt, String method, double seconds,
                             int cores, double scalarGflops, double simdGflops, double simdGflopsF32,
                             double scalarCacheGbps, double simdCacheGbps, double scalarMemoryGbps,
                             double simdMemoryGbps, double memoryGbpsAll, double triadGbpsAll,
                             Map<Integer, Double> dispatchNanos, long cacheBytes, GpuProfile gpu,
                             Map<String, Double> opsPerSecond, List<MemoryLevel> levels) {

    /** 2: the memory levels (profiles of schema 1 knew two and are remeasured). */
    public static final String SCHEMA = "lanes.profile/2";

    public MachineProfile {
        dispatchNanos = Map.copyOf(new TreeMap<>(dispatchNanos));
        opsPerSecond = opsPerSecond == null ? Map.of() : Map.copyOf(new TreeMap<>(opsPerSecond));   // older profiles have none
        levels = levels == null ? List.of() : List.copyOf(levels);
    }

    /** e.g. "quick calibration of 2026-12-01T23:04:20Z", "calibration of 2026-11-25T05:11:33Z". */
    public String described() {
        return (method.equals("quick") ? "quick calibration" : "calibration") + " of " + createdAt;
    }

    /** Ops of a kind one core does per second with an inner backend's code; 0 when not measured. */
    public double opsPerSecond(String kind, dev.lanes.core.exec.Backend inner) {
        return kind == null ? 0 : opsPerSecond.getOrDefault(kind + "/" + inner.label(), 0.0);
    }

    /** Dispatch cost at a thread count: the measured one, else the nearest measured above or the largest. */
    public double dispatchNanosAt(int threads) {
        if (threads <= 1) {
            return 0;
        }
        TreeMap<Integer, Double> sorted = new TreeMap<>(dispatchNanos);
        Map.Entry<Integer, Double> e = sorted.ceilingEntry(threads);
        return e != null ? e.getValue() : sorted.isEmpty() ? 0 : sorted.lastEntry().getValue();
    }
}
