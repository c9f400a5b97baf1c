package dev.lanes.core.report;

import dev.lanes.core.result.PointResult;
import dev.lanes.core.result.RunResult;
import dev.lanes.core.result.SizeGrowthRow;
import dev.lanes.core.result.StrongScalingRow;
import dev.lanes.core.result.WeakScalingRow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The charts of one run, in the order a reader looks: scaling, growth with size, the
 * roofline, then per stage its backends side by side and its samples.
 *
 * @param title the run, as the tables' heading reads
 */
record RunCharts(String title, List<Chart> charts) {

    RunCharts {
        charts = List.copyOf(charts);
    }

    /** @param index the run's place among those rendered: chart ids are unique in the page */
    static RunCharts of(RunResult run, int index) {
        String prefix = "r" + index + "-";
        List<Chart> charts = new ArrayList<>();
        List<StrongScalingRow> strong = run.rows(StrongScalingRow.class);
        for (int i = 0; i < strong.size(); i++) {
            charts.add(ScalingCharts.strong(prefix + "strong-" + i, strong.get(i)));
        }
        List<WeakScalingRow> weak = run.rows(WeakScalingRow.class);
        for (int i = 0; i < weak.size(); i++) {
            charts.add(ScalingCharts.weak(prefix + "weak-" + i, weak.get(i)));
        }
        Map<List<Object>, List<SizeGrowthRow>> growth = new LinkedHashMap<>();
        run.rows(SizeGrowthRow.class).forEach(g -> growth.computeIfAbsent(List.of(g.stage(), g.param(), g.point()),
            k -> new ArrayList<>()).add(g));
        int g = 0;
        for (List<SizeGrowthRow> rows : growth.values()) {
            charts.add(GrowthCharts.of(prefix + "growth-" + g++, rows));
        }
        RooflineChart.of(prefix + "roofline", run).ifPresent(charts::add);
        Map<String, List<PointResult>> stages = new LinkedHashMap<>();
        run.points().stream().filter(p -> !p.source())
            .forEach(p -> stages.computeIfAbsent(p.key().stage(), s -> new ArrayList<>()).add(p));
        int s = 0;
        for (Map.Entry<String, List<PointResult>> stage : stages.entrySet()) {
            BackendCharts.of(prefix + "backends-" + s, stage.getKey(), stage.getValue()).ifPresent(charts::add);
            charts.add(SampleCharts.of(prefix + "samples-" + s, stage.getKey(), stage.getValue()));
            s++;
        }
        return new RunCharts(Cells.title(run), charts);
    }
}
