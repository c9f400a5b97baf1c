package dev.lanes.core.exec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

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
    GPU,
    /** The blocks spread over lanes members in other JVMs, each running them with its own SIMD and threads (Hazelcast). */
    DISTRIBUTED;

    /** The word specs, results and plans all use: "scalar", "simd", "threads", "gpu". */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** From a label; upper case too, as wisdom files written before labels were used have it. */
    @JsonCreator
    public static Backend of(String label) {
        return valueOf(label.strip().toUpperCase(Locale.ROOT));
    }
}
