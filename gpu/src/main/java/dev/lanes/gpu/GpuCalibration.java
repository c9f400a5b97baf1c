package dev.lanes.gpu;

import dev.lanes.core.exec.GpuProfile;
import jcuda.Pointer;
import jcuda.driver.CUevent;
import jcuda.driver.CUevent_flags;
import jcuda.driver.JCudaDriver;

import java.util.Arrays;

/**
 * Measures the GPU's ceilings for the cost model, each the best of a few repetitions timed
 * by CUDA events: device memory bandwidth by a device-to-device copy (bytes read plus
 * written, as the bandwidth tests count it), pinned copies each way, the FMA throughput of
 * the CUDA cores in f32 and f64, and the cost of a launch the host waits for. On the CUDA
 * thread only.
 */
final class GpuCalibration {
    private final CudaContext cuda;
    private final BufferPool pool;
    private final PinnedStaging staging;
    private final CUevent start = new CUevent();
    private final CUevent stop = new CUevent();

    GpuCalibration(CudaContext cuda, BufferPool pool, PinnedStaging staging) {
        this.cuda = cuda;
        this.pool = pool;
        this.staging = staging;
    }

    /** @param hostOverheadNanos what an execution adds on the host beyond a launch and a wait (the CUDA thread's hops) */
    GpuProfile measure(boolean quick, long hostOverheadNanos) {
        JCudaDriver.cuEventCreate(start, CUevent_flags.CU_EVENT_DEFAULT);
        JCudaDriver.cuEventCreate(stop, CUevent_flags.CU_EVENT_DEFAULT);
        try {
            int repeats = quick ? 3 : 7;
            long copyBytes = quick ? 64L << 20 : 512L << 20;
            long hostBytes = quick ? 64L << 20 : 256L << 20;
            double device = deviceCopyGbps(copyBytes, repeats);
            double[] pinned = pinnedCopyGbps(hostBytes, repeats);
            // an H100's 270k resident threads do 4.3 MFLOP per iteration: 4096 take about 0.3 ms in f32
            double f32 = fmaGflops("fma_peak_f32", quick ? 4096 : 32768, repeats);
            double f64 = fmaGflops("fma_peak_f64", quick ? 2048 : 16384, repeats);
            double launch = launchNanos(quick ? 50 : 500) + hostOverheadNanos;
            double[] staged = stagedCopyGbps((int) (hostBytes / Float.BYTES), repeats);
            long[] memory = new long[1];
            JCudaDriver.cuDeviceTotalMem(memory, cuda.device);
            return new GpuProfile(pinned[0], pinned[1], device, f32, f64, launch, staged[0], staged[1], memory[0]);
        } finally {
            JCudaDriver.cuEventDestroy(start);
            JCudaDriver.cuEventDestroy(stop);
        }
    }

    private double deviceCopyGbps(long bytes, int repeats) {
        DeviceBuffer from = pool.take(bytes, "calibration");
        DeviceBuffer to = pool.take(bytes, "calibration");
        try {
            JCudaDriver.cuMemsetD8Async(from.pointer(), (byte) 1, bytes, cuda.stream);
            double best = Double.MAX_VALUE;
            for (int i = 0; i < repeats; i++) {
                best = Math.min(best, timed(() -> JCudaDriver.cuMemcpyDtoDAsync(to.pointer(), from.pointer(), bytes, cuda.stream)));
            }
            return 2.0 * bytes / best;
        } finally {
            pool.give(from);
            pool.give(to);
            pool.releaseAll();
        }
    }

    /** {host→device, device→host} GB/s from one pinned buffer. */
    private double[] pinnedCopyGbps(long bytes, int repeats) {
        Pointer host = new Pointer();
        JCudaDriver.cuMemHostAlloc(host, bytes, 0);
        DeviceBuffer device = pool.take(bytes, "calibration");
        try {
            double up = Double.MAX_VALUE;
            double down = Double.MAX_VALUE;
            for (int i = 0; i < repeats; i++) {
                up = Math.min(up, timed(() -> JCudaDriver.cuMemcpyHtoDAsync(device.pointer(), host, bytes, cuda.stream)));
                down = Math.min(down, timed(() -> JCudaDriver.cuMemcpyDtoHAsync(host, device.pointer(), bytes, cuda.stream)));
            }
            return new double[] {bytes / up, bytes / down};
        } finally {
            pool.give(device);
            pool.releaseAll();
            JCudaDriver.cuMemFreeHost(host);
        }
    }

    /** {to the device, back} GB/s between a JVM float[] and the device, through the pinned staging buffers, host clock. */
    private double[] stagedCopyGbps(int elements, int repeats) {
        HostArray host = new HostArray(new float[elements]);
        DeviceBuffer device = pool.take(host.bytes(elements), "calibration");
        try {
            double up = Double.MAX_VALUE;
            double down = Double.MAX_VALUE;
            for (int i = 0; i < repeats; i++) {
                long t0 = System.nanoTime();
                staging.upload(host, 0, elements, device.pointer());
                JCudaDriver.cuStreamSynchronize(cuda.stream);
                long t1 = System.nanoTime();
                staging.download(device.pointer(), host, 0, elements);
                long t2 = System.nanoTime();
                staging.settle();
                up = Math.min(up, t1 - t0);
                down = Math.min(down, t2 - t1);
            }
            return new double[] {host.bytes(elements) / up, host.bytes(elements) / down};
        } finally {
            pool.give(device);
            pool.releaseAll();
        }
    }

    private double fmaGflops(String kernel, int iterations, int repeats) {
        LaunchGeometry g = LaunchGeometry.gridStride((long) cuda.multiprocessors * LaunchGeometry.BLOCKS_PER_SM
            * LaunchGeometry.THREADS, cuda.multiprocessors);
        DeviceBuffer out = pool.take((long) g.blocks() * LaunchGeometry.THREADS * Double.BYTES, "calibration");
        try {
            KernelArgs launchArgs = fmaPeakArgs(out.pointer(), iterations, kernel.endsWith("f32"));
            KernelSignatures.check(PtxModule.ARRAY_KERNELS, kernel, launchArgs);
            var f = cuda.function(PtxModule.ARRAY_KERNELS, kernel);
            double best = Double.MAX_VALUE;
            for (int i = 0; i <= repeats; i++) {          // the first launch pays the module's JIT: not counted
                double t = timed(() -> JCudaDriver.cuLaunchKernel(f, g.gridX(), 1, 1, g.blockX(), 1, 1, 0, cuda.stream,
                    launchArgs.pointer(), null));
                best = i == 0 ? best : Math.min(best, t);
            }
            double flops = (double) g.blocks() * g.blockX() * iterations * 8 * 2;
            return flops / best;
        } finally {
            pool.give(out);
            pool.releaseAll();
        }
    }

    /** (out, iterations, never) of fma_peak_*: never is −1, which the chains (all positive) never sum to. */
    static KernelArgs fmaPeakArgs(jcuda.driver.CUdeviceptr out, int iterations, boolean f32) {
        KernelArgs args = new KernelArgs().pointer(out).i32(iterations);
        return f32 ? args.f32(-1f) : args.f64(-1.0);
    }

    /** Median nanoseconds of an empty launch and the wait for it, on the host's clock. */
    private double launchNanos(int count) {
        var f = cuda.function(PtxModule.ARRAY_KERNELS, "noop");
        KernelSignatures.check(PtxModule.ARRAY_KERNELS, "noop", new KernelArgs());
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            long t0 = System.nanoTime();
            JCudaDriver.cuLaunchKernel(f, 1, 1, 1, 32, 1, 1, 0, cuda.stream, null, null);
            JCudaDriver.cuStreamSynchronize(cuda.stream);
            nanos[i] = System.nanoTime() - t0;
        }
        Arrays.sort(nanos);
        return nanos[count / 2];
    }

    /** Nanoseconds between events around {@code work} on the stream. */
    private double timed(Runnable work) {
        JCudaDriver.cuEventRecord(start, cuda.stream);
        work.run();
        JCudaDriver.cuEventRecord(stop, cuda.stream);
        JCudaDriver.cuEventSynchronize(stop);
        float[] millis = new float[1];
        JCudaDriver.cuEventElapsedTime(millis, start, stop);
        return millis[0] * 1e6;
    }
}
