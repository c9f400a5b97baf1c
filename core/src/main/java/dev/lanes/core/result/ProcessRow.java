package dev.lanes.core.result;

/**
 * A stage that starts processes, at one point: their CPU time against the wall time.
 *
 * @param userNanos   the median over samples of the processes' user time in a sample
 * @param systemNanos the median of their system time
 * @param utilisation the median over samples of (user + system) ÷ the sample's wall time: above 1 when tasks ran on
 *                    several cores at once
 */
public record ProcessRow(PointKey key, double userNanos, double systemNanos, double utilisation) implements DerivedRow {
}
