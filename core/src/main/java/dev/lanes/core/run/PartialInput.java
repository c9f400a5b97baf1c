package dev.lanes.core.run;

import dev.lanes.core.exec.BlockExecutor;
import dev.lanes.core.exec.BlockTask;
import dev.lanes.core.exec.WorkerPool;

import java.util.BitSet;

/**
 * An input a member makes part by part: a data stage whose blocks are each a function of the
 * spec and their place ({@code generate}), bound with its output allocated and made only
 * where a range of the reading stage's blocks needs it. The blocks made are the data stage's
 * own, so every element made is the element a whole run makes.
 */
final class PartialInput<O> {
    private final BlockTask<O, ?> task;
    private final O ops;
    private final BitSet made = new BitSet();
    private long elementsMade;

    PartialInput(BlockTask<O, ?> task, O ops) {
        this.task = task;
        this.ops = ops;
    }

    /** Makes the data stage's blocks that hold elements {@code [from, to)} and are not made yet. */
    void make(long from, long to, WorkerPool pool) {
        int size = task.blockSize();
        int first = (int) (Math.max(0, from) / size);
        int end = (int) Math.min(Math.ceilDiv(Math.min(to, task.length()), (long) size), Math.ceilDiv(task.length(), size));
        for (int b = made.nextClearBit(first); b < end; b = made.nextClearBit(b)) {
            int next = made.nextSetBit(b);                    // the missing run ends where a made block starts
            int stop = next < 0 ? end : Math.min(end, next);
            BlockExecutor.runRange(task, ops, pool, b, stop);
            made.set(b, stop);
            elementsMade += Math.min((long) stop * size, task.length()) - (long) b * size;
        }
    }

    /** Elements made so far. */
    long elementsMade() {
        return elementsMade;
    }
}
