package dev.lanes.core.result;

/**
 * A point whose samples vary more than the bound: its median is less certain than its neighbours'.
 *
 * @param bound the coefficient of variation above which a point is flagged
 */
public record NoisyRow(PointKey key, double coefficientOfVariation, double bound) implements DerivedRow {
}
