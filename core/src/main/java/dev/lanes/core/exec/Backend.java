package dev.lanes.core.exec;

import java.util.Locale;

/** The ways a stage can execute. */
public enum Backend {
    /** Plain Java loops: the reference's speed. */
    SCALAR,
    /** The Java Vector API on one thread. */
    SIMD,
    /** Several threads, each running the best single-thread implementation (SIMD where usable). */
    THREADS,
    /** CUDA through JCuda. */
    GPU;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
