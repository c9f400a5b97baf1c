package dev.lanes.core.exec;

import java.util.Arrays;

/**
 * Each worker's time in blocks over the threaded executions of a measurement, for load
 * balance. Workers claim groups of blocks dynamically, so which worker was busiest changes
 * from one execution to the next: each execution's busy times are sorted, busiest first,
 * and summed by rank. Single-threaded executions add nothing. Used by one measuring
 * thread at a time.
 */
public final class WorkerBusy {
    private long[] byRank = new long[0];

    /** Adds one execution's busy time per worker, in any order. */
    void add(long[] busyNanos) {
        long[] sorted = busyNanos.clone();
        Arrays.sort(sorted);
        if (byRank.length < sorted.length) {
            byRank = Arrays.copyOf(byRank, sorted.length);
        }
        for (int i = 0; i < sorted.length; i++) {
            byRank[i] += sorted[sorted.length - 1 - i];
        }
    }

    /** Busy nanoseconds by rank, busiest first; empty when no execution ran threaded. */
    public long[] byRank() {
        return byRank.clone();
    }

    public void clear() {
        byRank = new long[0];
    }
}
