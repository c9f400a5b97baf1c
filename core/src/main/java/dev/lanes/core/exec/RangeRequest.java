package dev.lanes.core.exec;

import java.io.Serializable;

/**
 * What a member is asked to do: run blocks {@code [firstBlock, endBlock)} of the stage at
 * {@code address} (after the task's prerequisites) on its own SIMD and threads.
 */
public record RangeRequest(StageAddress address, int firstBlock, int endBlock) implements Serializable {
}
