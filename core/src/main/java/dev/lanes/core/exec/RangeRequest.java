package dev.lanes.core.exec;

import java.io.Serializable;

/**
 * What a member is asked to do: run blocks {@code [firstBlock, endBlock)} of the stage at
 * {@code address} (after the task's prerequisites) on its own SIMD and threads; with no
 * address, only answer (a ping, which times the dispatch's round trip).
 */
public record RangeRequest(StageAddress address, int firstBlock, int endBlock) implements Serializable {

    public static RangeRequest ping() {
        return new RangeRequest(null, 0, 0);
    }

    public boolean isPing() {
        return address == null;
    }
}
