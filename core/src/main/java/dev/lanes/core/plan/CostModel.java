package dev.lanes.core.plan;

import dev.lanes.core.data.ElementType;
import dev.lanes.core.exec.Backend;
import dev.lanes.core.kernel.Work;
import dev.lanes.core.machine.MachineProfile;

/**
 * Roofline estimates from a {@link MachineProfile}: the larger of compute time (FLOPs over
 * the backend's peak on the threads used) and memory time (bytes over the bandwidth the
 * backend reaches, in cache or from memory), plus the dispatch cost of a threaded call.
 */
public record CostModel(MachineProfile profile) {

    public Estimate estimate(Work work, ElementType type, Backend backend, Backend inner, int threads) {
        int usedCores = backend == Backend.THREADS ? Math.min(threads, profile.cores()) : 1;
        boolean simd = inner == Backend.SIMD;
        double gflopsPerCore = simd ? profile.simdGflops() * (type == ElementType.F32 ? 2 : 1) : profile.scalarGflops();
        double computeNanos = work.flops() == 0 ? 0 : work.flops() / (gflopsPerCore * usedCores);
        boolean inCache = work.bytesMoved() <= profile.cacheBytes();
        double perThread = inCache
            ? (simd ? profile.simdCacheGbps() : profile.scalarCacheGbps())
            : (simd ? profile.simdMemoryGbps() : profile.scalarMemoryGbps());
        double bandwidth = perThread * usedCores;
        if (!inCache && usedCores > 1) {
            bandwidth = Math.min(bandwidth, profile.memoryGbpsAll());
        }
        double memoryNanos = work.bytesMoved() / bandwidth;
        double overheadNanos = backend == Backend.THREADS ? profile.dispatchNanosAt(threads) : 0;
        double body = Math.max(computeNanos, memoryNanos);
        String bound = overheadNanos > body ? "overhead" : memoryNanos >= computeNanos ? "memory" : "compute";
        return new Estimate(backend, inner, threads, body + overheadNanos, bound, computeNanos, memoryNanos, overheadNanos);
    }
}
