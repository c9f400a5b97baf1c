package dev.lanes.core.exec;

import dev.lanes.core.data.Value;

/**
 * A data-parallel computation written once as a chunk function: the index range
 * {@code [0, length)} is cut into fixed blocks of {@link #blockSize()} elements, each
 * block yields a partial, and partials are folded left to right with an associative
 * {@link #combine}. Because the blocks and the fold order do not depend on the thread
 * count, every backend and thread count computes the same function.
 *
 * @param <O> the ops interface whose chunk functions do the work (e.g. {@link ArrayOps})
 * @param <P> the partial result of a block
 */
public interface BlockTask<O, P> {

    Class<O> opsType();

    int length();

    /** Elements per block, a multiple of 64 so block edges fall on cache lines and vector lengths. */
    int blockSize();

    /** The partial of an empty range. */
    P identity();

    /** The partial of {@code [from, to)}, computed with {@code ops}. */
    P block(O ops, int from, int to);

    /** Associative: combine(combine(a, b), c) = combine(a, combine(b, c)) up to rounding. */
    P combine(P left, P right);

    /** The stage's output from the fold of all partials. */
    Value result(P total);

    /**
     * True when one call over several consecutive blocks computes exactly what calls over each
     * would, and is better for it: a task that only writes its output (no partial to keep per
     * block) whose calls reuse something over their whole range (a product's packed B, over
     * more rows of A). The executor then calls it once per group of blocks a thread claims, and
     * once over the whole range on one thread. False (the default) where the block size is
     * itself a choice of the task's, e.g. a cache blocking.
     */
    default boolean joinsBlocks() {
        return false;
    }

    /**
     * A task that must finish before this one's blocks start, run the same way (same ops,
     * same threads) and timed with it: e.g. packing a matrix that every block then reads.
     * {@code null} when there is none.
     */
    default BlockTask<O, ?> prerequisite() {
        return null;
    }

    /**
     * The name of the part of the stage this task is, when the stage reports its parts'
     * times apart (a training step's "reduce+update"); {@code null} when it does not. A task
     * with a name is timed apart from its prerequisites.
     */
    default String phase() {
        return null;
    }

    /**
     * The output elements that blocks {@code [from, to)} write, for a task whose blocks write
     * disjoint contiguous parts of its output array: a member of the distributed backend
     * sends those back. {@code null} for a task that yields partials instead, or writes in
     * another way (then its blocks cannot travel).
     */
    default Written written(int from, int to) {
        return null;
    }

    /** Elements {@code [from, to)} of a task's output array. */
    record Written(long from, long to) {
    }

    /**
     * The elements of its inputs that blocks {@code [from, to)} read, the same span of each
     * input (a task whose inputs are read alike: a reduction over them, rows of an image and
     * their neighbours); {@code null} when it is not known, or a task reads its inputs in
     * another way. A distributed member then makes only those parts of the inputs it can make
     * alone. A task that says so must not read its inputs before its blocks run.
     */
    default Written reads(int from, int to) {
        return null;
    }

    /** Restores inputs that the task updates in place, so every sample does the same work. Not timed. */
    default void reset() {
    }

    /**
     * True when the task writes one of its inputs (and {@link #reset} restores it): a device
     * holding a copy of that input must then copy it again.
     */
    default boolean updatesInPlace() {
        return false;
    }

    /** Told before a measurement how many threads will run it (a command's {@code {threads}}); most tasks need not know. */
    default void runsOn(int threads) {
    }

    /**
     * True when the task starts processes: the sampler then also takes the CPU time of the
     * processes that ended during each sample (user and system, from the kernel's accounts).
     */
    default boolean spawnsProcesses() {
        return false;
    }

    /**
     * The user and system CPU time of the processes this task started and waited for since the
     * last call, when it measures them itself (from each process's own accounts); {@code null}
     * when it does not, and the sampler then reads the JVM's totals for its ended children.
     */
    default long[] takeProcessCpu() {
        return null;
    }
}
