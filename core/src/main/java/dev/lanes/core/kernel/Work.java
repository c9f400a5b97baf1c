package dev.lanes.core.kernel;

/**
 * What one execution of a stage must do, from its sizes: the cost model and throughput
 * figures use it.
 *
 * @param elements    elements processed (for elements/s)
 * @param flops       floating-point operations (an FMA counts 2)
 * @param bytesMoved  the fewest bytes that must move to and from memory: each input read
 *                    once, each output written once
 */
public record Work(long elements, double flops, double bytesMoved) {
}
