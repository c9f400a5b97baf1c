package dev.lanes.core.result;

/**
 * A confidence interval of a derived figure, from a bootstrap of the samples.
 *
 * @param high {@code null} when unbounded (e.g. a maximum speedup 1/f where f may be 0)
 */
public record Interval(double low, Double high, double level) {
}
