package dev.lanes.core.report;

import dev.lanes.core.gate.Comparison;
import dev.lanes.core.gate.PointComparison;
import dev.lanes.core.gate.Verdict;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A comparison as a forest plot: every compared point's change with its 95% interval,
 * coloured by verdict, against zero and the threshold each point was held to (and its
 * mirror for an improvement), so what failed the gate and by how much reads at a glance.
 */
final class ForestChart {
    /** The colours mean the verdict: red slower, green faster, grey unchanged, amber undecided, purple the machine. */
    private static final Map<Verdict, String> COLOURS = new EnumMap<>(Map.of(Verdict.REGRESSED, "#c62828",
        Verdict.IMPROVED, "#2e7d32", Verdict.UNCHANGED, "#607d8b", Verdict.INCONCLUSIVE, "#ef6c00",
        Verdict.NOISY, "#f9a825", Verdict.DRIFT, "#6a1b9a"));

    private ForestChart() {
    }

    static Chart of(String id, Comparison c) {
        List<PointComparison> points = c.points();
        ChartBuilder chart = new ChartBuilder(id, "Change of every compared stage point (new against old)",
            Chart.Axis.linear("stage point"), Chart.Axis.linear("change of the median (%)"))
            .categories(points.stream().map(ComparisonCells::point).toList())
            .note("Above 0: slower. Each bar is the change's 95% interval, widened by the run-to-run variation; a point "
                + "regressed only when "
                + "its whole bar lies above its threshold and the change is significant after the false-discovery-rate "
                + "correction.");
        Map<Verdict, Integer> series = new EnumMap<>(Verdict.class);
        for (Verdict v : Verdict.values()) {
            if (points.stream().anyMatch(p -> p.verdict() == v)) {
                series.put(v, chart.series(v.label(), Chart.Style.POINTS, false, true, COLOURS.get(v)));
            }
        }
        int threshold = chart.series("threshold (slower)", Chart.Style.DASHED, false, false, COLOURS.get(Verdict.REGRESSED));
        int mirror = chart.series("threshold (faster)", Chart.Style.DASHED, false, false, COLOURS.get(Verdict.IMPROVED));
        int zero = chart.series("no change", Chart.Style.LINE, false, false, "#9e9e9e");
        for (int i = 0; i < points.size(); i++) {
            PointComparison p = points.get(i);
            chart.point(series.get(p.verdict()), i, percent(p.ratio()), percent(p.ratioLow()), percent(p.ratioHigh()),
                ComparisonCells.reason(p));
            chart.point(threshold, i, 100 * p.threshold());
            chart.point(mirror, i, percent(1 / (1 + p.threshold())));
            chart.point(zero, i, 0);
        }
        return chart.build();
    }

    private static double percent(double ratio) {
        return (ratio - 1) * 100;
    }
}
