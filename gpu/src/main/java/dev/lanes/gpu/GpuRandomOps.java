package dev.lanes.gpu;

import dev.lanes.core.exec.RandomOps;

/** Monte Carlo π on the GPU: the CPU's generator and arithmetic, so the same hits for the same seed. */
final class GpuRandomOps implements RandomOps {
    private final GpuDevice device;

    GpuRandomOps(GpuDevice device) {
        this.device = device;
    }

    @Override
    public long insideUnitCircle(long seed, long from, long to) {
        if (from >= to) {
            return 0;
        }
        return device.call(() -> {
            LaunchGeometry g = LaunchGeometry.gridStride(to - from, device.multiprocessors());
            DeviceBuffer partials = device.memory().scratch((long) g.blocks() * Long.BYTES, "the partial counts");
            device.launch(PtxModule.ARRAY_KERNELS, "monte_carlo_pi", g,
                args(seed, from, to, partials.pointer()));
            long inside = 0;
            for (long p : device.memory().readLongs(partials, g.blocks())) {
                inside += p;
            }
            return inside;
        });
    }

    /** (seed, from, to, partials) of monte_carlo_pi. */
    static KernelArgs args(long seed, long from, long to, jcuda.driver.CUdeviceptr partials) {
        return new KernelArgs().i64(seed).i64(from).i64(to).pointer(partials);
    }
}
