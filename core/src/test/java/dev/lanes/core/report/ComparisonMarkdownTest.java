package dev.lanes.core.report;

import dev.lanes.core.gate.Comparison;
import dev.lanes.core.gate.GateOptions;
import dev.lanes.core.gate.PointComparison;
import dev.lanes.core.gate.Verdict;
import dev.lanes.core.result.PointKey;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ComparisonMarkdownTest {
    private static PointComparison point(String stage, double ratio, Verdict verdict) {
        return new PointComparison("perf", new PointKey(stage, List.of(), "simd", "simd", 1), "k", 1e6, 1e6 * ratio, ratio,
            ratio - 0.02, ratio + 0.02, 0.001, 0.002, verdict, 0.05, "run to run, measured over the baseline's 3 runs: 1.0%",
            0.01, 0.01, 10, 10);
    }

    @Test
    void theVerdictFirstTheChangesInATableTheRestCollapsed() {
        Comparison c = new Comparison("base.json", "this run", true, "FAILED: 1 of 3 stage points regressed beyond their threshold",
            List.of(point("slow", 1.2, Verdict.REGRESSED), point("same", 1.0, Verdict.UNCHANGED),
                point("also", 1.01, Verdict.UNCHANGED)), List.of(), null, List.of(), GateOptions.defaults());
        String md = ComparisonMarkdown.render(c);
        assertThat(md).startsWith("### ❌ lanes performance gate: FAILED: 1 of 3 stage points regressed");
        String beforeDetails = md.substring(0, md.indexOf("<details>"));
        assertThat(beforeDetails).contains("| REGRESSED | slow").doesNotContain("| UNCHANGED");
        assertThat(md.substring(md.indexOf("<details>"))).contains("<summary>2 unchanged stage points</summary>")
            .contains("| UNCHANGED | same").contains("</details>");
        assertThat(md).contains("- variation: run to run, measured over the baseline's 3 runs: 1.0%");
    }
}
