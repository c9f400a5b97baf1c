package dev.lanes.core.exec;

import dev.lanes.core.data.Value;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a {@link BlockTask} on one thread or on a {@link WorkerPool}. The blocks are
 * grouped into contiguous runs, about {@value #GROUPS_PER_THREAD} per thread, that the
 * pool's threads (the caller among them) claim dynamically; each group keeps its block partials
 * in its own array, and the caller folds every partial in block order, so the result is
 * bit-for-bit the same for every thread count and schedule. A task that joins blocks
 * ({@link BlockTask#joinsBlocks}) gets one call per group instead.
 */
public final class BlockExecutor {
    static final int GROUPS_PER_THREAD = 4;

    private BlockExecutor() {
    }

    /** Runs every block in order on the calling thread, after the task's prerequisites. */
    public static <O, P> Value runSequential(BlockTask<O, P> task, O ops) {
        return runSequential(task, ops, null);
    }

    /** As {@link #runSequential(BlockTask, Object)}, timing the named phases on {@code clock} (when not null). */
    public static <O, P> Value runSequential(BlockTask<O, P> task, O ops, PhaseClock clock) {
        if (task.prerequisite() != null) {
            runSequential(task.prerequisite(), ops, clock);
        }
        boolean timed = clock != null && task.phase() != null;
        long start = timed ? System.nanoTime() : 0;
        Value result = foldSequential(task, ops);
        if (timed) {
            clock.add(task.phase(), System.nanoTime() - start);
        }
        return result;
    }

    /**
     * Runs the whole range as one block, after the task's prerequisites: how a device runs a
     * task, with one launch over all the data instead of one per block. A device's chunk
     * functions are written for any range, so this computes the same function; only the
     * grouping of a reduction's terms differs, within the bound its kernel states.
     */
    public static <O, P> Value runWhole(BlockTask<O, P> task, O ops) {
        if (task.prerequisite() != null) {
            runWhole(task.prerequisite(), ops);
        }
        return task.result(task.combine(task.identity(), task.block(ops, 0, task.length())));
    }

    /**
     * Runs blocks {@code [firstBlock, endBlock)} over the pool (after the task's prerequisites,
     * whole) and gives each block's partial in block order, unfolded: the caller folds them with
     * other ranges' in block order ({@link #fold}), so a range split over machines gives the
     * bits one machine gives.
     */
    public static <O, P> java.util.List<P> runRange(BlockTask<O, P> task, O ops, WorkerPool pool, int firstBlock, int endBlock) {
        if (task.prerequisite() != null) {
            run(task.prerequisite(), ops, pool);
        }
        int n = task.length();
        int block = task.blockSize();
        int blocks = endBlock - firstBlock;
        Object[] partials = new Object[blocks];
        int groups = Math.max(1, Math.min(blocks, pool.threads() * GROUPS_PER_THREAD));
        AtomicInteger nextGroup = new AtomicInteger();
        Runnable worker = () -> {
            for (int g = nextGroup.getAndIncrement(); g < groups; g = nextGroup.getAndIncrement()) {
                int first = firstBlock + (int) ((long) g * blocks / groups);
                int end = firstBlock + (int) ((long) (g + 1) * blocks / groups);
                for (int b = first; b < end; b++) {
                    int from = b * block;
                    partials[b - firstBlock] = task.block(ops, from, Math.min(n, from + block));
                }
            }
        };
        if (pool.threads() == 1 || blocks <= 1) {
            worker.run();
        } else {
            pool.runOnAll(worker);
        }
        @SuppressWarnings("unchecked")
        java.util.List<P> list = (java.util.List<P>) java.util.Arrays.asList(partials);
        return list;
    }

    /** The task's output from every block's partial, folded left to right in block order, as every run folds them. */
    public static <O, P> Value fold(BlockTask<O, P> task, java.util.List<P> partials) {
        P total = task.identity();
        for (P p : partials) {
            total = task.combine(total, p);
        }
        return task.result(total);
    }

    private static <O, P> Value foldSequential(BlockTask<O, P> task, O ops) {
        int n = task.length();
        int block = task.blockSize();
        if (task.joinsBlocks()) {
            return task.result(task.combine(task.identity(), task.block(ops, 0, n)));
        }
        P total = task.identity();
        for (int from = 0; from < n; from += block) {
            total = task.combine(total, task.block(ops, from, Math.min(n, from + block)));
        }
        return task.result(total);
    }

    /** Runs the task over the pool's threads, the caller included. */
    public static <O, P> Value run(BlockTask<O, P> task, O ops, WorkerPool pool) {
        return run(task, ops, pool, null);
    }

    /**
     * As {@link #run(BlockTask, Object, WorkerPool)}, adding each worker's time in blocks to
     * {@code busy} (when not null): two clock reads per claimed group, a few per thread.
     */
    public static <O, P> Value run(BlockTask<O, P> task, O ops, WorkerPool pool, WorkerBusy busy) {
        return run(task, ops, pool, busy, null);
    }

    /** As {@link #run(BlockTask, Object, WorkerPool, WorkerBusy)}, timing the named phases on {@code clock} (when not null). */
    public static <O, P> Value run(BlockTask<O, P> task, O ops, WorkerPool pool, WorkerBusy busy, PhaseClock clock) {
        if (task.prerequisite() != null) {
            run(task.prerequisite(), ops, pool, busy, clock);
        }
        boolean timed = clock != null && task.phase() != null;
        long start = timed ? System.nanoTime() : 0;
        Value result = runBlocks(task, ops, pool, busy);
        if (timed) {
            clock.add(task.phase(), System.nanoTime() - start);
        }
        return result;
    }

    private static <O, P> Value runBlocks(BlockTask<O, P> task, O ops, WorkerPool pool, WorkerBusy busy) {
        int n = task.length();
        int block = task.blockSize();
        int blocks = Math.ceilDiv(n, block);
        if (pool.threads() == 1 || blocks <= 1) {
            return foldSequential(task, ops);
        }
        int groups = Math.min(blocks, pool.threads() * GROUPS_PER_THREAD);
        Object[][] partials = new Object[groups][];
        AtomicInteger nextGroup = new AtomicInteger();
        AtomicInteger nextWorker = new AtomicInteger();
        long[] busyNanos = new long[pool.threads()];
        Runnable worker = () -> {
            int me = nextWorker.getAndIncrement();
            long mine = 0;
            for (int g = nextGroup.getAndIncrement(); g < groups; g = nextGroup.getAndIncrement()) {
                long start = System.nanoTime();
                int firstBlock = (int) ((long) g * blocks / groups);
                int endBlock = (int) ((long) (g + 1) * blocks / groups);
                Object[] blockPartials;
                if (task.joinsBlocks()) {
                    blockPartials = new Object[] {task.block(ops, firstBlock * block, Math.min(n, endBlock * block))};
                } else {
                    blockPartials = new Object[endBlock - firstBlock];
                    for (int b = firstBlock; b < endBlock; b++) {
                        int from = b * block;
                        blockPartials[b - firstBlock] = task.block(ops, from, Math.min(n, from + block));
                    }
                }
                partials[g] = blockPartials;
                mine += System.nanoTime() - start;
            }
            busyNanos[me] = mine;               // each worker writes its own slot once
        };
        pool.runOnAll(worker);
        if (busy != null) {
            busy.add(busyNanos);
        }
        P total = task.identity();
        for (Object[] group : partials) {
            for (Object partial : group) {
                @SuppressWarnings("unchecked")
                P p = (P) partial;
                total = task.combine(total, p);
            }
        }
        return task.result(total);
    }
}
