package dev.lanes.core.result;

import dev.lanes.core.stats.Bootstrap;
import dev.lanes.core.stats.GustafsonFit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Weak-scaling tables: a stage whose problem grows with the thread count (p threads, p
 * times the base size). Scaled speedup p·T(1, n)/T(p, p·n), weak efficiency
 * T(1, n)/T(p, p·n), and Gustafson's serial fraction fitted with at least
 * {@value StrongScalingAnalysis#MIN_FIT_POINTS} thread counts.
 */
final class WeakScalingAnalysis {
    private WeakScalingAnalysis() {
    }

    static List<WeakScalingRow> rows(List<PointResult> points, List<WeakAxis> weak) {
        List<WeakScalingRow> rows = new ArrayList<>();
        for (WeakAxis axis : weak) {
            Map<List<Object>, List<PointResult>> groups = new LinkedHashMap<>();
            for (PointResult p : points) {
                PointKey k = p.key();
                if (k.stage().equals(axis.stage()) && !p.source()) {
                    groups.computeIfAbsent(List.of(Analysis.without(k.point(), axis.param()), k.backend(), k.inner()),
                        x -> new ArrayList<>()).add(p);
                }
            }
            for (List<PointResult> group : groups.values()) {
                if (group.stream().anyMatch(p -> p.key().threads() == 1)) {
                    rows.add(table(axis, group));
                }
            }
        }
        return rows;
    }

    private static WeakScalingRow table(WeakAxis axis, List<PointResult> group) {
        List<PointResult> sorted = group.stream().sorted(Comparator.comparingInt(p -> p.key().threads())).toList();
        int[] threads = sorted.stream().mapToInt(p -> p.key().threads()).toArray();
        double[] medians = sorted.stream().mapToDouble(p -> p.summary().medianNanos()).toArray();
        List<long[]> samples = sorted.stream().map(PointResult::samples).toList();
        PointKey first = sorted.get(0).key();
        long seed = Bootstrap.seedOf("weak " + first.stage() + first.point());
        List<WeakScalingRow.Entry> entries = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            int p = threads[i];
            Interval ci = i == 0 ? null : Analysis.interval(Bootstrap.interval(List.of(samples.get(0), samples.get(i)),
                m -> p * m[0] / m[1], seed + i));
            double size = sorted.get(i).key().point().stream().filter(q -> q.name().equals(axis.param()))
                .map(PointParam::number).findFirst().orElse(Double.NaN);
            entries.add(new WeakScalingRow.Entry(p, size, medians[i], p * medians[0] / medians[i], ci, medians[0] / medians[i]));
        }
        WeakScalingRow.Gustafson fit = null;
        String note = null;
        if (threads.length >= StrongScalingAnalysis.MIN_FIT_POINTS) {
            double alpha = GustafsonFit.serialFraction(threads, scaled(threads, medians));
            Interval ci = Analysis.interval(Bootstrap.interval(samples,
                m -> GustafsonFit.serialFraction(threads, scaled(threads, m)), seed));
            fit = new WeakScalingRow.Gustafson(alpha, ci);
        } else {
            note = "a Gustafson fit needs at least " + StrongScalingAnalysis.MIN_FIT_POINTS + " thread counts; this sweep has "
                + threads.length;
        }
        return new WeakScalingRow(first.stage(), axis.param(), Analysis.without(first.point(), axis.param()), first.backend(),
            first.inner(), entries, fit, note);
    }

    /** Scaled speedups from medians ordered by thread count, the first at one thread. */
    private static double[] scaled(int[] threads, double[] medians) {
        double[] s = new double[threads.length];
        for (int i = 0; i < threads.length; i++) {
            s[i] = threads[i] * medians[0] / medians[i];
        }
        return s;
    }
}
