package dev.lanes.core.report;

import dev.lanes.core.result.Interval;
import dev.lanes.core.result.Machine;
import dev.lanes.core.result.PointKey;
import dev.lanes.core.result.PointParam;
import dev.lanes.core.result.PointResult;
import dev.lanes.core.result.ProblemSize;
import dev.lanes.core.result.RoofShare;
import dev.lanes.core.result.RunResult;
import dev.lanes.core.result.SampleSummary;
import dev.lanes.core.result.Verification;
import dev.lanes.core.text.PointText;
import dev.lanes.core.text.SizeLiteral;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The cells the text formats share: how a point, a size, a check or an interval reads. */
final class Cells {
    private Cells() {
    }

    /** e.g. "lanes 0.1.0 · sum-of-squares (samples/sum-of-squares.yaml) · quick". */
    static String title(RunResult r) {
        return "lanes " + r.lanesVersion() + " · " + r.spec().name() + " (" + r.spec().file() + ")"
            + (r.spec().quick() ? " · SMOKE RUN (--quick: sizes and iterations shrunk; its times are not measurements)" : "")
            + shards(r) + (r.complete() ? "" : " · INCOMPLETE: the run did not finish");
    }

    /** " · SHARD 2/4 …" for a partial result, " · merged from 4 shards …" for a merged one, "" otherwise. */
    private static String shards(RunResult r) {
        if (r.shard() != null && r.shard().cutsBlocks()) {
            return " · SHARD " + r.shard().label() + " of the blocks (its part of each stage's block range: times and work "
                + "are the part's, checks wait for lanes merge)";
        }
        if (r.shard() != null) {
            return " · SHARD " + r.shard().label() + " (" + r.shard().own().size() + " of the workload's " + r.shard().units()
                + " units; lanes merge joins the shards)";
        }
        if (r.mergedFrom().isEmpty()) {
            return "";
        }
        long machines = r.shardMachines();
        return " · merged from " + r.mergedFrom().size() + " shards" + (machines > 1 ? " run on " + machines
            + " different machines (each point's figures are its shard's machine's)" : "");
    }

    static String machine(Machine m) {
        return m.cpuModel() + " · " + m.cores() + " cores · SIMD " + (m.simd().usable() ? m.simd().detail()
            : "unusable (" + m.simd().detail() + ")") + " · GPU " + (m.gpu().usable() ? m.gpu().detail()
            : "unusable (" + m.gpu().detail() + ")") + " · " + m.jvmVendor() + " " + m.jvmVersion();
    }

    /** "--set data.length=1M · --threads 1,2", or null when the run had neither. */
    static String overridesAndFlags(RunResult r) {
        List<String> parts = new ArrayList<>();
        r.spec().overrides().forEach(o -> parts.add("--set " + o));
        parts.addAll(r.spec().flags());
        return parts.isEmpty() ? null : String.join(" · ", parts);
    }

    /** e.g. "data.length=1M,type=f32"; "–" for no sweep. */
    static String point(List<PointParam> point) {
        return point.isEmpty() ? "–" : PointText.of(point.stream().map(p -> Map.entry(p.name(), p.value())).toList());
    }

    static String value(Object v) {
        return PointText.value(v);
    }

    /** "1M" for an element count, "n=1024", "batch=4096", "8192×8192". */
    static String size(ProblemSize size) {
        if (size.name().equals("elements")) {
            return count(size.dims().get(0));
        }
        if (size.dims().size() == 1) {
            return size.name() + "=" + count(size.dims().get(0));
        }
        return size.dims().stream().map(Cells::count).collect(Collectors.joining("×"));
    }

    /** A count as a size literal when that is shorter to read (1M, 64Mi), digits below 100 000 (1024, not 1Ki). */
    static String count(long n) {
        return SizeLiteral.readable(n);
    }

    /** "52.5 µs – 55.0 µs", with the level when it is below 95%. */
    static String medianInterval(PointResult p) {
        if (p.source()) {
            return "(data, timed once)";
        }
        SampleSummary s = p.summary();
        return Units.duration(s.ciLowNanos()) + " – " + Units.duration(s.ciHighNanos())
            + (s.ciLevel() < 0.95 ? " (" + Units.percent(s.ciLevel()) + ")" : "");
    }

    /** "32.3–32.8 µs", the unit once when both ends share it; "999 µs–1.01 ms" otherwise. */
    static String durationRange(double lowNanos, double highNanos) {
        String low = Units.duration(lowNanos);
        String high = Units.duration(highNanos);
        String unit = low.substring(low.indexOf(' '));
        return high.endsWith(unit) ? low.substring(0, low.indexOf(' ')) + "–" + high : low + "–" + high;
    }

    /**
     * The one rate that says most of a point, for narrow tables: GFLOP/s where compute
     * binds (by the roofline, else by at least one FLOP per byte), GB/s where memory does,
     * elements/s for work that is neither.
     */
    static String rate(PointResult p) {
        return switch (rateBound(p)) {
            case "compute" -> Units.sig(p.throughput().gflopsPerSecond()) + " GFLOP/s";
            case "memory" -> Units.sig(p.throughput().gigabytesPerSecond()) + " GB/s";
            default -> Units.count(p.throughput().elementsPerSecond()) + " elem/s";
        };
    }

    /** "compute", "memory" or "ops": which rate says most of a point (see {@link #rate}). */
    static String rateBound(PointResult p) {
        return p.roof() != null ? p.roof().bound()
            : p.flops() > 0 && p.flops() >= p.bytesMoved() ? "compute" : p.bytesMoved() > 0 ? "memory" : "ops";
    }

    static String check(Verification c) {
        if (c == null) {
            return "not verified";
        }
        String numbers = c.bound() == 0 ? Units.fixed(c.error(), 0) + " wrong"
            : Units.scientific(c.error()) + " ≤ " + Units.scientific(c.bound());
        return c.passed() ? "ok (" + numbers + ")"
            : "FAILED (" + (c.bound() == 0 ? numbers : Units.scientific(c.error()) + " > " + Units.scientific(c.bound())) + ")";
    }

    /** "ok", "FAILED", "–": a check in one word. */
    static String checkWord(Verification c) {
        return c == null ? "–" : c.passed() ? "ok" : "FAILED";
    }

    /**
     * e.g. "61% of 152 GB/s", "43% of 234 GFLOP/s", "80% of 3.1G random-point/s"; "above 52.3 GB/s"
     * where the measurement beat the ceiling, whose share would be a figure of the model's error
     * ({@link #aboveRoof}), not of the stage.
     */
    static String roof(RoofShare roof) {
        if (roof == null) {
            return "–";
        }
        return aboveRoof(roof) ? "above " + ceiling(roof) : String.format(Locale.ROOT, "%.0f%% of %s", 100 * roof.share(), ceiling(roof));
    }

    /** The binding ceiling in its unit: "152 GB/s", "234 GFLOP/s", "3.1G random-point/s". */
    static String ceiling(RoofShare roof) {
        return switch (roof.bound()) {
            case "memory" -> Units.sig(roof.ceiling()) + " GB/s";
            case "compute" -> Units.sig(roof.ceiling()) + " GFLOP/s";
            default -> Units.count(roof.ceiling()) + " " + roof.opKind() + "/s";
        };
    }

    /** Whether a measurement ran faster than its ceiling allows: a share the table prints as 101% or more. */
    static boolean aboveRoof(RoofShare roof) {
        return roof != null && roof.share() >= 1.005;
    }

    /** "squares (threads(simd) x2)" or "squares (threads(simd) x2, data.length=1M)". */
    static String stagePoint(PointKey k) {
        return k.stage() + " (" + k.labelWithThreads() + (k.point().isEmpty() ? "" : ", " + point(k.point())) + ")";
    }

    /** "1.80–1.95", or "" without an interval; an unbounded top reads "∞". */
    static String range(Interval ci, int decimals) {
        if (ci == null) {
            return "";
        }
        return Units.fixed(ci.low(), decimals) + "–" + (ci.high() == null ? "∞" : Units.fixed(ci.high(), decimals));
    }

    /** A figure with its interval: "0.063 (95% CI 0.040–0.090)". */
    static String withInterval(double value, Interval ci, int decimals) {
        return Units.fixed(value, decimals) + (ci == null ? "" : " (95% CI " + range(ci, decimals) + ")");
    }
}
