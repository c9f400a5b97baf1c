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
    private long[] roundTripNanos = new long[0];
    /** Each member's longest set-up (spec loaded, inputs made, stage bound), in the warm-up. */
    private final java.util.Map<Integer, Long> setupNanos = new java.util.HashMap<>();

    private long formationNanos;

    void formation(long nanos) {
        formationNanos = nanos;
    }

    /** How long the driver took to join the cluster, before the run. */
    public long formationNanos() {
        return formationNanos;
    }

    void roundTrips(long[] nanos) {
        roundTripNanos = nanos.clone();
    }

    /** Each member's median ping round trip, measured before the warm-up. */
    public long[] roundTripNanos() {
        return roundTripNanos.clone();
    }

    void setup(int member, long nanos) {
        setupNanos.merge(member, nanos, Math::max);
    }

    /** A member's set-up for this stage at this point: before any measured sample; 0 when it had the stage already. */
    public long setupNanos(int member) {
        return setupNanos.getOrDefault(member, 0L);
    }

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

    /** Forgets the warm-up's executions (not the round trips or the set-up, which come before them). */
    public void clear() {
        executions.clear();
        current = null;
    }
}
