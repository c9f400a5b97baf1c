package dev.lanes.gpu;

import dev.lanes.core.exec.HistogramOps;

/**
 * The histogram on the GPU: per-block counts in shared memory where the bins fit (48 KiB:
 * up to 12,288 bins), else atomics on the global counts; exact either way, and the bin of
 * each value is the reference's expression evaluated with the same roundings.
 */
final class GpuHistogramOps implements HistogramOps {
    private final GpuDevice device;

    GpuHistogramOps(GpuDevice device) {
        this.device = device;
    }

    @Override
    public void count(double[] x, int from, int to, double low, double high, long[] counts) {
        count("f64", x, from, to, low, high, counts);
    }

    @Override
    public void count(float[] x, int from, int to, double low, double high, long[] counts) {
        count("f32", x, from, to, low, high, counts);
    }

    private void count(String type, Object x, int from, int to, double low, double high, long[] counts) {
        if (from >= to) {
            return;
        }
        int bins = counts.length;
        device.call(() -> {
            long n = to - from;
            LaunchGeometry g = LaunchGeometry.histogram(n, bins, device.multiprocessors(), device.sharedPerBlock());
            String kernel = (LaunchGeometry.privatized(bins, device.sharedPerBlock()) ? "histogram_shared_" : "histogram_global_") + type;
            DeviceBuffer deviceCounts = device.memory().scratch((long) bins * Long.BYTES, "the counts");
            device.memory().zero(deviceCounts, (long) bins * Long.BYTES);
            device.launch(PtxModule.IMAGE_KERNELS, kernel, g,
                args(device.memory().input(x, from, to), n, low, high, bins, deviceCounts.pointer()));
            long[] got = device.memory().readLongs(deviceCounts, bins);
            for (int b = 0; b < bins; b++) {
                counts[b] += got[b];
            }
            return null;
        });
    }

    /** (x, n, low, high, scale, bins, counts) of histogram_*: scale as the reference computes it. */
    static KernelArgs args(jcuda.driver.CUdeviceptr x, long n, double low, double high, int bins, jcuda.driver.CUdeviceptr counts) {
        return new KernelArgs().pointer(x).i64(n).f64(low).f64(high).f64(HistogramOps.scale(bins, low, high)).i32(bins)
            .pointer(counts);
    }
}
