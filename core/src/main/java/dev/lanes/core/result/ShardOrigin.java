package dev.lanes.core.result;

/**
 * One shard of a merged result ({@code lanes merge}): when and where it ran. The shards of a
 * job array may run on different machines, and their figures are then each that machine's.
 */
public record ShardOrigin(int index, String startedAt, Machine machine) {
}
