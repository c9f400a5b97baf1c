package dev.lanes.core.exec;

import java.util.ArrayList;
import java.util.List;

/**
 * What each member did in each sample of a distributed measurement, as {@link RemoteBlocks}
 * saw it: which blocks, how long the member computed, and the bytes each way. The runner
 * turns it into the point's per-member figures. Used by the sampler's one thread.
 */
public final class ClusterLedger {
    /** One member's share of one execution. */
    public record Share(int member, Cluster.Member who, int firstBlock, int endBlock, long elements, long computeNanos,
                        long bytesOut, long bytesIn, long pid) {
    }

    private final List<List<Share>> executions = new ArrayList<>();
    private List<Share> current;

    void begin() {
        current = new ArrayList<>();
        executions.add(current);
    }

    void add(Share share) {
        current.add(share);
    }

    /** Every execution's shares since the last clear, in order. */
    public List<List<Share>> executions() {
        return List.copyOf(executions);
    }

    /** Forgets the warm-up's executions. */
    public void clear() {
        executions.clear();
        current = null;
    }
}
