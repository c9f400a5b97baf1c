package dev.lanes.gpu;

import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUstream;
import jcuda.driver.JCudaDriver;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * Where the data of the GPU ops lives: JVM arrays' copies on the device, scratch for one
 * execution, and the copies between them through pinned staging. An array a kernel wrote
 * stays on the device ({@link Residency}); a host input is copied in for every execution,
 * and the last execution's whole inputs stay when the stage is over ({@link #keepInputs}).
 * A training step's own arrays are {@link #workspace}: written by kernels before they are
 * read, never copied in, and gone when the execution ends.
 * On the CUDA thread only.
 */
final class DeviceMemory {
    private final CUstream stream;
    private final BufferPool pool;
    private final PinnedStaging staging;
    private final Residency residency = new Residency();
    /** Buffers of this execution's host inputs and scratch, handed back when it ends. */
    private final List<DeviceBuffer> transients = new ArrayList<>();
    /** Whole host arrays this execution copied in: kept past its end, in case the stage is over. */
    private final IdentityHashMap<Object, DeviceBuffer> copiedIn = new IdentityHashMap<>();
    /** The last execution's whole inputs, until the next execution starts or the stage keeps them. */
    private final IdentityHashMap<Object, DeviceBuffer> lastInputs = new IdentityHashMap<>();

    DeviceMemory(CUstream stream, BufferPool pool, PinnedStaging staging) {
        this.stream = stream;
        this.pool = pool;
        this.staging = staging;
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
        HostArray host = new HostArray(array);
        return resident(host, from, to, from == 0 && to == host.length()).buffer.at(host.bytes(from));
    }

    /**
     * The address of the device's whole copy of a host array kernels read, copied in if there
     * is none and then kept like a kernel's output (an input read in many slices, as a
     * training step reads its batch at every shard of every step); nothing is marked written.
     */
    CUdeviceptr whole(Object array) {
        return resident(new HostArray(array), 0, 0, false).buffer.pointer();
    }

    /**
     * The address of the device's copy of an array whose elements [from, to) a kernel writes
     * without reading (a training step's activations, gradients, packed weights): when the
     * device has none, one is made without copying the host's in, and it lasts only until the
     * execution ends, since elsewhere it holds nothing the host agrees with. What kernels wrote
     * comes back as for any output: when the runner asks for the array, or for everything.
     */
    CUdeviceptr workspace(Object array, int from, int to) {
        HostArray host = new HostArray(array);
        Residency.Entry e = residency.find(array);
        if (e == null) {
            e = residency.add(host, pool.take(host.bytes(host.length()), "workspace"), true);
        }
        if (from < to) {
            e.written(from, to);
        }
        return e.buffer.pointer();
    }

    /** Copies back, now, what kernels wrote of an array the host is about to read (and waits for it). */
    void toHost(Object array) {
        Residency.Entry e = residency.find(array);
        if (e != null && e.dirty()) {
            staging.download(e.buffer.at(e.host.bytes(e.dirtyFrom())), e.host, e.dirtyFrom(), e.dirtyTo() - e.dirtyFrom());
            e.clean();
        }
    }

    /** As {@link #output}, but the address of the array's first element, for a kernel that indexes the whole array. */
    CUdeviceptr outputBase(Object array, int from, int to) {
        HostArray host = new HostArray(array);
        return resident(host, from, to, from == 0 && to == host.length()).buffer.pointer();
    }

    /** As {@link #output}, for a kernel that also reads the range (axpy's y): the host's values go in first. */
    CUdeviceptr inout(Object array, int from, int to) {
        HostArray host = new HostArray(array);
        return resident(host, from, to, false).buffer.at(host.bytes(from));
    }

    private Residency.Entry resident(HostArray host, int from, int to, boolean overwritten) {
        Residency.Entry e = residency.find(host.array());
        if (e == null) {
            DeviceBuffer b = pool.take(host.bytes(host.length()), "an output");
            if (!overwritten) {
                staging.upload(host, 0, host.length(), b.pointer());
            }
            e = residency.add(host, b);
        }
        if (from < to) {
            e.written(from, to);
        }
        return e;
    }

    /** Device memory for this execution only. */
    DeviceBuffer scratch(long bytes, String purpose) {
        DeviceBuffer b = pool.take(bytes, purpose);
        transients.add(b);
        return b;
    }

    void zero(DeviceBuffer buffer, long bytes) {
        JCudaDriver.cuMemsetD8Async(buffer.pointer(), (byte) 0, bytes, stream);
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

    // ---- an execution's bookkeeping --------------------------------------------------------

    /** A new execution: the previous one's inputs were not kept, so their buffers are free again. */
    void executionStarts() {
        lastInputs.values().forEach(pool::give);
        lastInputs.clear();
    }

    /**
     * Brings back what the host lacks of {@code wanted}: of every array kernels wrote, when
     * {@code everything}. Enqueues and waits for each copy; the caller then finishes the timeline.
     */
    void bringBack(Object wanted, boolean everything) {
        if (!everything) {
            toHost(wanted);
            return;
        }
        for (Object array : residency.arrays()) {
            toHost(array);
        }
    }

    /** The execution ended (the device is idle): scratch is free again, its whole inputs wait for {@link #keepInputs}. */
    void executionEnded() {
        staging.settle();
        residency.dropWorkspace().forEach(pool::give);
        transients.removeAll(copiedIn.values());
        lastInputs.putAll(copiedIn);
        copiedIn.clear();
        transients.forEach(pool::give);
        transients.clear();
    }

    /**
     * The execution failed part-way; {@code reuse} when the device is still sound, so its
     * buffers may be reused. What the device holds is no longer known to match the host (an
     * output marked written by a kernel that never ran, a copy cut short), so nothing of it
     * is kept: the next execution copies in afresh.
     */
    void executionAbandoned(boolean reuse) {
        staging.settle();
        if (reuse) {
            transients.forEach(pool::give);
            forget();
        } else {
            residency.clear();
            lastInputs.clear();
        }
        transients.clear();
        copiedIn.clear();
    }

    /** The stage is over: the last execution's whole inputs stay on the device, as copies the host agrees with. */
    void keepInputs() {
        lastInputs.forEach((array, buffer) -> {
            if (residency.find(array) == null) {
                residency.add(new HostArray(array), buffer);
            } else {
                pool.give(buffer);
            }
        });
        lastInputs.clear();
    }

    /** The host may have written any array: the device's copies are dropped. */
    void forget() {
        residency.clear().forEach(pool::give);
        lastInputs.values().forEach(pool::give);
        lastInputs.clear();
    }
}
