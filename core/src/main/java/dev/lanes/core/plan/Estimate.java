package dev.lanes.core.plan;

import dev.lanes.core.exec.Backend;

/**
 * The cost model's time for one candidate and what bounds it.
 *
 * @param inner  the single-thread backend whose code runs (SIMD or SCALAR)
 * @param bound  "memory", "compute" or "overhead": the largest term
 */
public record Estimate(Backend backend, Backend inner, int threads, double nanos, String bound, double computeNanos,
                       double memoryNanos, double overheadNanos) {

    /** e.g. "simd", "threads(simd) x2". */
    public String label() {
        return backend == Backend.THREADS
            ? "threads(" + inner.label() + ") x" + threads
            : backend.label();
    }
}
