package dev.lanes.core.result;

import java.util.List;

/**
 * What a partial result of {@code --shard K/N} holds: which share of the workload's units it
 * ran, and where each of its points stands in a whole run's order, so {@code lanes merge}
 * can put the shards' points back in the order one run makes them.
 *
 * @param index      K, from 1
 * @param count      N
 * @param units      how many units the workload has (a measured stage at a sweep point, with its thread counts)
 * @param own        the indexes of the units this shard ran
 * @param positions  one per point of the result, in its order: the point's place in a whole run
 * @param concurrent one per concurrent point of the result: its sweep point's index
 * @param cutsBlocks {@code --shard-by blocks}: the shard ran every unit, each stage over its part of the blocks
 * @param specText   cutting blocks, the spec's text, from which the merge binds each stage again to check the joined
 *                   output; {@code null} otherwise
 * @param slices     cutting blocks, one per point measured over a part of its blocks; empty otherwise
 */
public record ShardInfo(int index, int count, int units, List<Integer> own, List<Integer> positions,
                        List<Integer> concurrent, boolean cutsBlocks, String specText, List<BlockSlice> slices) {

    public ShardInfo {
        own = List.copyOf(own);
        positions = List.copyOf(positions);
        concurrent = List.copyOf(concurrent);
        slices = List.copyOf(slices);
    }

    /** "2/4". */
    public String label() {
        return index + "/" + count;
    }
}
