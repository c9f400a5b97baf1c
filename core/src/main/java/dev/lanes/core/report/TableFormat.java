package dev.lanes.core.report;

import dev.lanes.core.exec.DevicePhases;
import dev.lanes.core.kernel.Check;
import dev.lanes.core.kernel.Work;
import dev.lanes.core.machine.MachineInfo;
import dev.lanes.core.run.GrowthResult;
import dev.lanes.core.run.RunResult;
import dev.lanes.core.run.ScalingResult;
import dev.lanes.core.run.StageResult;
import dev.lanes.core.run.Throughput;
import dev.lanes.core.text.SizeLiteral;
import dev.lanes.core.stats.ScalingRow;
import dev.lanes.core.stats.Summary;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The terminal table: one row per measurement, then a scaling table per thread sweep. */
public final class TableFormat implements ResultFormat {
    /** Above this coefficient of variation a measurement is flagged noisy. */
    static final double NOISY_CV = 0.10;

    @Override
    public String render(RunResult result) {
        StringBuilder out = new StringBuilder();
        MachineInfo m = result.machine();
        out.append("lanes ").append(result.lanesVersion()).append(" · ").append(result.workload().name())
            .append(" (").append(result.workload().source()).append(")").append(result.workload().quick() ? " · quick" : "")
            .append('\n');
        out.append(m.cpuModel()).append(" · ").append(m.cores()).append(" cores · SIMD ")
            .append(m.simd().usable() ? m.simd().detail() : "unusable (" + m.simd().detail() + ")")
            .append(" · GPU ").append(m.gpu().usable() ? m.gpu().detail() : "unusable (" + m.gpu().detail() + ")")
            .append(" · ").append(m.jvmVendor()).append(' ').append(m.jvmVersion()).append("\n\n");

        boolean swept = result.stages().stream().anyMatch(s -> !s.point().isEmpty());
        boolean planned = result.stages().stream().anyMatch(s -> s.estimate() != null);
        List<String> header = new ArrayList<>(List.of("stage", "backend", "threads", "n", "median", "95% CI of median",
            "elem/s", "GB/s", "GFLOP/s", "check"));
        List<Boolean> right = new ArrayList<>(List.of(false, false, true, true, true, false, true, true, true, false));
        if (planned) {
            header.add(6, "estimate");
            right.add(6, true);
            header.add("of roof");
            right.add(false);
        }
        if (swept) {
            header.add(1, "point");
            right.add(1, false);
        }
        TextTable table = new TextTable(header, right);
        for (StageResult s : result.stages()) {
            Summary sum = s.summary();
            String ci = s.source() ? "(data, timed once)"
                : Units.duration(sum.medianInterval().lowNanos()) + " – " + Units.duration(sum.medianInterval().highNanos())
                + (sum.medianInterval().level() < 0.95 ? " (" + Units.percent(sum.medianInterval().level()) + ")" : "");
            List<String> row = new ArrayList<>(List.of(s.stage(), s.backend(), Integer.toString(s.threads()),
                SizeLiteral.format(s.elements()), Units.duration(sum.medianNanos()), ci,
                Units.count(s.throughput().elementsPerSecond()), Units.sig(s.throughput().gigabytesPerSecond()),
                s.flops() == 0 ? "–" : Units.sig(s.throughput().gflopsPerSecond()), check(s)));
            if (planned) {
                row.add(6, s.estimate() == null ? "–" : Units.duration(s.estimate().nanos()));
                row.add(s.roof() == null ? "–" : s.roof().describe());
            }
            if (swept) {
                row.add(1, point(s.point()));
            }
            table.add(row);
        }
        out.append(table.render());
        devicePhases(out, result);
        planAccuracy(out, result);
        notes(out, result);
        for (ScalingResult sc : result.scaling()) {
            scaling(out, sc);
        }
        for (GrowthResult g : result.growth()) {
            out.append('\n').append("Size growth · ").append(g.stage()).append(" (").append(g.backend())
                .append(g.threads() > 1 ? " x" + g.threads() : "").append("): time ∝ n^")
                .append(Units.fixed(g.fit().exponent(), 2)).append(" (r² = ").append(Units.fixed(g.fit().rSquared(), 3))
                .append(", ").append(g.fit().points()).append(" sizes)\n");
        }
        return out.toString();
    }

    /**
     * Where device stages spent their time, from the device's clock: copies in, kernels,
     * copies back (each with its rate), and the host's copies into and out of pinned memory.
     */
    private static void devicePhases(StringBuilder out, RunResult result) {
        List<StageResult> onDevice = result.stages().stream().filter(s -> s.device() != null).toList();
        if (onDevice.isEmpty()) {
            return;
        }
        out.append('\n').append("Device phases · medians (CUDA events; host copies by the host clock; a device stage's "
            + "'of roof' is its kernels' time against the device's calibrated peak and copy bandwidth)\n");
        TextTable t = new TextTable(List.of("stage", "to device", "GB/s", "kernel", "launches", "kernel GB/s", "kernel GFLOP/s",
            "to host", "GB/s", "host copies", "end to end"), List.of(false, true, true, true, true, true, true, true, true, true, true));
        for (StageResult s : onDevice) {
            DevicePhases d = s.device();
            Throughput kernel = Throughput.of(new Work(s.elements(), s.flops(), s.bytesMoved()), d.kernelNanos());
            t.add(List.of(s.stage(), Units.duration(d.toDeviceNanos()), d.toDeviceBytes() == 0 ? "–" : Units.sig(d.toDeviceGbps()),
                Units.duration(d.kernelNanos()), Integer.toString(d.launches()), Units.sig(kernel.gigabytesPerSecond()),
                s.flops() == 0 ? "–" : Units.sig(kernel.gflopsPerSecond()), Units.duration(d.toHostNanos()),
                d.toHostBytes() == 0 ? "–" : Units.sig(d.toHostGbps()), Units.duration(d.hostCopyNanos()),
                Units.duration(s.summary().medianNanos())));
        }
        out.append(t.render());
    }

    /** Estimate ÷ measured over every measured stage: how far to trust `lanes plan`. */
    private static void planAccuracy(StringBuilder out, RunResult result) {
        List<Double> ratios = result.stages().stream().map(StageResult::planAccuracy).filter(java.util.Objects::nonNull)
            .sorted().toList();
        if (ratios.isEmpty()) {
            return;
        }
        double median = ratios.size() % 2 == 1 ? ratios.get(ratios.size() / 2)
            : (ratios.get(ratios.size() / 2 - 1) + ratios.get(ratios.size() / 2)) / 2;
        out.append("plan accuracy (estimate ÷ measured): median ").append(Units.fixed(median, 2)).append(", range ")
            .append(Units.fixed(ratios.get(0), 2)).append("–").append(Units.fixed(ratios.get(ratios.size() - 1), 2))
            .append(" over ").append(ratios.size()).append(ratios.size() == 1 ? " measurement" : " measurements")
            .append(" (").append(result.profile() == null ? "no profile" : result.profile()).append(")\n");
    }

    private static void notes(StringBuilder out, RunResult result) {
        Set<String> notes = new LinkedHashSet<>();
        for (StageResult s : result.stages()) {
            if (s.note() != null) {
                notes.add(s.stage() + ": " + s.note());
            }
            if (!s.gcSamples().isEmpty()) {
                notes.add(s.stage() + " (" + s.backend() + " x" + s.threads() + "): a GC ran during "
                    + s.gcSamples().size() + " of " + s.samplesNanos().size() + " samples");
            }
            if (!s.source() && s.summary().count() > 2 && s.summary().coefficientOfVariation() > NOISY_CV) {
                notes.add(s.stage() + " (" + s.backend() + " x" + s.threads() + "): noisy, coefficient of variation "
                    + Units.percent(s.summary().coefficientOfVariation()));
            }
        }
        for (String note : notes) {
            out.append("note: ").append(note).append('\n');
        }
    }

    private static void scaling(StringBuilder out, ScalingResult sc) {
        out.append('\n').append("Strong scaling · ").append(sc.stage()).append(" (").append(sc.backend()).append(", n = ")
            .append(SizeLiteral.format(sc.elements())).append(sc.point().isEmpty() ? "" : ", " + point(sc.point()))
            .append(")\n");
        TextTable t = new TextTable(List.of("threads", "median", "speedup", "efficiency", "Karp–Flatt"),
            List.of(true, true, true, true, true));
        for (ScalingRow r : sc.scaling().rows()) {
            t.add(List.of(Integer.toString(r.threads()), Units.duration(r.medianNanos()), Units.fixed(r.speedup(), 2),
                Units.percent(r.efficiency()), r.karpFlatt() == null ? "–" : Units.fixed(r.karpFlatt(), 3)));
        }
        out.append(t.render());
        var amdahl = sc.scaling().amdahl();
        out.append("Amdahl fit: serial fraction f = ").append(Units.fixed(amdahl.serialFraction(), 3))
            .append(", max speedup 1/f = ")
            .append(amdahl.maxSpeedup() == null ? "unbounded" : Units.sig(amdahl.maxSpeedup()) + "x").append('\n');
    }

    private static String check(StageResult s) {
        Check c = s.check();
        if (c == null) {
            return "not verified";
        }
        String numbers = c.bound() == 0 ? Units.fixed(c.error(), 0) + " wrong" : Units.scientific(c.error()) + " ≤ " + Units.scientific(c.bound());
        return c.passed() ? "ok (" + numbers + ")" : "FAILED (" + (c.bound() == 0 ? numbers : Units.scientific(c.error()) + " > " + Units.scientific(c.bound())) + ")";
    }

    private static String point(Map<String, Object> point) {
        return point.isEmpty() ? "–" : point.entrySet().stream()
            .map(e -> e.getKey() + "=" + (e.getValue() instanceof Long l ? SizeLiteral.format(l) : e.getValue()))
            .collect(Collectors.joining(","));
    }
}
