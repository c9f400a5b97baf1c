package dev.lanes.core.report;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChartBuilderTest {

    @Test
    void seriesAreAlignedOverOneSortedXArraySharingEqualXs() {
        ChartBuilder b = new ChartBuilder("c", "t", Chart.Axis.linear("x"), Chart.Axis.linear("y"));
        int first = b.series("a", Chart.Style.POINTS);
        int second = b.series("b", Chart.Style.LINE);
        b.point(first, 3, 30).point(second, 1, 10).point(first, 1, 11).point(first, 1, 12).point(second, 2, 20);
        Chart c = b.build();
        // two points of one series at x = 1 need two positions; the other series shares the first
        assertThat(c.xs()).containsExactly(1.0, 1.0, 2.0, 3.0);
        assertThat(c.series().get(0).values()).containsExactly(11.0, 12.0, null, 30.0);
        assertThat(c.series().get(1).values()).containsExactly(10.0, null, 20.0, null);
        assertThat(c.series()).allSatisfy(s -> assertThat(s.low()).isEmpty());
    }

    @Test
    void nonFiniteValuesAndNonPositiveXsOnALogAxisAreLeftOut() {
        ChartBuilder b = new ChartBuilder("c", "t", Chart.Axis.log("x"), Chart.Axis.log("y"));
        int s = b.series("a", Chart.Style.POINTS, false, true);
        b.point(s, 0, 1).point(s, -1, 1).point(s, 2, Double.NaN).point(s, Double.POSITIVE_INFINITY, 1)
            .point(s, 4, 5, Double.NaN, 6, "four");
        Chart c = b.build();
        assertThat(c.xs()).containsExactly(4.0);
        assertThat(c.series().get(0).low()).containsExactly((Double) null);
        assertThat(c.series().get(0).high()).containsExactly(6.0);
        assertThat(c.xLabels()).containsExactly("four");
    }

    @Test
    void aChartOverCategoriesLabelsItsTicksByCategory() {
        ChartBuilder b = new ChartBuilder("c", "t", Chart.Axis.linear("x"), Chart.Axis.linear("y"))
            .categories(List.of("simd", "threads(simd) x2"));
        int s = b.series("a", Chart.Style.POINTS);
        b.point(s, 0.2, 1).point(s, -0.2, 2).point(s, 1, 3);
        Chart c = b.build();
        assertThat(c.categories()).isTrue();
        assertThat(c.xLabels()).containsExactly("simd", "threads(simd) x2");
        assertThat(c.xs()).containsExactly(-0.2, 0.2, 1.0);
        assertThat(Arrays.asList(c.series().get(0).values().toArray())).containsExactly(2.0, 1.0, 3.0);
    }
}
