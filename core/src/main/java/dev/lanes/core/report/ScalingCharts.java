package dev.lanes.core.report;

import dev.lanes.core.result.Interval;
import dev.lanes.core.result.PointKey;
import dev.lanes.core.result.PointParam;
import dev.lanes.core.result.StrongScalingRow;
import dev.lanes.core.result.WeakScalingRow;

import java.util.List;

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

    static Chart strong(String id, StrongScalingRow row) {
        ChartBuilder chart = new ChartBuilder(id, scope(row.stage(), row.point(), row.backend(), row.inner())
            + ": strong scaling (fixed problem)", Chart.Axis.count("threads"), Chart.Axis.linear("speedup T(1)/T(p) (×)"))
            .rightAxis(Chart.Axis.linear("efficiency S/p (%)"));
        int measured = chart.series("speedup (95% CI)", Chart.Style.LINE_POINTS, false, true);
        int ideal = chart.series("ideal S = p", Chart.Style.DASHED);
        int efficiency = chart.series("efficiency", Chart.Style.LINE_POINTS, true, false);
        int maxThreads = 1;
        for (StrongScalingRow.Entry e : row.rows()) {
            Interval ci = e.speedupCi();
            chart.point(measured, e.threads(), e.speedup(), ci == null ? Double.NaN : ci.low(),
                ci == null || ci.high() == null ? Double.NaN : ci.high(), null);
            chart.point(ideal, e.threads(), e.threads());
            chart.point(efficiency, e.threads(), 100 * e.efficiency());
            maxThreads = Math.max(maxThreads, e.threads());
        }
        StrongScalingRow.Amdahl amdahl = row.amdahl();
        if (amdahl != null) {
            double f = amdahl.serialFraction();
            int fit = chart.series("Amdahl fit, serial fraction " + Units.percent(f) + " (max "
                + (amdahl.maxSpeedup() == null ? "unbounded" : Units.sig(amdahl.maxSpeedup()) + "×") + ")", Chart.Style.LINE);
            for (double p : curve(maxThreads)) {
                chart.point(fit, p, 1 / (f + (1 - f) / p));
            }
        } else if (row.note() != null) {
            chart.note("No Amdahl fit: " + row.note() + ".");
        }
        return chart.build();
    }

    static Chart weak(String id, WeakScalingRow row) {
        ChartBuilder chart = new ChartBuilder(id, scope(row.stage(), row.point(), row.backend(), row.inner())
            + ": weak scaling (" + row.param() + " grows with the threads)", Chart.Axis.count("threads"),
            Chart.Axis.linear("scaled speedup p·T(1,n)/T(p,p·n) (×)"))
            .rightAxis(Chart.Axis.linear("weak efficiency (%)"));
        int measured = chart.series("scaled speedup (95% CI)", Chart.Style.LINE_POINTS, false, true);
        int ideal = chart.series("ideal S = p", Chart.Style.DASHED);
        int efficiency = chart.series("weak efficiency", Chart.Style.LINE_POINTS, true, false);
        int maxThreads = 1;
        for (WeakScalingRow.Entry e : row.rows()) {
            Interval ci = e.scaledSpeedupCi();
            chart.point(measured, e.threads(), e.scaledSpeedup(), ci == null ? Double.NaN : ci.low(),
                ci == null || ci.high() == null ? Double.NaN : ci.high(), row.param() + "=" + Cells.value(Math.round(e.size())));
            chart.point(ideal, e.threads(), e.threads());
            chart.point(efficiency, e.threads(), 100 * e.efficiency());
            maxThreads = Math.max(maxThreads, e.threads());
        }
        WeakScalingRow.Gustafson gustafson = row.gustafson();
        if (gustafson != null) {
            double alpha = gustafson.serialFraction();
            int fit = chart.series("Gustafson fit, serial fraction " + Units.percent(alpha), Chart.Style.LINE);
            for (double p : curve(maxThreads)) {
                chart.point(fit, p, p - alpha * (p - 1));
            }
        } else if (row.note() != null) {
            chart.note("No Gustafson fit: " + row.note() + ".");
        }
        return chart.build();
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
