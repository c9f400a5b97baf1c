package dev.lanes.core.exec;

/**
 * One way to run a stage: a backend, the single-thread accelerator whose chunk functions
 * do the work, and the thread count ({@code THREADS} runs its inner accelerator's
 * functions on every thread).
 */
public record Implementation(Backend backend, Accelerator inner, int threads) {

    /** e.g. "simd", "threads(simd)", "threads(scalar)". */
    public String label() {
        return backend == Backend.THREADS ? "threads(" + inner.backend().label() + ")" : backend.label();
    }
}
