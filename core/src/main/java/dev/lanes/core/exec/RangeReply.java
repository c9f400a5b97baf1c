package dev.lanes.core.exec;

import java.io.Serializable;
import java.util.List;

/**
 * A member's answer to a {@link RangeRequest}: each block's partial in block order (a
 * reduction's), or the part of the output its blocks wrote (an array task's), and what the
 * work cost it.
 *
 * @param pid          the member JVM's process id
 * @param host         its host name
 * @param computeNanos from the start of its prerequisites to its last block's end, on the member's clock
 * @param partials     a reduction's block partials, in block order; empty for an array task
 * @param sliceFrom    the first output element {@code slice} holds; -1 when there is none
 * @param slice        the output elements its blocks wrote (a {@code float[]}, {@code double[]} or {@code long[]})
 * @param setupNanos   loading the spec, making the stage's inputs and binding it, when this request did (the first
 *                     for a stage at a point, in the warm-up), or making the parts of its generated inputs this range
 *                     reads that no earlier one did; 0 when the member had all it needed
 */
public record RangeReply(long pid, String host, int firstBlock, int endBlock, long computeNanos, List<Object> partials,
                         long sliceFrom, Object slice, long setupNanos) implements Serializable {

    /** The answer to a ping: who answered, nothing done. */
    public static RangeReply pong(long pid, String host) {
        return new RangeReply(pid, host, 0, 0, 0, new java.util.ArrayList<>(), -1, null, 0);
    }
}
