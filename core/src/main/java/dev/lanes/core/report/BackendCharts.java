package dev.lanes.core.report;

import dev.lanes.core.result.PointResult;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleBiFunction;

/**
 * A stage's implementations side by side: for each sweep point, the rate each backend and
 * thread count reached at its median, with the interval that the median's interval gives.
 * Drawn only where a stage ran on more than one implementation.
 */
final class BackendCharts {
    private static final double GROUP_HALF_WIDTH = 0.3;

    private BackendCharts() {
    }

    /** The rate a chart plots, in the unit that says most of the stage (as the tables' rate column). */
    private record Rate(String axis, ToDoubleBiFunction<PointResult, Double> atNanos) {
        static Rate of(PointResult p) {
            return switch (Cells.rateBound(p)) {
                case "compute" -> new Rate("GFLOP/s", (q, nanos) -> q.flops() / nanos);
                case "memory" -> new Rate("GB/s", (q, nanos) -> q.bytesMoved() / nanos);
                default -> new Rate("million elements/s", (q, nanos) -> q.elements() / nanos * 1e3);
            };
        }
    }

    static Optional<Chart> of(String id, String stage, List<PointResult> points) {
        List<String> implementations = points.stream().map(p -> p.key().labelWithThreads()).distinct().toList();
        if (implementations.size() < 2) {
            return Optional.empty();
        }
        List<String> sweepPoints = new ArrayList<>(new LinkedHashSet<>(points.stream().map(BackendCharts::category).toList()));
        Rate rate = Rate.of(points.get(0));
        ChartBuilder chart = new ChartBuilder(id, stage + ": backends side by side",
            Chart.Axis.linear(points.get(0).key().point().isEmpty() ? "size" : "sweep point"), Chart.Axis.linear(rate.axis() + " at the median"))
            .categories(sweepPoints)
            .note("Higher is faster. The bar is the interval the median's 95% interval gives the rate.");
        List<Integer> series = implementations.stream().map(label -> chart.series(label, Chart.Style.POINTS, false, true))
            .toList();
        for (PointResult p : points) {
            int s = implementations.indexOf(p.key().labelWithThreads());
            double offset = -GROUP_HALF_WIDTH + 2 * GROUP_HALF_WIDTH * s / (implementations.size() - 1);
            var summary = p.summary();
            chart.point(series.get(s), sweepPoints.indexOf(category(p)) + offset,
                rate.atNanos().applyAsDouble(p, summary.medianNanos()),
                rate.atNanos().applyAsDouble(p, summary.ciHighNanos()), rate.atNanos().applyAsDouble(p, summary.ciLowNanos()),
                p.key().labelWithThreads());
        }
        return Optional.of(chart.build());
    }

    /** The sweep point, or without a sweep the size, so the one group still says what it is. */
    private static String category(PointResult p) {
        return p.key().point().isEmpty() ? Cells.size(p.size()) : Cells.point(p.key().point());
    }
}
