package dev.lanes.core.exec;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The platform threads of one thread count: {@code threads − 1} helpers plus the calling
 * thread, running one job at a time on all of them (never the common pool, which other code
 * shares, and never virtual threads: the work is CPU-bound).
 *
 * <p>Why not a ForkJoinPool: its idle workers park, so every kernel call pays a wake-up
 * (tens of µs), a fifth of the time of an in-cache 1M-element reduction. Like OpenMP's
 * runtime, helpers here spin for a while after a job before they yield and finally park,
 * so back-to-back calls start in about a microsecond. They park when idle longer, so an
 * idle pool costs nothing.
 */
public final class WorkerPool implements AutoCloseable {
    /** How long an idle helper spins before it yields, then parks. */
    private static final long SPIN_NANOS = 200_000;
    private static final long YIELD_NANOS = 2_000_000;

    private final int threads;
    private final Thread[] helpers;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile Runnable job;
    private volatile long generation;
    private volatile boolean closed;

    public WorkerPool(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
        this.helpers = new Thread[threads - 1];
        for (int i = 0; i < helpers.length; i++) {
            helpers[i] = Thread.ofPlatform().daemon().name("lanes-" + threads + "-worker-" + (i + 1)).unstarted(this::helperLoop);
            helpers[i].start();
        }
    }

    /** Threads that take part, the caller included. */
    public int threads() {
        return threads;
    }

    /**
     * Runs {@code task} once on every thread of the pool, the caller included, and returns
     * when all have finished. The task shares out the work itself. A failure on any thread
     * is rethrown here.
     */
    public void runOnAll(Runnable task) {
        if (closed) {
            throw new IllegalStateException("the worker pool is closed");
        }
        failure.set(null);
        job = task;
        running.set(helpers.length);
        generation++;                       // volatile write: publishes the job to the helpers
        for (Thread helper : helpers) {
            LockSupport.unpark(helper);
        }
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            failure.compareAndSet(null, e);
        }
        awaitHelpers();
        Throwable t = failure.getAndSet(null);
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error err) {
            throw err;
        }
    }

    private void awaitHelpers() {
        long start = System.nanoTime();
        while (running.get() > 0) {
            long waited = System.nanoTime() - start;
            if (waited < SPIN_NANOS) {
                Thread.onSpinWait();
            } else if (waited < YIELD_NANOS) {
                Thread.yield();
            } else {
                LockSupport.parkNanos(50_000);
            }
        }
    }

    private void helperLoop() {
        long seen = 0;
        while (true) {
            long idleSince = System.nanoTime();
            long g;
            while ((g = generation) == seen && !closed) {
                long idle = System.nanoTime() - idleSince;
                if (idle < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else if (idle < YIELD_NANOS) {
                    Thread.yield();
                } else {
                    LockSupport.park(this);     // runOnAll unparks; a permit given before parking is kept
                }
            }
            if (closed) {
                return;
            }
            seen = g;
            try {
                job.run();
            } catch (RuntimeException | Error e) {
                failure.compareAndSet(null, e);
            } finally {
                running.decrementAndGet();
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Thread helper : helpers) {
            LockSupport.unpark(helper);
        }
    }
}
