package dev.lanes.core.result;

import java.util.ArrayList;
import java.util.List;

/**
 * Results built from fixed numbers, as a run would make them (timings normalized): the
 * golden-file and round-trip tests render them, so nothing in them depends on the machine.
 */
public final class ResultFixtures {
    private ResultFixtures() {
    }

    public static Machine machine() {
        return new Machine("Test CPU @ 3.0GHz", 4, "Linux 6.0", "amd64", 8L << 30, "Test Vendor", "25.0.1",
            "OpenJDK 64-Bit Server VM", "mixed mode", new Capability(true, "256-bit: 4 x f64, 8 x f32"),
            new Capability(false, "no NVIDIA driver"), "0123456789abcdef");
    }

    /**
     * A size sweep (data.length 1M, 2M, 4M) of a sum of squares at 1, 2 and 4 threads that
     * scales as Amdahl's law with f = 0.1, its data stage, and a matrix product at n = 512 on
     * a device.
     */
    public static RunResult sweep() {
        List<PointResult> points = new ArrayList<>();
        long[] lengths = {1_000_000, 2_000_000, 4_000_000};
        for (long n : lengths) {
            List<PointParam> point = List.of(new PointParam("data.length", n));
            points.add(point(new PointKey("data", point, "threads", "scalar", 4), "generate", true,
                ProblemSize.elements(n), n, 0, 8.0 * n, new long[] {n / 2}, List.of(), List.of()));
            for (int p : new int[] {1, 2, 4}) {
                double t = n * 0.1 * (0.1 + 0.9 / p);
                long[] samples = new long[10];
                for (int i = 0; i < samples.length; i++) {
                    samples[i] = Math.round(t * (1 + ((i * 7919L) % 11 - 5) / 500.0));
                }
                List<Long> busy = p == 1 ? List.of() : busy(p, samples);
                points.add(point(new PointKey("squares", point, "threads", "simd", p), "sum-of-squares", false,
                    ProblemSize.elements(n), n, 2.0 * n, 8.0 * n, samples, p == 4 ? List.of(3) : List.of(), busy));
            }
        }
        PointResult product = point(new PointKey("product", List.of(new PointParam("data.length", 1_000_000L)), "gpu", "gpu", 1),
            "matmul", false, new ProblemSize("n", List.of(512L)), 512 * 512, 2.0 * 512 * 512 * 512, 3.0 * 512 * 512 * 4,
            new long[] {310_000, 300_000, 305_000, 302_000, 420_000}, List.of(), List.of());
        points.add(new PointResult(product.key(), product.kernel(), product.definition(), false, product.size(),
            product.elements(), product.flops(), product.bytesMoved(), product.samplesNanos(), List.of(), product.gcSamples(),
            product.summary(), product.throughput(),
            new RoofShare(0.25, "compute", 40_000, null, 40_000.0, 2_000.0), new PlanEstimate(250_000, "compute", 250_000, 80_000, 20_000),
            product.check(), product.checksum(), product.output(), new DeviceTimes(40_000, 100_000, 3_145_728, 150_000, 1,
                50_000, 1_048_576), List.of(), List.of(), List.of(), null, List.of("one-time device costs, not in the samples: context 120 ms")));
        SpecInfo spec = new SpecInfo("fixture", "fixture.yaml", "sha256:" + "0".repeat(64), false,
            new RunSettings(3, 10, 300, List.of(1, 2, 4), true, "auto"), List.of("data.seed=7"), List.of("--threads 1,2,4"),
            List.of(), List.of(new StageGate("product", false, 0.2)), List.of());
        return new RunResult(RunResult.SCHEMA, true, "0.1.0", "2026-12-01T12:00:00Z", machine(), "calibrate 2026-12-01T11:00:00Z",
            spec, points, Analysis.derive(points, spec.weak(), "calibrate 2026-12-01T11:00:00Z"));
    }

    /**
     * A weak-scaling run: data.length grows as 1M × p over 1, 2 and 4 threads and the
     * scaled speedup follows Gustafson's law with a serial fraction of 0.2.
     */
    public static RunResult weak() {
        List<PointResult> points = new ArrayList<>();
        for (int p : new int[] {1, 2, 4}) {
            long n = 1_000_000L * p;
            double t = 1e6 * p / (p - 0.2 * (p - 1));
            long[] samples = new long[8];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = Math.round(t * (1 + ((i * 31L) % 7 - 3) / 400.0));
            }
            points.add(point(new PointKey("squares", List.of(), "threads", "simd", p), "sum-of-squares", false,
                ProblemSize.elements(n), n, 2.0 * n, 8.0 * n, samples, List.of(), p == 1 ? List.of() : busy(p, samples)));
        }
        SpecInfo spec = new SpecInfo("weak", "weak.yaml", "sha256:" + "1".repeat(64), false,
            new RunSettings(3, 8, 300, List.of(1, 2, 4), true, "threads"), List.of(), List.of(),
            List.of(new WeakAxis("squares", "data.length")), List.of(), List.of());
        return new RunResult(RunResult.SCHEMA, true, "0.1.0", "2026-12-01T13:00:00Z", machine(), null, spec, points,
            Analysis.derive(points, spec.weak(), null));
    }

    /**
     * A training stage on 1 and 2 threads whose samples are timed in three parts: the
     * reduction takes 10% of each sample at 1 thread and 20% at 2.
     */
    public static RunResult training() {
        List<PointResult> points = new ArrayList<>();
        for (int p : new int[] {1, 2}) {
            long[] samples = new long[6];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = (p == 1 ? 2_000_000 : 1_200_000) + 10_000L * i;
            }
            double reduce = p == 1 ? 0.1 : 0.2;
            PointResult plain = point(new PointKey("train", List.of(), "threads", "simd", p), "mlp-train", false,
                ProblemSize.elements(64), 64, 1.5e8, 4e6, samples, List.of(), p == 1 ? List.of() : busy(p, samples));
            List<PhaseSamples> phases = List.of(
                new PhaseSamples("pack", java.util.Arrays.stream(samples).map(t -> t / 20).boxed().toList()),
                new PhaseSamples("forward+backward", java.util.Arrays.stream(samples)
                    .map(t -> Math.round(t * (0.95 - reduce))).boxed().toList()),
                new PhaseSamples("reduce+update", java.util.Arrays.stream(samples).map(t -> Math.round(t * reduce)).boxed().toList()));
            points.add(new PointResult(plain.key(), plain.kernel(), plain.definition(), false, plain.size(), plain.elements(),
                plain.flops(), plain.bytesMoved(), plain.samplesNanos(), List.of(), List.of(), plain.summary(), plain.throughput(),
                null, null, plain.check(), plain.checksum(), "loss 2.3026, f32[535818] parameters", null, List.of(),
                plain.workerBusyNanos(), phases, null, List.of()));
        }
        SpecInfo spec = new SpecInfo("training", "training.yaml", "sha256:" + "2".repeat(64), false,
            new RunSettings(3, 6, 300, List.of(1, 2), true, "threads"), List.of(), List.of(), List.of(), List.of(), List.of());
        return new RunResult(RunResult.SCHEMA, true, "0.1.0", "2026-12-02T02:00:00Z", machine(), null, spec, points,
            Analysis.derive(points, spec.weak(), null));
    }

    /** Busy time per worker, busiest first: worker 0 takes 10% more than its share. */
    private static List<Long> busy(int p, long[] samples) {
        long total = 0;
        for (long s : samples) {
            total += s;
        }
        List<Long> busy = new ArrayList<>();
        for (int w = 0; w < p; w++) {
            busy.add(Math.round(total * 0.9 * (w == 0 ? 1.1 : 1 - 0.1 / (p - 1))));
        }
        return busy;
    }

    static PointResult point(PointKey key, String kernel, boolean source, ProblemSize size, long elements, double flops,
                             double bytes, long[] samples, List<Integer> gc, List<Long> busy) {
        SampleSummary summary = summary(samples);
        List<Long> boxed = java.util.Arrays.stream(samples).boxed().toList();
        return new PointResult(key, kernel, definition(key.stage(), key.point()), source, size, elements, flops, bytes, boxed,
            List.of(), gc, summary,
            Throughput.of(elements, flops, bytes, summary.medianNanos()), null, null,
            new Verification(true, "sum vs compensated f64 reference", 1e-15, 1e-12), 42.5, "f64[" + elements + "]", null,
            List.of(), busy, List.of(), null, List.of());
    }

    /** A stand-in for the digest of a stage's definition at a point: the same for the same stage and point. */
    static String definition(String stage, List<PointParam> point) {
        return Integer.toHexString((stage + point).hashCode());
    }

    /** A summary as the runner computes it, without the runner: min..max is the interval here. */
    static SampleSummary summary(long[] samples) {
        long[] sorted = samples.clone();
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + (double) sorted[n / 2]) / 2;
        double mean = java.util.Arrays.stream(sorted).average().orElseThrow();
        double var = java.util.Arrays.stream(sorted).mapToDouble(s -> (s - mean) * (s - mean)).sum() / Math.max(1, n - 1);
        return new SampleSummary(n, median, mean, Math.sqrt(var), sorted[0], sorted[n - 1], sorted[Math.min(1, n - 1)],
            sorted[Math.max(0, n - 2)], n >= 6 ? 0.96 : 1 - Math.pow(2, 1 - n));
    }
}
