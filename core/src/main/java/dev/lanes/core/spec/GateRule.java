package dev.lanes.core.spec;

/**
 * A stage's own performance-gate rule: {@code gate: off} leaves it out of comparisons,
 * {@code gate: { max-regression: 10% }} gives it its own threshold instead of the flag's.
 *
 * @param maxRegression a fraction (0.10); {@code null} when off
 */
public record GateRule(boolean off, Double maxRegression) {
}
