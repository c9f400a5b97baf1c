package dev.lanes.core.result;

import dev.lanes.core.stats.Bootstrap;

import java.util.ArrayList;
import java.util.List;

/**
 * Derives a run's facts from its points, once, in a fixed order: per point the noisy and
 * GC flags, then plan accuracy, strong and weak scaling, size growth, load balance, the
 * shares of a stage's named parts, the CPU time of a stage's processes, and a concurrent
 * schedule against the serial one.
 * Renderers show these rows; none computes them.
 */
public final class Analysis {
    /** Above this coefficient of variation a point is flagged noisy. */
    public static final double NOISY_CV = 0.10;

    private Analysis() {
    }

    public static List<DerivedRow> derive(List<PointResult> points, List<WeakAxis> weak, String calibration) {
        return derive(points, weak, calibration, false);
    }

    /**
     * The rows of a run; a smoke run ({@code --quick}: sizes and iterations shrunk) gets none,
     * because its times are not measurements: no scaling table, no fit, no plan accuracy.
     */
    public static List<DerivedRow> derive(List<PointResult> points, List<WeakAxis> weak, String calibration, boolean smoke) {
        return derive(points, weak, calibration, smoke, List.of());
    }

    /** As above, with the concurrent schedule's measurements of a concurrent run, against the serial ones. */
    public static List<DerivedRow> derive(List<PointResult> points, List<WeakAxis> weak, String calibration, boolean smoke,
                                          List<ConcurrentPoint> concurrent) {
        if (smoke) {
            return List.of();
        }
        List<DerivedRow> rows = new ArrayList<>();
        for (PointResult p : points) {
            if (!p.gcSamples().isEmpty()) {
                rows.add(new GcRow(p.key(), p.gcSamples().size(), p.samplesNanos().size()));
            }
            double cv = p.summary().coefficientOfVariation();
            if (!p.source() && p.summary().count() > 2 && cv > NOISY_CV) {
                rows.add(new NoisyRow(p.key(), cv, NOISY_CV));
            }
        }
        planAccuracy(points, calibration, rows);
        rows.addAll(StrongScalingAnalysis.rows(points, weak));
        rows.addAll(WeakScalingAnalysis.rows(points, weak));
        rows.addAll(GrowthAnalysis.rows(points));
        for (PointResult p : points) {
            loadBalance(p, rows);
        }
        for (PointResult p : points) {
            phases(p, rows);
        }
        for (PointResult p : points) {
            processes(p, rows);
        }
        rows.addAll(ScheduleAnalysis.rows(points, concurrent));
        return rows;
    }

    private static void planAccuracy(List<PointResult> points, String calibration, List<DerivedRow> rows) {
        double[] ratios = points.stream().map(PointResult::planAccuracy).filter(java.util.Objects::nonNull)
            .mapToDouble(Double::doubleValue).sorted().toArray();
        if (ratios.length == 0) {
            return;
        }
        int n = ratios.length;
        rows.add(new PlanAccuracyRow(Bootstrap.median(ratios.clone()), ratios[0], ratios[n - 1], n, calibration));
    }

    private static void loadBalance(PointResult p, List<DerivedRow> rows) {
        List<Long> busy = p.workerBusyNanos();
        if (p.source() || busy.size() < 2) {        // a data stage runs once and is not benchmarked
            return;
        }
        double total = busy.stream().mapToLong(Long::longValue).sum();
        double wall = p.samplesNanos().stream().mapToLong(Long::longValue).sum();
        if (total <= 0 || wall <= 0) {
            return;
        }
        double max = busy.stream().mapToLong(Long::longValue).max().orElseThrow();
        double idle = Math.max(0, 1 - total / (busy.size() * wall));
        rows.add(new LoadBalanceRow(p.key(), max / (total / busy.size()), idle));
    }

    private static void phases(PointResult p, List<DerivedRow> rows) {
        long[] samples = p.samples();
        if (p.phases().isEmpty() || samples.length == 0) {
            return;
        }
        List<PhaseRow.Part> parts = p.phases().stream().map(phase -> {
            long[] nanos = phase.samplesNanos().stream().mapToLong(Long::longValue).toArray();
            double[] shares = new double[nanos.length];
            for (int i = 0; i < nanos.length; i++) {
                shares[i] = samples[i] == 0 ? 0 : (double) nanos[i] / samples[i];
            }
            return new PhaseRow.Part(phase.name(), Bootstrap.median(nanos), Bootstrap.median(shares));
        }).toList();
        rows.add(new PhaseRow(p.key(), parts));
    }

    private static void processes(PointResult p, List<DerivedRow> rows) {
        if (p.processCpu() == null || p.samplesNanos().isEmpty()) {
            return;
        }
        long[] user = p.processCpu().userNanos().stream().mapToLong(Long::longValue).toArray();
        long[] system = p.processCpu().systemNanos().stream().mapToLong(Long::longValue).toArray();
        long[] wall = p.samples();
        double[] utilisation = new double[wall.length];
        for (int i = 0; i < wall.length; i++) {
            utilisation[i] = wall[i] == 0 ? 0 : (double) (user[i] + system[i]) / wall[i];
        }
        rows.add(new ProcessRow(p.key(), Bootstrap.median(user), Bootstrap.median(system), Bootstrap.median(utilisation)));
    }

    /** The point's parameters without one of them. */
    static List<PointParam> without(List<PointParam> point, String name) {
        return point.stream().filter(q -> !q.name().equals(name)).toList();
    }

    static Interval interval(double[] lowHigh) {
        return Double.isNaN(lowHigh[0]) ? null : new Interval(lowHigh[0], lowHigh[1], Bootstrap.LEVEL);
    }
}
