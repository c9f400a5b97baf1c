package dev.lanes.core.exec;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;

/**
 * The platform threads of one thread count: a dedicated {@link ForkJoinPool} of
 * {@code threads − 1} workers, the calling thread being the last one. Never the common
 * pool (other code shares it) and never virtual threads (the work is CPU-bound).
 */
public final class WorkerPool implements AutoCloseable {
    private final int threads;
    private final ForkJoinPool pool;

    public WorkerPool(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
        this.pool = threads == 1 ? null : new ForkJoinPool(threads - 1, p -> {
            ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
            t.setName("lanes-" + threads + "-worker-" + t.getPoolIndex());
            return t;
        }, null, false);
    }

    /** Threads that take part, the caller included. */
    public int threads() {
        return threads;
    }

    /** The helper threads; {@code null} for one thread. */
    ForkJoinPool helpers() {
        return pool;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
