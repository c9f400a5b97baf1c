package dev.lanes.core.exec;

/**
 * Chunk functions of the sort kernel, on 64-bit keys whose signed order is the order wanted
 * (the kernel maps f64 to such keys, see {@code SortKeys}). A chunk is sorted on its own;
 * sorted runs are then merged pairwise, each thread writing its own range of output ranks.
 */
public interface SortOps {

    /** Sorts {@code keys[from, to)} ascending, using {@code scratch[from, to)} as room to work. */
    void sort(long[] keys, long[] scratch, int from, int to);

    /**
     * Writes output ranks {@code [outFrom, outTo)} (absolute positions in {@code [lo, hi)}) of
     * the stable merge of the sorted runs {@code src[lo, mid)} and {@code src[mid, hi)} to
     * {@code dst[outFrom, outTo)}; ties come from the left run first.
     */
    void merge(long[] src, int lo, int mid, int hi, long[] dst, int outFrom, int outTo);
}
