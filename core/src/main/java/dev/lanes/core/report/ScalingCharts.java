package dev.lanes.core.report;

import dev.lanes.core.result.Interval;
import dev.lanes.core.result.PointKey;
import dev.lanes.core.result.PointParam;
import dev.lanes.core.result.StrongScalingRow;
import dev.lanes.core.result.WeakScalingRow;

import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.IntStream;

/**
 * Speedup against threads: the measured speedup with its bootstrap interval, the ideal
 * line, the fitted law (Amdahl for strong scaling, Gustafson for weak) with its serial
 * fraction in the legend, and the efficiency on the right-hand axis.
 */
final class ScalingCharts {
    /** Positions at which a fitted curve is drawn between the measured thread counts. */
    private static final int CURVE_STEPS = 32;

    private ScalingCharts() {
    }

    /** One thread count of either table: what both charts plot. */
    private record Measured(int threads, double speedup, Interval ci, double efficiency, String label) {
    }

    static Chart strong(String id, StrongScalingRow row) {
        ChartBuilder chart = speedupChart(id, scope(row.stage(), row.point(), row.backend(), row.inner())
            + ": strong scaling (fixed problem)", "speedup T(1)/T(p) (×)", "speedup (95% CI)", "efficiency S/p (%)",
            "efficiency",
            row.rows().stream().map(e -> new Measured(e.threads(), e.speedup(), e.speedupCi(), e.efficiency(), null)).toList());
        StrongScalingRow.Amdahl amdahl = row.amdahl();
        if (amdahl != null) {
            double f = amdahl.serialFraction();
            fit(chart, "Amdahl fit, serial fraction " + Units.percent(f) + " (max "
                + (amdahl.maxSpeedup() == null ? "unbounded" : Units.sig(amdahl.maxSpeedup()) + "×") + ")",
                maxThreads(row.rows().stream().mapToInt(StrongScalingRow.Entry::threads)), p -> 1 / (f + (1 - f) / p));
        } else if (row.note() != null) {
            chart.note("No Amdahl fit: " + row.note() + ".");
        }
        return chart.build();
    }

    static Chart weak(String id, WeakScalingRow row) {
        ChartBuilder chart = speedupChart(id, scope(row.stage(), row.point(), row.backend(), row.inner())
            + ": weak scaling (" + row.param() + " grows with the threads)", "scaled speedup p·T(1,n)/T(p,p·n) (×)",
            "scaled speedup (95% CI)", "weak efficiency (%)", "weak efficiency", row.rows().stream().map(e -> new Measured(e.threads(),
                e.scaledSpeedup(), e.scaledSpeedupCi(), e.efficiency(), row.param() + "=" + Cells.value(Math.round(e.size()))))
                .toList());
        WeakScalingRow.Gustafson gustafson = row.gustafson();
        if (gustafson != null) {
            double alpha = gustafson.serialFraction();
            fit(chart, "Gustafson fit, serial fraction " + Units.percent(alpha),
                maxThreads(row.rows().stream().mapToInt(WeakScalingRow.Entry::threads)), p -> p - alpha * (p - 1));
        } else if (row.note() != null) {
            chart.note("No Gustafson fit: " + row.note() + ".");
        }
        return chart.build();
    }

    /** The measured speedup with its interval, the ideal line, and the efficiency on the right-hand axis. */
    private static ChartBuilder speedupChart(String id, String title, String axis, String measuredLabel,
                                             String efficiencyAxis, String efficiencyLabel, List<Measured> rows) {
        ChartBuilder chart = new ChartBuilder(id, title, Chart.Axis.count("threads"), Chart.Axis.linear(axis))
            .rightAxis(Chart.Axis.linear(efficiencyAxis));
        int measured = chart.series(measuredLabel, Chart.Style.LINE_POINTS, false, true);
        int ideal = chart.series("ideal S = p", Chart.Style.DASHED);
        int efficiency = chart.series(efficiencyLabel, Chart.Style.LINE_POINTS, true, false);
        for (Measured m : rows) {
            chart.point(measured, m.threads(), m.speedup(), m.ci() == null ? Double.NaN : m.ci().low(),
                m.ci() == null || m.ci().high() == null ? Double.NaN : m.ci().high(), m.label());
            chart.point(ideal, m.threads(), m.threads());
            chart.point(efficiency, m.threads(), 100 * m.efficiency());
        }
        return chart;
    }

    /** A fitted law as a curve from 1 to the most threads measured. */
    private static void fit(ChartBuilder chart, String label, int maxThreads, DoubleUnaryOperator law) {
        int fit = chart.series(label, Chart.Style.LINE);
        for (double p : curve(maxThreads)) {
            chart.point(fit, p, law.applyAsDouble(p));
        }
    }

    private static int maxThreads(IntStream threads) {
        return Math.max(1, threads.max().orElse(1));
    }

    /** Thread counts from 1 to {@code max} at which a fitted curve is drawn. */
    private static double[] curve(int max) {
        double[] p = new double[CURVE_STEPS + 1];
        for (int i = 0; i <= CURVE_STEPS; i++) {
            p[i] = 1 + (max - 1) * (double) i / CURVE_STEPS;
        }
        return p;
    }

    /** "squares · threads(simd)", with the sweep point when there is one: "product · threads(simd) · product.n=512". */
    static String scope(String stage, List<PointParam> point, String backend, String inner) {
        return stage + " · " + PointKey.label(backend, inner) + (point.isEmpty() ? "" : " · " + Cells.point(point));
    }
}
