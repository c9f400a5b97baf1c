package dev.lanes.core.result;

/**
 * How evenly a threaded point's workers shared its work, from each worker's time in
 * blocks.
 *
 * @param imbalance max ÷ mean of the workers' busy time (1 is perfect balance)
 * @param idleShare share of the threads' wall time (threads × samples) not spent in blocks:
 *                  waiting for the slowest worker, starting, and the serial fold
 */
public record LoadBalanceRow(PointKey key, double imbalance, double idleShare) implements DerivedRow {
}
