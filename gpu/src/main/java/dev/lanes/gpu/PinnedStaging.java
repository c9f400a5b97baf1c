package dev.lanes.gpu;

import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUevent;
import jcuda.driver.CUstream;
import jcuda.driver.JCudaDriver;

import java.nio.ByteBuffer;

/**
 * Copies between JVM arrays and the device through two pinned buffers of {@value #CHUNK_BYTES}
 * bytes: the device copies only from page-locked memory at full speed, and a JVM array
 * cannot be page-locked. Chunks alternate between the buffers, so the host's copy of one
 * chunk overlaps the device's copy of the other, and the host's copies run on several
 * threads ({@link HostCopier}). On the CUDA thread only.
 */
final class PinnedStaging {
    static final long CHUNK_BYTES = 16L << 20;

    private final CUstream stream;
    private final Timeline timeline;
    private final HostCopier copier = new HostCopier(Runtime.getRuntime().availableProcessors());
    private final Pointer[] host = new Pointer[2];
    private final ByteBuffer[] view = new ByteBuffer[2];
    /** The event after the last device copy that used each buffer; null when it is free. */
    private final CUevent[] busyUntil = new CUevent[2];

    PinnedStaging(CUstream stream, Timeline timeline) {
        this.stream = stream;
        this.timeline = timeline;
    }

    /** Enqueues the copy of {@code count} elements of {@code source} from {@code from} to {@code target}. */
    void upload(HostArray source, int from, int count, CUdeviceptr target) {
        int perChunk = (int) (CHUNK_BYTES / source.elementBytes());
        int chunk = 0;
        for (int done = 0; done < count; done += perChunk, chunk++) {
            int n = Math.min(perChunk, count - done);
            int b = chunk & 1;
            ByteBuffer buffer = buffer(b);
            waitFor(b);
            long start = System.nanoTime();
            copier.toPinned(source, from + done, n, buffer);
            timeline.addHostCopy(System.nanoTime() - start);
            long bytes = source.bytes(n);
            CUdeviceptr to = target.withByteOffset(source.bytes(done));
            busyUntil[b] = timeline.around(Timeline.Phase.TO_DEVICE, bytes, "copy in",
                () -> JCudaDriver.cuMemcpyHtoDAsync(to, host[b], bytes, stream));
        }
    }

    /** Copies {@code count} elements from {@code source} into {@code target} from {@code from}; returns when they are there. */
    void download(CUdeviceptr source, HostArray target, int from, int count) {
        int perChunk = (int) (CHUNK_BYTES / target.elementBytes());
        int chunks = Math.ceilDiv(count, perChunk);
        if (chunks == 0) {
            return;
        }
        enqueueDownload(source, target, 0, perChunk, count);
        for (int c = 0; c < chunks; c++) {
            if (c + 1 < chunks) {
                enqueueDownload(source, target, c + 1, perChunk, count);   // the device copies the next chunk meanwhile
            }
            int b = c & 1;
            waitFor(b);
            int done = c * perChunk;
            long start = System.nanoTime();
            copier.fromPinned(buffer(b), target, from + done, Math.min(perChunk, count - done));
            timeline.addHostCopy(System.nanoTime() - start);
        }
    }

    private void enqueueDownload(CUdeviceptr source, HostArray target, int chunk, int perChunk, int count) {
        int b = chunk & 1;
        buffer(b);
        waitFor(b);
        int done = chunk * perChunk;
        long bytes = target.bytes(Math.min(perChunk, count - done));
        CUdeviceptr from = source.withByteOffset(target.bytes(done));
        busyUntil[b] = timeline.around(Timeline.Phase.TO_HOST, bytes, "copy back",
            () -> JCudaDriver.cuMemcpyDtoHAsync(host[b], from, bytes, stream));
    }

    private void waitFor(int b) {
        if (busyUntil[b] != null) {
            JCudaDriver.cuEventSynchronize(busyUntil[b]);
            busyUntil[b] = null;
        }
    }

    private ByteBuffer buffer(int b) {
        if (host[b] == null) {
            Pointer p = new Pointer();
            JCudaDriver.cuMemHostAlloc(p, CHUNK_BYTES, 0);
            host[b] = p;
            view[b] = p.getByteBuffer(0, CHUNK_BYTES);
        }
        return view[b];
    }

    /** After a finished timeline: nothing is in flight any more. */
    void settle() {
        busyUntil[0] = null;
        busyUntil[1] = null;
    }

    void close() {
        copier.close();
        for (int b = 0; b < 2; b++) {
            if (host[b] != null) {
                JCudaDriver.cuMemFreeHost(host[b]);
                host[b] = null;
                view[b] = null;
            }
        }
    }
}
