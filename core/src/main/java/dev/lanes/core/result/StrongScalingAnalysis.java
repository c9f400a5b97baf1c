package dev.lanes.core.result;

import dev.lanes.core.stats.AmdahlFit;
import dev.lanes.core.stats.Bootstrap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Strong-scaling tables: the points of one stage point on one implementation at several
 * thread counts, one of them 1. The Amdahl fit needs at least {@value #MIN_FIT_POINTS}
 * thread counts: through two, a one-parameter curve always passes, which proves nothing.
 * Every speedup has a bootstrap interval, which also says whether a Karp–Flatt value
 * outside [0, 1] is real or noise.
 */
final class StrongScalingAnalysis {
    static final int MIN_FIT_POINTS = 3;

    private StrongScalingAnalysis() {
    }

    static List<StrongScalingRow> rows(List<PointResult> points, List<WeakAxis> weak) {
        Map<List<Object>, List<PointResult>> groups = new LinkedHashMap<>();
        for (PointResult p : points) {
            boolean weakStage = weak.stream().anyMatch(w -> w.stage().equals(p.key().stage()));
            if (!p.source() && !weakStage) {
                PointKey k = p.key();
                groups.computeIfAbsent(List.of(k.stage(), k.point(), k.backend(), k.inner()), x -> new ArrayList<>()).add(p);
            }
        }
        List<StrongScalingRow> rows = new ArrayList<>();
        for (List<PointResult> group : groups.values()) {
            if (group.size() >= 2 && group.stream().anyMatch(p -> p.key().threads() == 1)) {
                rows.add(table(group));
            }
        }
        return rows;
    }

    private static StrongScalingRow table(List<PointResult> group) {
        List<PointResult> sorted = group.stream().sorted(java.util.Comparator.comparingInt(p -> p.key().threads())).toList();
        int[] threads = sorted.stream().mapToInt(p -> p.key().threads()).toArray();
        double[] medians = sorted.stream().mapToDouble(p -> p.summary().medianNanos()).toArray();
        List<long[]> samples = sorted.stream().map(PointResult::samples).toList();
        PointKey first = sorted.get(0).key();
        long seed = Bootstrap.seedOf(first.stage() + first.point() + first.label());
        double t1 = medians[0];
        List<StrongScalingRow.Entry> entries = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            int p = threads[i];
            double speedup = t1 / medians[i];
            Interval ci = i == 0 ? null : Analysis.interval(Bootstrap.interval(List.of(samples.get(0), samples.get(i)),
                m -> m[0] / m[1], seed + i));
            Double karpFlatt = p == 1 ? null : AmdahlFit.karpFlatt(speedup, p);
            entries.add(new StrongScalingRow.Entry(p, medians[i], speedup, ci, speedup / p, karpFlatt,
                karpFlattNote(karpFlatt, p, ci, first.backend().equals("distributed"))));
        }
        StrongScalingRow.Amdahl amdahl = null;
        String note = null;
        if (threads.length >= MIN_FIT_POINTS) {
            double f = AmdahlFit.serialFraction(threads, medians);
            Interval fCi = Analysis.interval(Bootstrap.interval(samples, m -> AmdahlFit.serialFraction(threads, m), seed));
            Interval maxCi = fCi == null || fCi.high() == 0 ? null        // f = 0 throughout: unbounded
                : new Interval(1 / fCi.high(), fCi.low() == 0 ? null : 1 / fCi.low(), fCi.level());
            amdahl = new StrongScalingRow.Amdahl(f, fCi, f == 0 ? null : 1 / f, maxCi);
        } else {
            note = "an Amdahl fit needs at least " + MIN_FIT_POINTS + " thread counts; this sweep has " + threads.length;
        }
        return new StrongScalingRow(first.stage(), first.point(), first.backend(), first.inner(), sorted.get(0).size(),
            entries, amdahl, note);
    }

    /** What a Karp–Flatt value outside [0, 1] says, told apart from noise by the speedup's interval. */
    /** @param members the counts are a distributed backend's members, not threads */
    static String karpFlattNote(Double karpFlatt, int threads, Interval speedupCi, boolean members) {
        if (karpFlatt == null || karpFlatt >= 0 && karpFlatt <= 1) {
            return null;
        }
        if (karpFlatt < 0) {
            return speedupCi != null && speedupCi.low() <= threads
                ? "below 0 within noise: the speedup's 95% interval includes " + threads
                : members ? "below 0: superlinear speedup, typically from cache (each member's share fits in its caches)"
                : "below 0: superlinear speedup, typically from cache (each thread's share fits in its core's own cache)";
        }
        return speedupCi != null && speedupCi.high() != null && speedupCi.high() >= 1
            ? "above 1 within noise: the speedup's 95% interval includes 1"
            : members ? "above 1: slower than one member (sending the ranges and folding the replies costs more than they save)"
            : "above 1: slower than one thread (starting and joining the threads costs more than they save)";
    }
}
