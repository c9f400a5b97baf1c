package dev.lanes.core.gate;

import java.util.List;

/**
 * What a gate found: every compared point with its verdict (regressions first), the
 * points it could not compare and why, drift when found, warnings about what was compared,
 * and whether the gate fails.
 *
 * @param oldName  the baseline, as named on the command line
 * @param summary  the verdict line, e.g. "FAILED: 1 of 6 stage points regressed beyond 5%"
 */
public record Comparison(String oldName, String newName, boolean failed, String summary, List<PointComparison> points,
                         List<NotCompared> notCompared, Drift drift, List<String> warnings, GateOptions options) {

    public Comparison {
        points = List.copyOf(points);
        notCompared = List.copyOf(notCompared);
        warnings = List.copyOf(warnings);
    }

    public long count(Verdict verdict) {
        return points.stream().filter(p -> p.verdict() == verdict).count();
    }
}
