package dev.lanes.gpu;

import dev.lanes.core.data.F32Array;
import dev.lanes.core.data.F64Array;
import dev.lanes.core.data.I64Array;
import dev.lanes.core.data.Value;
import dev.lanes.core.exec.DevicePhases;
import dev.lanes.core.exec.DeviceSession;
import dev.lanes.core.exec.GpuProfile;
import jcuda.CudaException;
import jcuda.driver.CUfunction;
import jcuda.driver.JCudaDriver;

import java.util.Arrays;
import java.util.concurrent.Callable;

/**
 * The GPU as the runner and the GPU ops see it: the CUDA thread and context, the event
 * timeline of the current execution, and where data lives ({@link DeviceMemory}). The ops
 * run their whole body on the CUDA thread through {@link #call}; {@link #memory()} and
 * {@link #launch} are for those bodies only. An execution runs from {@link #begin} to
 * {@link #end}, which brings back what the runner needs of the output and waits for the
 * device; a failure that breaks the context is reported by every later call.
 */
final class GpuDevice implements DeviceSession {
    private final CudaThread thread = new CudaThread();
    private CudaContext cuda;
    private BufferPool pool;
    private Timeline timeline;
    private PinnedStaging staging;
    private DeviceMemory memory;
    private boolean inExecution;
    /** A failure that left the context unusable (a sticky error: an illegal address, a failed kernel): every later call reports it. */
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
            throw failed(e);
        }
    }

    /**
     * A CUDA call failed. The device runs the stream's work after the calls that enqueued
     * it, so an error a kernel causes (an illegal address, a failed launch) surfaces in a
     * later call: the message names the kernels of this execution enqueued so far.
     */
    private CudaFailure failed(CudaException e) {
        String kernels = timeline.kernelsSoFar();
        return fail("CUDA error" + (kernels.isEmpty() ? "" : " after kernel" + (kernels.contains(",") ? "s " : " ") + kernels)
            + ": " + e.getMessage(), e);
    }

    /** A failure; one that leaves the context unusable is kept and reported by every later call. */
    private CudaFailure fail(String message, CudaException cause) {
        CudaFailure failure = new CudaFailure(message, cause);
        if (CudaErrors.isSticky(cause)) {
            broken = failure;
        }
        return failure;
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
            memory = new DeviceMemory(cuda.stream, pool, staging);
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
        memory.executionStarts();
        timeline.begin();
        inExecution = true;
    }

    /** Ends an execution that failed part-way: nothing comes back, its buffers are reused. */
    private void abandon() {
        if (broken == null) {
            try {
                JCudaDriver.cuStreamSynchronize(cuda.stream);
            } catch (CudaException e) {
                failed(e);
            }
        }
        memory.executionAbandoned(broken == null);
        inExecution = false;
    }

    /** Brings back what the host lacks of {@code output} (of every array the device wrote, when null), then waits. */
    private DevicePhases endHere(Value output) {
        try {
            memory.bringBack(output == null ? null : arrayOf(output), output == null);
            return timeline.finish();
        } catch (CudaException e) {
            throw failed(e);
        } finally {
            memory.executionEnded();
            inExecution = false;
        }
    }

    @Override
    public void keepInputs() {
        thread.run(() -> {
            if (cuda != null && broken == null) {
                memory.keepInputs();
            }
        });
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
                memory.forget();
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
    public GpuProfile calibrate(boolean quick) {
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

    /** Where the ops' data lives on the device. */
    DeviceMemory memory() {
        return memory;
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
}
