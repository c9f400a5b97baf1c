package dev.lanes.core.report;

import dev.lanes.core.result.RoofShare;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A share of the roof above 100% is the model's error: it is said, never printed as a share. */
class RoofCellTest {

    @Test
    void aShareWithinTheRoofIsPrinted() {
        assertThat(Cells.roof(new RoofShare(0.61, "memory", 152, null, 100.0, 152.0))).isEqualTo("61% of 152 GB/s");
        assertThat(Cells.roof(new RoofShare(1.004, "compute", 234, null, 234.0, 50.0))).isEqualTo("100% of 234 GFLOP/s");
        assertThat(Cells.roof(new RoofShare(0.8, "ops", 3.1e9, "random-point", 100.0, 50.0)))
            .isEqualTo("80% of 3.10G random-point/s");
    }

    @Test
    void aMeasurementFasterThanItsCeilingIsNotAShare() {
        RoofShare above = new RoofShare(2.27, "memory", 52.3, null, 100.0, 52.3);
        assertThat(Cells.roof(above)).isEqualTo("above 52.3 GB/s").doesNotContain("%");
        assertThat(Cells.aboveRoof(above)).isTrue();
        assertThat(Cells.aboveRoof(new RoofShare(0.99, "memory", 52.3, null, 100.0, 52.3))).isFalse();
        assertThat(Cells.aboveRoof(null)).isFalse();
    }
}
