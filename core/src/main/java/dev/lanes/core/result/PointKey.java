package dev.lanes.core.result;

import java.util.List;

/**
 * What identifies a stage point within a run, and across runs (a comparison pairs points by it).
 *
 * @param point   the sweep values of the point, in the order of the spec's sweep axes (empty without a sweep)
 * @param backend what ran it: scalar, simd, threads or gpu (the words of a spec's {@code backend})
 * @param inner   the single-thread code inside: for threads, simd or scalar; otherwise the backend itself
 * @param threads threads that ran it
 */
public record PointKey(String stage, List<PointParam> point, String backend, String inner, int threads) {

    public PointKey {
        point = List.copyOf(point);
    }

    /** e.g. "simd", "threads(simd)": the backend column of every format. */
    public String label() {
        return label(backend, inner);
    }

    /** The backend column for a backend and its inner code: "threads(simd)" for threads, the backend otherwise. */
    public static String label(String backend, String inner) {
        return backend.equals("threads") ? "threads(" + inner + ")" : backend;
    }

    /** e.g. "simd", "threads(simd) x2". */
    public String labelWithThreads() {
        return backend.equals("threads") ? label() + " x" + threads : label();
    }

    /** The same stage point on another implementation or thread count. */
    public boolean samePoint(PointKey other) {
        return stage.equals(other.stage) && point.equals(other.point);
    }
}
