package dev.lanes.core.exec;

import java.util.ArrayList;
import java.util.List;

/**
 * Blocks {@code [firstBlock, endBlock)} of a task run on a pool and answered as a
 * {@link RangeReply}: each block's partial (a reduction's), or the output elements the blocks
 * wrote (an array task's). A distributed member answers its driver so; a shard of
 * {@code --shard-by blocks} keeps the same answer for {@code lanes merge}.
 */
public final class RangeRun {
    private RangeRun() {
    }

    /**
     * @param pid   the process that ran it, for the report
     * @param host  its host name
     * @param setup what binding the stage cost before this run, 0 when it was bound already
     */
    public static <O, P> RangeReply run(BlockTask<O, P> task, O ops, WorkerPool pool, int firstBlock, int endBlock, long pid,
                                        String host, long setup) {
        long start = System.nanoTime();
        List<P> partials = BlockExecutor.runRange(task, ops, pool, firstBlock, endBlock);
        return reply(task, firstBlock, endBlock, partials, System.nanoTime() - start, pid, host, setup);
    }

    /**
     * The answer for blocks {@code [firstBlock, endBlock)} once they ran: their partials, or the part of the task's
     * output they wrote, copied out.
     */
    public static <O, P> RangeReply reply(BlockTask<O, P> task, int firstBlock, int endBlock, List<P> partials, long compute,
                                          long pid, String host, long setup) {
        if (task.identity() != null) {
            return new RangeReply(pid, host, firstBlock, endBlock, compute, new ArrayList<>(partials), -1, null, setup);
        }
        int n = task.length();
        BlockTask.Written first = task.written(firstBlock * task.blockSize(),
            Math.min(n, firstBlock * task.blockSize() + task.blockSize()));
        BlockTask.Written last = task.written((endBlock - 1) * task.blockSize(), Math.min(n, endBlock * task.blockSize()));
        Object slice = RemoteBlocks.slice(task.result(null), first.from(), last.to());
        return new RangeReply(pid, host, firstBlock, endBlock, compute, new ArrayList<>(), first.from(), slice, setup);
    }

    /** The {@code share}-th (from 0) of {@code shares} contiguous block ranges, as members and shards are given them. */
    public static int[] share(int blocks, int share, int shares) {
        return new int[] {(int) ((long) share * blocks / shares), (int) ((long) (share + 1) * blocks / shares)};
    }

    /** How many blocks a task's range has. */
    public static int blocks(BlockTask<?, ?> task) {
        return Math.ceilDiv(task.length(), task.blockSize());
    }
}
