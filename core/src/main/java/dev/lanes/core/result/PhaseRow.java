package dev.lanes.core.result;

import java.util.List;

/**
 * Where a point's time went among its stage's named parts (a training step's pack,
 * forward+backward and reduce+update), from each part's time in every sample.
 *
 * @param parts in the order they ran
 */
public record PhaseRow(PointKey key, List<Part> parts) implements DerivedRow {
    public PhaseRow {
        parts = List.copyOf(parts);
    }

    /**
     * @param medianNanos the median over samples of the part's time in a sample
     * @param share       the median over samples of the part's share of the sample (robust to a slow sample)
     */
    public record Part(String name, double medianNanos, double share) {
    }
}
