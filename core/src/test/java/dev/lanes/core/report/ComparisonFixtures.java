package dev.lanes.core.report;

import dev.lanes.core.gate.Comparison;
import dev.lanes.core.gate.GateOptions;
import dev.lanes.core.gate.PointComparison;
import dev.lanes.core.gate.Verdict;
import dev.lanes.core.result.PointKey;

import java.util.List;

/** Comparisons as a gate would produce them, for the comparison formats' tests. */
final class ComparisonFixtures {
    private ComparisonFixtures() {
    }

    /** A point whose change is {@code ratio} with an interval of ±0.02 around it, held to 5%. */
    static PointComparison point(String stage, double ratio, Verdict verdict) {
        return new PointComparison("perf", new PointKey(stage, List.of(), "simd", "simd", 1), "k", 1e6, 1e6 * ratio, ratio,
            ratio - 0.02, ratio + 0.02, 0.001, 0.002, verdict, 0.05, "run to run, measured over the baseline's 3 runs: 1.0%",
            0.01, 0.01, 10, 10);
    }

    /** One regression beyond 5% and two unchanged points: a failed gate. */
    static Comparison failed() {
        return new Comparison("base.json", "this run", true, "FAILED: 1 of 3 stage points regressed beyond their threshold",
            List.of(point("slow", 1.2, Verdict.REGRESSED), point("same", 1.0, Verdict.UNCHANGED),
                point("also", 1.01, Verdict.UNCHANGED)), List.of(), null, List.of(), GateOptions.defaults());
    }
}
