package dev.lanes.core.plan;

import dev.lanes.core.exec.GpuProfile;
import dev.lanes.core.data.ElementType;
import dev.lanes.core.exec.Backend;
import dev.lanes.core.kernel.Work;
import dev.lanes.core.machine.MachineProfile;
import dev.lanes.core.machine.MemoryLevel;

import java.util.List;

/**
 * Roofline estimates from a {@link MachineProfile}: the larger of compute time (FLOPs over
 * the backend's peak on the threads used, or a kernel's integer ops over their calibrated
 * rate, whichever is longer) and memory time (bytes over the bandwidth the backend
 * reaches, in cache or from memory), plus the dispatch cost of a threaded call.
 */
public record CostModel(MachineProfile profile) {

    /**
     * A GPU candidate: the kernel at the device's ceilings plus the launch, plus the copies
     * of its inputs to the device and of its output back, unless the data is already there.
     *
     * @param traffic the bytes copied in (none for inputs a previous device stage left there) and back
     */
    public Estimate estimateGpu(Work work, ElementType type, DeviceTraffic traffic) {
        double inputBytes = traffic.inputBytes();
        double outputBytes = traffic.outputBytes();
        GpuProfile gpu = profile.gpu();
        if (gpu == null) {
            throw new IllegalStateException("no GPU in this profile");
        }
        Roofline roof = gpuRoofline(work, type);
        double computeNanos = roof.computeNanos();
        double memoryNanos = roof.memoryNanos();
        // A stage's copies start from JVM arrays: through pinned staging, slower than the pinned DMA alone.
        double transferNanos = inputBytes / gpu.stagedToDeviceGbps() + outputBytes / gpu.stagedToHostGbps();
        double body = Math.max(computeNanos, memoryNanos);
        double overheadNanos = gpu.launchNanos();
        String bound = transferNanos >= Math.max(body, overheadNanos) ? "transfer"
            : overheadNanos > body ? "overhead" : memoryNanos >= computeNanos ? "memory" : "compute";
        return new Estimate(Backend.GPU, Backend.GPU, 1, body + overheadNanos + transferNanos, bound, computeNanos,
            memoryNanos + transferNanos, overheadNanos);
    }

    /** The device's ceilings for a kernel's work: its FMA peak for the type, its copy bandwidth. */
    public Roofline gpuRoofline(Work work, ElementType type) {
        GpuProfile gpu = profile.gpu();
        return new Roofline(gpu.gflops(type), gpu.deviceGbps(), work.flops(), work.bytesMoved());
    }

    /**
     * A CPU implementation's ceilings for this work: its peak on the cores it uses, and the
     * bandwidth of the memory level that holds its working set (the bytes it moves, split
     * over the threads for a core's private cache) for its pattern — read only, or read-write
     * when it writes. A profile without levels knows "in cache" and "memory" only.
     */
    public Roofline roofline(Work work, ElementType type, Backend backend, Backend inner, int threads) {
        int usedCores = backend == Backend.THREADS ? Math.min(threads, profile.cores()) : 1;
        boolean simd = inner == Backend.SIMD;
        double gflopsPerCore = simd ? (type == ElementType.F32 ? profile.simdGflopsF32() : profile.simdGflops()) : profile.scalarGflops();
        double bandwidth = profile.levels().isEmpty() ? twoLevelGbps(work, simd, usedCores) : levelGbps(work, simd, usedCores);
        return new Roofline(gflopsPerCore * usedCores, bandwidth, work.flops(), work.bytesMoved(), work.opKind(),
            profile.opsPerSecond(work.opKind(), inner) * usedCores, work.ops());
    }

    /**
     * The bandwidth of the level that holds the working set, where the part of it that the
     * level below holds comes at that level's speed: past a cache's edge the data does not all
     * leave it at once (a 64 MiB read on a Xeon VM whose L3 held 32 MiB ran at 20–26 GB/s,
     * between its L3's 30 and memory's 17).
     */
    private double levelGbps(Work work, boolean simd, int cores) {
        List<MemoryLevel> levels = profile.levels();
        boolean writes = work.bytesWritten() > 0;
        double bytes = work.bytesMoved();
        int i = 0;
        while (i < levels.size() - 1 && !levels.get(i).holds(bytes, cores)) {
            i++;
        }
        double gbps = levels.get(i).gbps(simd, writes, cores);
        if (i == 0 || bytes <= 0) {
            return gbps;
        }
        MemoryLevel below = levels.get(i - 1);
        double held = Math.min(bytes, below.shared() ? below.bytes() : (double) below.bytes() * cores);
        return bytes / (held / below.gbps(simd, writes, cores) + (bytes - held) / gbps);
    }

    /** In cache (up to the profile's cache size) or from memory, capped by what all threads together reach. */
    private double twoLevelGbps(Work work, boolean simd, int usedCores) {
        boolean inCache = work.bytesMoved() <= profile.cacheBytes();
        double perThread = inCache
            ? (simd ? profile.simdCacheGbps() : profile.scalarCacheGbps())
            : (simd ? profile.simdMemoryGbps() : profile.scalarMemoryGbps());
        double bandwidth = perThread * usedCores;
        return !inCache && usedCores > 1 ? Math.min(bandwidth, profile.memoryGbpsAll()) : bandwidth;
    }

    public Estimate estimate(Work work, ElementType type, Backend backend, Backend inner, int threads) {
        Roofline roof = roofline(work, type, backend, inner, threads);
        // integer work (a generator's, a hash's) is arithmetic too: it counts as compute time
        double computeNanos = roof.arithmeticNanos();
        double memoryNanos = roof.memoryNanos();
        double overheadNanos = backend == Backend.THREADS ? profile.dispatchNanosAt(threads) : 0;
        double body = Math.max(computeNanos, memoryNanos);
        String bound = overheadNanos > body ? "overhead" : memoryNanos >= computeNanos ? "memory" : "compute";
        return new Estimate(backend, inner, threads, body + overheadNanos, bound, computeNanos, memoryNanos, overheadNanos);
    }
}
