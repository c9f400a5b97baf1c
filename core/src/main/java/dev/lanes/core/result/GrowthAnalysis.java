package dev.lanes.core.result;

import dev.lanes.core.stats.Bootstrap;
import dev.lanes.core.stats.GrowthFit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Size growth: for each stage, implementation and numeric sweep axis that changes the
 * stage's work, time against the axis's value (the size the user set: a matrix
 * dimension, a length) on log-log axes, with the other axes fixed. Fitted with at least
 * {@value StrongScalingAnalysis#MIN_FIT_POINTS} sizes: a line through two points always
 * fits perfectly.
 */
final class GrowthAnalysis {
    private GrowthAnalysis() {
    }

    static List<SizeGrowthRow> rows(List<PointResult> points) {
        Set<String> axes = new LinkedHashSet<>();
        points.forEach(p -> p.key().point().forEach(q -> axes.add(q.name())));
        List<SizeGrowthRow> rows = new ArrayList<>();
        for (String axis : axes) {
            Map<List<Object>, List<PointResult>> groups = new LinkedHashMap<>();
            for (PointResult p : points) {
                PointKey k = p.key();
                Double value = valueOf(p, axis);
                if (!p.source() && value != null && value > 0) {
                    groups.computeIfAbsent(List.of(k.stage(), Analysis.without(k.point(), axis), k.backend(), k.inner(),
                        k.threads()), x -> new ArrayList<>()).add(p);
                }
            }
            for (List<PointResult> group : groups.values()) {
                boolean workChanges = group.stream().map(p -> List.of(p.elements(), p.flops(), p.bytesMoved())).distinct().count() > 1;
                if (group.size() >= 2 && workChanges) {
                    rows.add(fit(axis, group));
                }
            }
        }
        return rows;
    }

    private static Double valueOf(PointResult p, String axis) {
        // a word (a type, a command) has no number: no growth to fit along it
        return p.key().point().stream().filter(q -> q.name().equals(axis)).findFirst().map(PointParam::number).orElse(null);
    }

    private static SizeGrowthRow fit(String axis, List<PointResult> group) {
        PointKey first = group.get(0).key();
        List<SizeGrowthRow.Entry> sizes = group.stream()
            .map(p -> new SizeGrowthRow.Entry(valueOf(p, axis), p.summary().medianNanos())).toList();
        long distinct = sizes.stream().map(SizeGrowthRow.Entry::value).distinct().count();
        Double exponent = null;
        Double r2 = null;
        Interval ci = null;
        String note = null;
        if (distinct >= StrongScalingAnalysis.MIN_FIT_POINTS) {
            double[] x = sizes.stream().mapToDouble(SizeGrowthRow.Entry::value).toArray();
            GrowthFit fit = GrowthFit.of(pairs(x, sizes.stream().mapToDouble(SizeGrowthRow.Entry::medianNanos).toArray()));
            exponent = fit.exponent();
            r2 = fit.rSquared();
            ci = Analysis.interval(Bootstrap.interval(group.stream().map(PointResult::samples).toList(),
                m -> GrowthFit.of(pairs(x, m)).exponent(), Bootstrap.seedOf("growth " + axis + first)));
        } else {
            note = "a growth fit needs at least " + StrongScalingAnalysis.MIN_FIT_POINTS + " sizes; this sweep has " + distinct;
        }
        return new SizeGrowthRow(first.stage(), axis, Analysis.without(first.point(), axis), first.backend(), first.inner(),
            first.threads(), sizes, exponent, ci, r2, note);
    }

    private static List<double[]> pairs(double[] x, double[] y) {
        List<double[]> pairs = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            pairs.add(new double[] {x[i], y[i]});
        }
        return pairs;
    }
}
