package dev.lanes.core.report;

import dev.lanes.core.result.PointKey;
import dev.lanes.core.result.SizeGrowthRow;

import java.util.List;

/**
 * Time against a swept size on log-log axes, one series per implementation with its fitted
 * power law: a straight line of slope {@code exponent} (1 for linear work, 3 for a matrix
 * product's n), the exponent in the legend.
 */
final class GrowthCharts {
    private GrowthCharts() {
    }

    /** @param rows the fits of one stage against one parameter at one point of the other sweep axes */
    static Chart of(String id, List<SizeGrowthRow> rows) {
        SizeGrowthRow first = rows.get(0);
        double max = rows.stream().flatMap(r -> r.sizes().stream()).mapToDouble(SizeGrowthRow.Entry::medianNanos).max()
            .orElse(0);
        TimeScale unit = TimeScale.forMax(max);
        ChartBuilder chart = new ChartBuilder(id, first.stage() + (first.point().isEmpty() ? "" : " · "
            + Cells.point(first.point())) + ": time against " + first.param(),
            Chart.Axis.log(first.param() + " (log)"), Chart.Axis.log(unit.axisLabel("median time") + " (log)"));
        for (SizeGrowthRow row : rows) {
            String implementation = PointKey.label(row.backend(), row.inner()) + (row.threads() > 1 ? " x" + row.threads() : "");
            int measured = chart.series(implementation, Chart.Style.POINTS);
            for (SizeGrowthRow.Entry e : row.sizes()) {
                chart.point(measured, e.value(), unit.of(e.medianNanos()));
            }
            if (row.exponent() != null) {
                drawFit(chart, implementation, row, unit, chart.colourOf(measured));
            } else if (row.note() != null) {
                chart.note(implementation + ": no fit, " + row.note() + ".");
            }
        }
        return chart.build();
    }

    /**
     * The least-squares line in log-log space has the fitted slope and passes through the
     * points' centroid (mean log size, mean log time), so two ends draw it.
     */
    private static void drawFit(ChartBuilder chart, String implementation, SizeGrowthRow row, TimeScale unit,
                                String colour) {
        double k = row.exponent();
        double meanLogX = 0;
        double meanLogY = 0;
        double minX = Double.POSITIVE_INFINITY;
        double maxX = 0;
        for (SizeGrowthRow.Entry e : row.sizes()) {
            meanLogX += Math.log(e.value()) / row.sizes().size();
            meanLogY += Math.log(unit.of(e.medianNanos())) / row.sizes().size();
            minX = Math.min(minX, e.value());
            maxX = Math.max(maxX, e.value());
        }
        String label = implementation + " fit: time ∝ " + row.param() + "^" + Units.fixed(k, 2)
            + (row.exponentCi() == null ? "" : " (95% CI " + Cells.range(row.exponentCi(), 2) + ")")
            + (row.rSquared() == null ? "" : ", R² " + Units.fixed(row.rSquared(), 3));
        int fit = chart.series(label, Chart.Style.LINE, false, false, colour);
        for (double x : new double[] {minX, maxX}) {
            chart.point(fit, x, Math.exp(meanLogY + k * (Math.log(x) - meanLogX)));
        }
    }
}
