package dev.lanes.core.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ComparisonMarkdownTest {

    @Test
    void theVerdictFirstTheChangesInATableTheRestCollapsed() {
        String md = ComparisonMarkdown.render(ComparisonFixtures.failed());
        assertThat(md).startsWith("### ❌ lanes performance gate: FAILED: 1 of 3 stage points regressed");
        String beforeDetails = md.substring(0, md.indexOf("<details>"));
        assertThat(beforeDetails).contains("| REGRESSED | slow").doesNotContain("| UNCHANGED");
        assertThat(md.substring(md.indexOf("<details>"))).contains("<summary>2 unchanged stage points</summary>")
            .contains("| UNCHANGED | same").contains("</details>");
        assertThat(md).contains("- variation: run to run, measured over the baseline's 3 runs: 1.0%");
    }
}
