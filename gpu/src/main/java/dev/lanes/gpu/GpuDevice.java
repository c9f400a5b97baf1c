package dev.lanes.gpu;

import dev.lanes.core.data.F32Array;
import dev.lanes.core.data.F64Array;
import dev.lanes.core.data.I64Array;
import dev.lanes.core.data.Value;
import dev.lanes.core.exec.DevicePhases;
import dev.lanes.core.exec.DeviceSession;
import dev.lanes.core.machine.MachineProfile;
import jcuda.CudaException;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.JCudaDriver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The GPU as the runner and the GPU ops see it: the CUDA thread and context, device memory,
 * pinned staging, the event timeline of the current execution, and the arrays the device
 * holds. The ops run their whole body on the CUDA thread through {@link #call}; the helpers
 * ({@link #input}, {@link #output}, {@link #launch}, …) are for those bodies only.
 *
 * <p>Inputs that came from the host are copied in for every execution (a sample is a whole
 * offload); outputs of device kernels stay on the device, and come back only as far as the
 * runner needs them ({@link #end}). When a stage is over, the inputs its last execution
 * copied in stay too ({@link #keepInputs}), for the next device stage.
 */
final class GpuDevice implements DeviceSession {
    private final CudaThread thread = new CudaThread();
    private CudaContext cuda;
    private BufferPool pool;
    private Timeline timeline;
    private PinnedStaging staging;
    private final Residency residency = new Residency();
    /** Buffers of this execution's host inputs and scratch, handed back when it ends. */
    private final List<DeviceBuffer> transients = new ArrayList<>();
    /** Whole host arrays this execution copied in: kept past its end, in case the stage is over ({@link #keepInputs}). */
    private final IdentityHashMap<Object, DeviceBuffer> copiedIn = new IdentityHashMap<>();
    /** The last execution's whole inputs, until the next execution starts or the stage keeps them. */
    private final IdentityHashMap<Object, DeviceBuffer> lastInputs = new IdentityHashMap<>();
    private boolean inExecution;
    /** A failure that left the context unusable (an illegal address, a launch failure): every later call reports it. */
    private CudaFailure broken;

    /** Runs an ops body on the CUDA thread, as part of the current execution or as one of its own. */
    <T> T call(Callable<T> body) {
        return thread.call(() -> {
            open();
            if (inExecution) {
                return guarded(body);
            }
            beginHere();
            boolean ended = false;
            try {
                T result = guarded(body);
                endHere(null);
                ended = true;
                return result;
            } finally {
                if (!ended) {
                    abandon();
                }
            }
        });
    }

    private <T> T guarded(Callable<T> body) throws Exception {
        try {
            return body.call();
        } catch (CudaException e) {
            throw fail("CUDA error (kernels " + timeline.kernelsSoFar() + "): " + e.getMessage(), e);
        }
    }

    private CudaFailure fail(String message, CudaException cause) {
        broken = new CudaFailure(message, cause);
        return broken;
    }

    private void open() {
        if (broken != null) {
            throw new CudaFailure("the CUDA context failed earlier: " + broken.getMessage());
        }
        if (cuda == null) {
            cuda = CudaContext.open();
            pool = new BufferPool();
            timeline = new Timeline(cuda.stream);
            staging = new PinnedStaging(cuda.stream, timeline);
        }
    }

    // ---- DeviceSession: what the runner calls ------------------------------------------------

    @Override
    public void begin() {
        thread.run(() -> {
            open();
            beginHere();
        });
    }

    @Override
    public DevicePhases end(Value output) {
        return thread.call(() -> {
            open();
            return endHere(output);
        });
    }

    private void beginHere() {
        if (inExecution) {
            abandon();              // the last execution failed before it ended
        }
        lastInputs.values().forEach(pool::give);
        lastInputs.clear();
        timeline.begin();
        inExecution = true;
    }

    /** Ends an execution that failed part-way: nothing comes back, its buffers are reused. */
    private void abandon() {
        if (broken == null) {
            try {
                JCudaDriver.cuStreamSynchronize(cuda.stream);
            } catch (CudaException e) {
                fail("CUDA error (kernels " + timeline.kernelsSoFar() + "): " + e.getMessage(), e);
            }
        }
        staging.settle();
        if (broken == null) {
            transients.forEach(pool::give);
        }
        transients.clear();
        copiedIn.clear();
        inExecution = false;
    }

    /** Brings back what the host lacks of {@code output} (of every array the device wrote, when null), then waits. */
    private DevicePhases endHere(Value output) {
        try {
            Object wanted = output == null ? null : arrayOf(output);
            for (Object array : residentArrays()) {
                Residency.Entry e = residency.find(array);
                if (e.dirty() && (output == null || array == wanted)) {
                    staging.download(e.buffer.at(e.host.bytes(e.dirtyFrom())), e.host, e.dirtyFrom(), e.dirtyTo() - e.dirtyFrom());
                    e.clean();
                }
            }
            return timeline.finish();
        } catch (CudaException e) {
            throw fail("CUDA error (kernels " + timeline.kernelsSoFar() + "): " + e.getMessage(), e);
        } finally {
            staging.settle();
            // the whole inputs outlive the execution, until the next one or keepInputs
            transients.removeAll(copiedIn.values());
            lastInputs.putAll(copiedIn);
            copiedIn.clear();
            transients.forEach(pool::give);
            transients.clear();
            inExecution = false;
        }
    }

    @Override
    public void keepInputs() {
        thread.run(() -> {
            if (cuda == null || broken != null) {
                return;
            }
            lastInputs.forEach((array, buffer) -> {
                if (residency.find(array) == null) {
                    residency.add(new HostArray(array), buffer);      // the host's and the device's copies agree: not dirty
                } else {
                    pool.give(buffer);
                }
            });
            lastInputs.clear();
        });
    }

    private List<Object> residentArrays() {
        return residency.arrays();
    }

    private static Object arrayOf(Value value) {
        return switch (value) {
            case F32Array a -> a.data();
            case F64Array a -> a.data();
            case I64Array a -> a.data();
            default -> null;
        };
    }

    @Override
    public void hostDataChanged() {
        forget();
    }

    @Override
    public void release() {
        forget();
        thread.run(() -> {
            if (cuda != null && broken == null) {
                pool.releaseAll();
            }
        });
    }

    private void forget() {
        thread.run(() -> {
            if (cuda != null) {
                residency.clear().forEach(pool::give);
                lastInputs.values().forEach(pool::give);
                lastInputs.clear();
            }
        });
    }

    @Override
    public String oneTimeCosts() {
        return thread.call(() -> cuda == null ? "" : cuda.oneTimeCosts());
    }

    /** Executions cross to the CUDA thread three times (begin, the ops body, end): part of every launch's cost. */
    private static final int HOPS_PER_EXECUTION = 3;

    @Override
    public MachineProfile.GpuProfile calibrate(boolean quick) {
        long[] hops = new long[101];
        for (int i = 0; i < hops.length; i++) {
            long start = System.nanoTime();
            thread.run(() -> { });
            hops[i] = System.nanoTime() - start;
        }
        Arrays.sort(hops);
        long hopNanos = hops[hops.length / 2];
        return call(() -> new GpuCalibration(cuda, pool, staging).measure(quick, HOPS_PER_EXECUTION * hopNanos));
    }

    // ---- helpers for the ops bodies, on the CUDA thread ---------------------------------------

    int multiprocessors() {
        return cuda.multiprocessors;
    }

    int sharedPerBlock() {
        return cuda.sharedPerBlock;
    }

    /** Elements [from, to) of a host array on the device: the device's own copy, else copied in now. */
    CUdeviceptr input(Object array, int from, int to) {
        HostArray host = new HostArray(array);
        Residency.Entry e = residency.find(array);
        if (e != null) {
            return e.buffer.at(host.bytes(from));
        }
        DeviceBuffer b = scratch(host.bytes(to - from), "an input");
        staging.upload(host, from, to - from, b.pointer());
        if (from == 0 && to == host.length()) {
            copiedIn.put(array, b);
        }
        return b.pointer();
    }

    /**
     * Where a kernel writes elements [from, to) of a host array: the device's copy of the
     * whole array, made now if there is none (copied in first, unless the kernel writes all
     * of it, so the copy is whole either way). The range comes back when the runner needs it.
     */
    CUdeviceptr output(Object array, int from, int to) {
        return resident(array, from, to, from == 0 && to == new HostArray(array).length()).buffer.at(new HostArray(array).bytes(from));
    }

    /** As {@link #output}, but the address of the array's first element, for a kernel that indexes the whole array. */
    CUdeviceptr outputBase(Object array, int from, int to) {
        return resident(array, from, to, from == 0 && to == new HostArray(array).length()).buffer.pointer();
    }

    /** As {@link #output}, for a kernel that also reads the range (axpy's y): the host's values go in first. */
    CUdeviceptr inout(Object array, int from, int to) {
        return resident(array, from, to, false).buffer.at(new HostArray(array).bytes(from));
    }

    private Residency.Entry resident(Object array, int from, int to, boolean overwritten) {
        HostArray host = new HostArray(array);
        Residency.Entry e = residency.find(array);
        if (e == null) {
            DeviceBuffer b = pool.take(host.bytes(host.length()), "an output");
            if (!overwritten) {
                staging.upload(host, 0, host.length(), b.pointer());
            }
            e = residency.add(host, b);
        }
        e.written(from, to);
        return e;
    }

    /** Device memory for this execution only. */
    DeviceBuffer scratch(long bytes, String purpose) {
        DeviceBuffer b = pool.take(bytes, purpose);
        transients.add(b);
        return b;
    }

    void zero(DeviceBuffer buffer, long bytes) {
        JCudaDriver.cuMemsetD8Async(buffer.pointer(), (byte) 0, bytes, cuda.stream);
    }

    void launch(String module, String kernel, LaunchGeometry g, KernelArgs args) {
        KernelSignatures.check(module, kernel, args);
        CUfunction f = cuda.function(module, kernel);
        try {
            timeline.around(Timeline.Phase.KERNEL, 0, kernel, () -> JCudaDriver.cuLaunchKernel(f, g.gridX(), g.gridY(), 1,
                g.blockX(), g.blockY(), 1, g.sharedBytes(), cuda.stream, args.pointer(), null));
        } catch (CudaException e) {
            throw fail("CUDA kernel " + kernel + " did not launch (grid " + g.gridX() + "x" + g.gridY() + ", block "
                + g.blockX() + "x" + g.blockY() + ", " + g.sharedBytes() + " B shared): " + e.getMessage(), e);
        }
    }

    /** The first {@code count} doubles of a device buffer, once the kernels before have written them. */
    double[] readDoubles(DeviceBuffer buffer, int count) {
        double[] values = new double[count];
        staging.download(buffer.pointer(), new HostArray(values), 0, count);
        return values;
    }

    /** The first {@code count} 64-bit integers of a device buffer. */
    long[] readLongs(DeviceBuffer buffer, int count) {
        long[] values = new long[count];
        staging.download(buffer.pointer(), new HostArray(values), 0, count);
        return values;
    }
}
