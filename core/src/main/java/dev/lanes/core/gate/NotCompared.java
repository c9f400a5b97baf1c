package dev.lanes.core.gate;

import dev.lanes.core.result.PointKey;

/**
 * A stage point in only one of the results, or in both but not comparable.
 *
 * @param reason "added", "removed", "changed" (its definition differs), "gate: off"
 */
public record NotCompared(String spec, PointKey key, String reason) {
}
