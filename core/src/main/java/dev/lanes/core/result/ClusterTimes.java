package dev.lanes.core.result;

import java.util.List;

/**
 * A point run on the distributed backend: what each member did, and what the dispatch cost.
 *
 * @param members            in the order the blocks were cut: member i ran the i-th contiguous range
 * @param communicationNanos median over the samples of the sample's time less its slowest member's compute:
 *                           requests out, replies back, decoding and the fold
 * @param sharedHost         the members run on one host, sharing its cores and memory: their times are no speedup
 * @param formationNanos     the driver's joining of the cluster, before the run and in no sample
 * @param apart              the "members" are shards of {@code --shard-by blocks} joined by {@code lanes merge}: they ran
 *                           apart (when a scheduler started them), nothing travelled between them, and the point's time
 *                           is its slowest shard's part
 */
public record ClusterTimes(List<MemberWork> members, long communicationNanos, boolean sharedHost, long formationNanos,
                           boolean apart) {

    public ClusterTimes {
        members = List.copyOf(members);
    }

    /**
     * One member's share.
     *
     * @param computeNanos median over the samples of its time from its prerequisites' start to its last block's end
     * @param bytesOut     the request sent to it, per sample
     * @param bytesIn      its reply (partials or the output part it wrote), per sample
     * @param roundTripNanos median of a request that does no work, measured before the warm-up: one dispatch's cost
     * @param setupNanos   its loading of the spec, making of the inputs and binding of the stage, in the warm-up; 0
     *                     when it had the stage bound from an earlier measurement
     */
    public record MemberWork(String member, long pid, String host, int firstBlock, int endBlock, long elements,
                             long computeNanos, long bytesOut, long bytesIn, long roundTripNanos, long setupNanos) {
    }

    /** Slowest member's compute ÷ the mean member's: 1 is a perfect balance. */
    public double imbalance() {
        double max = members.stream().mapToLong(MemberWork::computeNanos).max().orElse(0);
        double mean = members.stream().mapToLong(MemberWork::computeNanos).average().orElse(0);
        return mean == 0 ? 1 : max / mean;
    }
}
