package dev.lanes.core.gate;

import dev.lanes.core.result.PointKey;
import dev.lanes.core.result.StageGate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Synthetic measured runs: each run's points get a run effect (its JVM) and samples around it. */
final class GateFixtures {
    private GateFixtures() {
    }

    static PointKey key(String stage) {
        return new PointKey(stage, List.of(), "threads", "simd", 2);
    }

    /** Samples around {@code nanos}, spread by {@code cv}, from a seeded generator. */
    static double[] samples(double nanos, double cv, int n, SplittableRandom random) {
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = nanos * Math.exp(cv * gaussian(random));
        }
        return s;
    }

    static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    static MeasuredPoint point(String stage, double nanos, double cv, int n, SplittableRandom random) {
        return new MeasuredPoint(key(stage), "sum-of-squares", "def-" + stage, List.of(samples(nanos, cv, n, random)));
    }

    static MeasuredRun run(List<MeasuredPoint> points) {
        return run(points, List.of());
    }

    static MeasuredRun run(List<MeasuredPoint> points, List<StageGate> gates) {
        return new MeasuredRun("spec", "Test CPU", "fp", "lanes 0.1.0", true, gates, points);
    }

    /**
     * One run of stages "s0".."s{count-1}" at {@code nanos × factor}, each with a run effect
     * of {@code runSpread} (a JVM's own speed) and {@code cv} within it.
     */
    static MeasuredRun noisyRun(int count, double factor, double runSpread, double cv, SplittableRandom random) {
        List<MeasuredPoint> points = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double nanos = 1e5 * (i + 1) * factor * Math.exp(runSpread * gaussian(random));
            points.add(point("s" + i, nanos, cv, 20, random));
        }
        return run(points);
    }
}
