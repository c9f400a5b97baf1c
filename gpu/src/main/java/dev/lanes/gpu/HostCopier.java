package dev.lanes.gpu;

import dev.lanes.core.exec.WorkerPool;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Copies between JVM arrays and pinned memory on several threads: one core copies about
 * 8 GB/s, less than a PCIe 4 or 5 link carries, so a single-threaded copy into the staging
 * buffer would be what limits every transfer. Small copies stay on the calling thread.
 */
final class HostCopier implements AutoCloseable {
    /** Below this a copy is not worth waking helpers for (it takes about 100 µs on one core). */
    static final long PARALLEL_BYTES = 1L << 20;
    /** Copies on at most this many threads: enough to pass PCIe 5 without taking the machine. */
    static final int MAX_THREADS = 4;

    private final WorkerPool pool;

    HostCopier(int processors) {
        pool = new WorkerPool(Math.clamp(processors / 2, 1, MAX_THREADS));
    }

    void toPinned(HostArray array, int from, int count, ByteBuffer pinned) {
        split(array, count, (at, n) -> array.copyTo(pinned, at, from + at, n));
    }

    void fromPinned(ByteBuffer pinned, HostArray array, int from, int count) {
        split(array, count, (at, n) -> array.copyFrom(pinned, at, from + at, n));
    }

    /** A part of a copy: {@code n} elements starting {@code at} elements in. */
    interface Part {
        void copy(int at, int n);
    }

    private void split(HostArray array, int count, Part part) {
        int parts = parts(array.bytes(count), pool.threads());
        if (parts == 1) {
            part.copy(0, count);
            return;
        }
        AtomicInteger next = new AtomicInteger();
        pool.runOnAll(() -> {
            for (int p = next.getAndIncrement(); p < parts; p = next.getAndIncrement()) {
                int start = bound(count, parts, p);
                part.copy(start, bound(count, parts, p + 1) - start);
            }
        });
    }

    /** How many parts a copy of {@code bytes} is cut into. */
    static int parts(long bytes, int threads) {
        return bytes < PARALLEL_BYTES ? 1 : threads;
    }

    /** Where part {@code p} of {@code parts} begins: the parts tile [0, count) without gaps. */
    static int bound(int count, int parts, int p) {
        return (int) ((long) count * p / parts);
    }

    @Override
    public void close() {
        pool.close();
    }
}
