package dev.lanes.core.report;

import dev.lanes.core.result.PointKey;
import dev.lanes.core.result.PointResult;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A stage's samples as a strip plot: one strip per stage point (implementation, threads,
 * sweep point) side by side, every sample a dot in the order it was measured, samples
 * during a garbage collection marked, the median with its 95% interval beside them; so
 * noise, outliers and drift over the run are visible, not only a summary.
 */
final class SampleCharts {
    /** Half the width a strip takes around its category. */
    private static final double STRIP_HALF_WIDTH = 0.35;
    /** A time axis spanning more than this ratio is logarithmic, so short points do not flatten. */
    private static final double LOG_AXIS_RATIO = 30;

    private SampleCharts() {
    }

    static Chart of(String id, String stage, List<PointResult> points) {
        long min = Long.MAX_VALUE;
        long max = 0;
        for (PointResult p : points) {
            min = Math.min(min, p.summary().minNanos());
            max = Math.max(max, p.summary().maxNanos());
        }
        TimeScale unit = TimeScale.forMax(max);
        boolean log = min > 0 && (double) max / min > LOG_AXIS_RATIO;
        String axis = unit.axisLabel("time per execution");
        ChartBuilder chart = new ChartBuilder(id, stage + ": every sample",
            Chart.Axis.linear("stage point"), log ? Chart.Axis.log(axis + " (log)") : Chart.Axis.tight(axis))
            .categories(points.stream().map(p -> name(p.key())).toList())
            .note("Each dot is one measured execution, left to right in the order measured; the bar is the median's "
                + "95% interval.");
        int samples = chart.series("sample", Chart.Style.POINTS);
        int gc = chart.series("sample during a GC", Chart.Style.POINTS);
        int median = chart.series("median (95% CI)", Chart.Style.POINTS, false, true);
        for (int i = 0; i < points.size(); i++) {
            PointResult p = points.get(i);
            long[] values = p.samples();
            Set<Integer> duringGc = new HashSet<>(p.gcSamples());
            for (int j = 0; j < values.length; j++) {
                double x = i + (values.length == 1 ? 0 : -STRIP_HALF_WIDTH + 2 * STRIP_HALF_WIDTH * j / (values.length - 1));
                chart.point(duringGc.contains(j) ? gc : samples, x, unit.of(values[j]));
            }
            chart.point(median, i, unit.of(p.summary().medianNanos()), unit.of(p.summary().ciLowNanos()),
                unit.of(p.summary().ciHighNanos()), null);
        }
        return chart.build();
    }

    /** A point within its stage: "threads(simd) x2", or "threads(simd) x2 · n=512" in a sweep. */
    static String name(PointKey key) {
        return key.labelWithThreads() + (key.point().isEmpty() ? "" : " · " + Cells.point(key.point()));
    }
}
