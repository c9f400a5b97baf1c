package dev.lanes.core.result;

/**
 * A stage's own gate rule from its spec: {@code gate: off}, or {@code gate: { max-regression: 10% }}.
 *
 * @param maxRegression the threshold as a fraction (0.10); {@code null} when off
 */
public record StageGate(String stage, boolean off, Double maxRegression) {
}
