package dev.lanes.core.result;

/**
 * What a shard of {@code --shard-by blocks} ran of one stage point: blocks {@code [firstBlock,
 * endBlock)} of its {@code blocks}, and their answer, which {@code lanes merge} folds with the
 * other shards' in block order into the output one machine makes.
 *
 * @param result     the index, in the shard's result, of the point measured over these blocks
 * @param sweepPoint the sweep point's index in the spec
 * @param elements   the whole stage's elements per execution (the point holds the slice's share)
 * @param flops      the whole stage's floating-point operations
 * @param bytesMoved the whole stage's bytes moved
 * @param reply      the blocks' partials or written part of the output, encoded as members answer a driver
 */
public record BlockSlice(int result, int sweepPoint, String stage, int firstBlock, int endBlock, int blocks, long elements,
                         double flops, double bytesMoved, byte[] reply) {
}
