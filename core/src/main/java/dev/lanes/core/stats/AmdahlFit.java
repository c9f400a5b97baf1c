package dev.lanes.core.stats;

import java.util.List;

/**
 * The least-squares fit of Amdahl's law T(p) = T(1)·(f + (1 − f)/p) to a thread sweep.
 * Writing y = T(p)/T(1) − 1/p and x = 1 − 1/p the model is y = f·x, so
 * f = Σxy / Σx² over p > 1, clamped to [0, 1].
 *
 * @param serialFraction f
 * @param maxSpeedup     1/f, the speedup no thread count can pass; {@code null} when f = 0
 */
public record AmdahlFit(double serialFraction, Double maxSpeedup) {

    /** Fits the rows (which must include p = 1); empty rows beyond p = 1 give f = 0. */
    public static AmdahlFit of(List<ScalingRow> rows) {
        double t1 = rows.stream().filter(r -> r.threads() == 1).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("Amdahl fit needs T(1)")).medianNanos();
        double sxy = 0;
        double sxx = 0;
        for (ScalingRow row : rows) {
            if (row.threads() > 1) {
                double x = 1 - 1.0 / row.threads();
                double y = row.medianNanos() / t1 - 1.0 / row.threads();
                sxy += x * y;
                sxx += x * x;
            }
        }
        double f = sxx == 0 ? 0 : Math.max(0, Math.min(1, sxy / sxx));
        return new AmdahlFit(f, f == 0 ? null : 1 / f);
    }
}
