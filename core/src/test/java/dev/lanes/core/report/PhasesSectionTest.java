package dev.lanes.core.report;

import dev.lanes.core.result.PhaseRow;
import dev.lanes.core.result.ResultFixtures;
import dev.lanes.core.result.ResultJson;
import dev.lanes.core.result.RunResult;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** A stage timed in parts: the derived shares, their table, and a saved file that keeps them. */
class PhasesSectionTest {

    @Test
    void eachPartsShareIsItsTimeOverTheStagesAndEveryFormatShowsIt() {
        RunResult r = ResultFixtures.training();
        List<PhaseRow> rows = r.rows(PhaseRow.class);
        assertThat(rows).hasSize(2);
        PhaseRow two = rows.get(1);
        assertThat(two.key().threads()).isEqualTo(2);
        assertThat(two.parts()).extracting(PhaseRow.Part::name).containsExactly("pack", "forward+backward", "reduce+update");
        assertThat(two.parts().get(2).share()).isCloseTo(0.2, within(1e-6));
        assertThat(rows.get(0).parts().get(2).share()).isCloseTo(0.1, within(1e-6));
        assertThat(two.parts().get(2).medianNanos()).isCloseTo(0.2 * r.points().get(1).summary().medianNanos(), within(2.0));

        String table = Format.TABLE.renderer().render(List.of(r));
        assertThat(table).contains("Parts of a stage").containsPattern("train +threads\\(simd\\) +2 +reduce\\+update +\\S+ \\S*s +20%");
        assertThat(table).containsPattern("threads +median +speedup +95% CI +efficiency +Karp–Flatt +pack +forward\\+backward +reduce\\+update")
            .containsPattern("\\n +2 +\\S+ ms +\\S+ .* 5% +75% +20%\\n");
        assertThat(Format.MARKDOWN.renderer().render(List.of(r))).contains("reduce+update");
        List<RunResult> saved = ResultJson.parse("t.json", ResultJson.write(List.of(r)));
        assertThat(saved.get(0).points().get(1).phases()).isEqualTo(r.points().get(1).phases());
        assertThat(Format.TABLE.renderer().render(saved)).isEqualTo(table);
    }
}
