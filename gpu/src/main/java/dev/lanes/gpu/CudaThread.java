package dev.lanes.gpu;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The one platform thread that owns the CUDA context: a context is current per thread, so
 * every JCuda call runs here, whichever thread (runner, test, trial) asks for it. A call
 * made from this thread runs directly.
 */
final class CudaThread {
    private final ExecutorService executor;
    private volatile Thread owner;

    CudaThread() {
        executor = Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(task, "lanes-cuda");
            t.setDaemon(true);       // a run that ends without closing the device must not hang the JVM
            owner = t;
            return t;
        });
    }

    /** Runs {@code work} on the owner thread and returns its result, or rethrows what it threw. */
    <T> T call(Callable<T> work) {
        if (Thread.currentThread() == owner) {
            return callHere(work);
        }
        Future<T> future = executor.submit(work);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    // The device work cannot be abandoned half-way (the stream would hold it);
                    // finish it, then pass the interrupt on to the runner, which stops.
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }

    private static <T> T callHere(Callable<T> work) {
        try {
            return work.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
