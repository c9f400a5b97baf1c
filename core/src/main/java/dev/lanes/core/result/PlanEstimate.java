package dev.lanes.core.result;

/**
 * The cost model's time for the implementation a point ran on, and its terms.
 *
 * @param bound "memory", "compute", "overhead" or "transfer": the term that dominates
 */
public record PlanEstimate(double nanos, String bound, double computeNanos, double memoryNanos, double overheadNanos) {
}
