package dev.lanes.core.stats;

/**
 * An interval for the median and the confidence it actually has (with few samples the
 * widest interval, min to max, has less than 95%).
 */
public record ConfidenceInterval(double lowNanos, double highNanos, double level) {
}
