package dev.lanes.core.report;

import dev.lanes.core.result.DeviceTimes;
import dev.lanes.core.result.GcRow;
import dev.lanes.core.result.LoadBalanceRow;
import dev.lanes.core.result.NoisyRow;
import dev.lanes.core.result.PhaseRow;
import dev.lanes.core.result.PlanAccuracyRow;
import dev.lanes.core.result.PointKey;
import dev.lanes.core.result.PointResult;
import dev.lanes.core.result.ProcessRow;
import dev.lanes.core.result.RunResult;
import dev.lanes.core.result.ScheduleRow;
import dev.lanes.core.result.SizeGrowthRow;
import dev.lanes.core.result.StrongScalingRow;
import dev.lanes.core.result.Throughput;
import dev.lanes.core.result.WeakScalingRow;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The sections after a run's main table, from its points and derived rows, formatted and never computed. */
final class Sections {
    private Sections() {
    }

    /**
     * @param all every result being rendered: a weak-scaling fit is shown beside the Amdahl fit
     *            of the same stage from any of them
     */
    static List<Section> of(RunResult r, List<RunResult> all) {
        List<Section> sections = new ArrayList<>();
        devicePhases(r).ifPresent(sections::add);
        members(r).ifPresent(sections::add);
        List<String> summary = new ArrayList<>();
        for (PlanAccuracyRow a : r.rows(PlanAccuracyRow.class)) {
            summary.add("plan accuracy (estimate ÷ measured): median " + Units.fixed(a.median(), 2) + ", range "
                + Units.fixed(a.min(), 2) + "–" + Units.fixed(a.max(), 2) + " over " + a.measurements()
                + (a.measurements() == 1 ? " measurement" : " measurements") + " ("
                + (a.calibration() == null ? "no calibration" : a.calibration()) + ")");
        }
        r.failures().forEach(f -> summary.add("FAILED: " + f.describe()));
        notes(r).forEach(n -> summary.add("note: " + n));
        if (!summary.isEmpty()) {
            sections.add(new Section(null, null, summary));
        }
        loadBalance(r).ifPresent(sections::add);
        phases(r).ifPresent(sections::add);
        processes(r).ifPresent(sections::add);
        r.rows(ScheduleRow.class).forEach(row -> sections.add(schedule(row)));
        r.rows(StrongScalingRow.class).forEach(s -> sections.add(strong(s, r.rows(PhaseRow.class), sharedHost(r, s))));
        r.rows(WeakScalingRow.class).forEach(w -> sections.add(weak(w, all)));
        List<String> growth = r.rows(SizeGrowthRow.class).stream().map(Sections::growth).toList();
        if (!growth.isEmpty()) {
            sections.add(new Section("Size growth · time against each swept size, log-log least squares", null, growth));
        }
        return sections;
    }

    private static Set<String> notes(RunResult r) {
        Set<String> notes = new LinkedHashSet<>();
        for (PointResult p : r.points()) {
            p.notes().forEach(n -> notes.add(p.key().stage() + ": " + n));
        }
        for (PointResult p : r.points()) {
            if (Cells.aboveRoof(p.roof())) {
                notes.add(Cells.stagePoint(p.key()) + ": faster than its ceiling, " + Cells.ceiling(p.roof())
                    + ": the model is wrong for this stage (a ceiling lanes does not know), so no share of it is shown");
            }
        }
        for (GcRow g : r.rows(GcRow.class)) {
            notes.add(Cells.stagePoint(g.key()) + ": a GC ran during " + g.samplesWithGc() + " of " + g.samples() + " samples");
        }
        for (NoisyRow n : r.rows(NoisyRow.class)) {
            notes.add(Cells.stagePoint(n.key()) + ": noisy, coefficient of variation " + Units.percent(n.coefficientOfVariation())
                + " (above " + Units.percent(n.bound()) + ")");
        }
        return notes;
    }

    /**
     * Where device stages spent their time, from the device's clock: copies in, kernels,
     * copies back (each with its rate), and the host's copies into and out of pinned memory.
     */
    private static java.util.Optional<Section> devicePhases(RunResult r) {
        List<PointResult> onDevice = r.points().stream().filter(p -> p.device() != null).toList();
        if (onDevice.isEmpty()) {
            return java.util.Optional.empty();
        }
        Grid t = new Grid().column("stage", false).column("to device", true).column("GB/s", true).column("kernel", true)
            .column("launches", true).column("kernel GB/s", true).column("kernel GFLOP/s", true).column("to host", true)
            .column("GB/s", true).column("host copies", true).column("end to end", true);
        for (PointResult p : onDevice) {
            DeviceTimes d = p.device();
            Throughput kernel = Throughput.of(p.elements(), p.flops(), p.bytesMoved(), d.kernelNanos());
            t.row(List.of(p.key().stage(), Units.duration(d.toDeviceNanos()),
                d.toDeviceBytes() == 0 ? "–" : Units.sig(rate(d.toDeviceBytes(), d.toDeviceNanos())),
                Units.duration(d.kernelNanos()), Integer.toString(d.launches()), Units.sig(kernel.gigabytesPerSecond()),
                p.flops() == 0 ? "–" : Units.sig(kernel.gflopsPerSecond()), Units.duration(d.toHostNanos()),
                d.toHostBytes() == 0 ? "–" : Units.sig(rate(d.toHostBytes(), d.toHostNanos())),
                Units.duration(d.hostCopyNanos()), Units.duration(p.summary().medianNanos())));
        }
        return java.util.Optional.of(new Section("Device phases · medians (CUDA events; host copies by the host clock; a "
            + "device stage's 'of roof' is its kernels' time against the device's calibrated peak and copy bandwidth)", t,
            List.of()));
    }

    /**
     * What each member of the distributed backend did at each point: its blocks and elements,
     * its median compute, the bytes each way; then the communication, the imbalance and, when
     * the members share a host, that their times are not a speedup.
     */
    private static java.util.Optional<Section> members(RunResult r) {
        List<PointResult> spread = r.points().stream().filter(p -> p.cluster() != null).toList();
        if (spread.isEmpty()) {
            return java.util.Optional.empty();
        }
        KeyColumns keys = KeyColumns.of(spread.stream().map(PointResult::key).toList());
        Grid t = keys.grid().column("member", false).column("pid", true).column("blocks", true).column("elements", true)
            .column("compute", true).column("sent", true).column("received", true).column("round trip", true)
            .column("set-up", true);
        List<String> lines = new ArrayList<>();
        for (PointResult p : spread) {
            dev.lanes.core.result.ClusterTimes c = p.cluster();
            for (dev.lanes.core.result.ClusterTimes.MemberWork m : c.members()) {
                List<String> row = keys.cells(p.key());
                // shards that ran apart sent nothing and had no dispatch: their kept answer is what they "received"
                row.addAll(List.of(m.member(), Long.toString(m.pid()), m.firstBlock() + "–" + (m.endBlock() - 1),
                    Units.count(m.elements()), Units.duration(m.computeNanos()), c.apart() ? "–" : bytes(m.bytesOut()),
                    bytes(m.bytesIn()), c.apart() ? "–" : Units.duration(m.roundTripNanos()),
                    m.setupNanos() == 0 ? "–" : Units.duration(m.setupNanos())));
                t.row(row);
            }
            if (c.apart()) {
                lines.add(Cells.stagePoint(p.key()) + ": " + c.members().size() + " shards ran its blocks apart; its time "
                    + Units.duration(p.summary().medianNanos()) + " is the slowest shard's part, imbalance "
                    + Units.fixed(c.imbalance(), 2) + (c.sharedHost() ? "; the shards ran on one host" : ""));
                continue;
            }
            lines.add(Cells.stagePoint(p.key()) + ": communication " + Units.duration(c.communicationNanos())
                + " of " + Units.duration(p.summary().medianNanos()) + " (the sample less its slowest member's compute), "
                + "imbalance " + Units.fixed(c.imbalance(), 2) + (c.sharedHost() ? "; the members share a host, so their "
                + "time is not a speedup over one machine" : ""));
        }
        long formed = spread.get(0).cluster().formationNanos();
        if (formed > 0) {
            lines.add("the driver joined the cluster in " + Units.duration(formed) + ", before the run");
        }
        return java.util.Optional.of(new Section("Members · each member's contiguous block range, median compute on its own "
            + "clock, bytes per sample; round trip: a request that does no work, before the warm-up; set-up: the member "
            + "loading the spec, making the inputs and binding the stage, in the warm-up (in no sample); a shard of "
            + "--shard-by blocks is a member whose answer was kept in its partial result", t, lines));
    }

    private static String bytes(long b) {
        return b < 1024 ? b + " B" : b < 1 << 20 ? Units.sig(b / 1024.0) + " KiB" : Units.sig(b / 1048576.0) + " MiB";
    }

    private static double rate(long bytes, long nanos) {
        return nanos == 0 ? 0 : (double) bytes / nanos;
    }

    private static java.util.Optional<Section> loadBalance(RunResult r) {
        List<LoadBalanceRow> rows = r.rows(LoadBalanceRow.class);
        if (rows.isEmpty()) {
            return java.util.Optional.empty();
        }
        KeyColumns keys = KeyColumns.of(rows.stream().map(LoadBalanceRow::key).toList());
        Grid t = keys.grid().column("backend", false).column("threads", true).column("imbalance", true).column("idle", true);
        for (LoadBalanceRow b : rows) {
            List<String> row = keys.cells(b.key());
            row.addAll(List.of(b.key().label(), Integer.toString(b.key().threads()), Units.fixed(b.imbalance(), 2),
                Units.percent(b.idleShare())));
            t.row(row);
        }
        return java.util.Optional.of(new Section("Load balance · imbalance = busiest worker's time in blocks ÷ the mean; "
            + "idle = share of the threads' time outside blocks", t, List.of()));
    }

    /** Each named part of a stage per point: its median and its share of the stage's time. */
    private static java.util.Optional<Section> phases(RunResult r) {
        List<PhaseRow> rows = r.rows(PhaseRow.class);
        if (rows.isEmpty()) {
            return java.util.Optional.empty();
        }
        KeyColumns keys = KeyColumns.of(rows.stream().map(PhaseRow::key).toList());
        Grid t = keys.grid().column("backend", false).column("threads", true).column("part", false).column("median", true)
            .column("share", true);
        for (PhaseRow p : rows) {
            for (PhaseRow.Part part : p.parts()) {
                List<String> row = keys.cells(p.key());
                row.addAll(List.of(p.key().label(), Integer.toString(p.key().threads()), part.name(),
                    Units.duration(part.medianNanos()), Units.percent(part.share())));
                t.row(row);
            }
        }
        return java.util.Optional.of(new Section("Parts of a stage · each part timed apart in every sample, from its first "
            + "block to its last; share = the median of its time ÷ the sample's", t, List.of()));
    }

    /**
     * Stages that start processes: their CPU time against the wall time (medians over samples),
     * and what the stage says of its tasks (how they ended, what starting a process costs).
     */
    private static java.util.Optional<Section> processes(RunResult r) {
        List<ProcessRow> rows = r.rows(ProcessRow.class);
        if (rows.isEmpty()) {
            return java.util.Optional.empty();
        }
        KeyColumns keys = KeyColumns.of(rows.stream().map(ProcessRow::key).toList());
        Grid t = keys.grid().column("at once", true).column("wall", true).column("user", true).column("system", true)
            .column("CPU ÷ wall", true);
        List<String> lines = new ArrayList<>();
        for (ProcessRow row : rows) {
            PointResult p = r.points().stream().filter(q -> q.key().equals(row.key())).findFirst().orElseThrow();
            List<String> cells = keys.cells(row.key());
            cells.addAll(List.of(Integer.toString(row.key().threads()), Units.duration(p.summary().medianNanos()),
                Units.duration(row.userNanos()), Units.duration(row.systemNanos()), Units.fixed(row.utilisation(), 2)));
            t.row(cells);
            lines.add(row.key().stage() + ": " + p.output());
        }
        lines.add("user and system: the CPU time of the tasks' processes (and of what they waited for) in a sample, summed, "
            + "from each process's own accounts (wait4) where lanes started it, else in the kernel's 10 ms ticks; CPU ÷ wall "
            + "above 1 means tasks ran on several cores at once");
        return java.util.Optional.of(new Section("Processes · CPU time against wall time, medians over samples; "
            + "at once = tasks running together", t, new ArrayList<>(new LinkedHashSet<>(lines))));
    }

    /** A concurrent run's point: each stage in both schedules, the two totals, their ratio and the critical path. */
    private static Section schedule(ScheduleRow s) {
        Grid t = new Grid().column("set", true).column("stage", false).column("threads", true).column("together", true)
            .column("alone", true).column("serial on", false);
        for (ScheduleRow.StageTime st : s.stages()) {
            t.row(List.of(Integer.toString(st.set()), st.stage(), Integer.toString(st.threads()),
                Units.duration(st.concurrentNanos()), Units.duration(st.serialNanos()), st.serialLabel()));
        }
        List<String> lines = new ArrayList<>();
        for (ScheduleRow.SetTime set : s.sets()) {
            lines.add("set " + set.set() + " (" + String.join(" + ", set.stages()) + "): " + Units.duration(set.wallNanos())
                + (set.together() ? " together" : set.stages().size() == 1 ? " alone" : " one after another")
                + (set.note() == null ? "" : "; " + set.note()));
        }
        lines.addAll(List.of(
            "workload: concurrent " + Units.duration(s.concurrentNanos()) + ", serial " + Units.duration(s.serialNanos())
                + ", speedup " + Units.fixed(s.speedup(), 2) + "x",
            "critical path: " + String.join(" → ", s.criticalPath()) + ", " + Units.duration(s.criticalPathNanos())
                + " (no schedule is faster than its longest chain)",
            "together = a stage's median while its set ran at once (each set's wall time is its slowest stage's plus the "
                + "start spread); alone = its fastest serial median in this run; a set of one ran alone"));
        return new Section("Concurrent schedule · " + s.budget() + " threads shared within each ready set"
            + (s.point().isEmpty() ? "" : " (" + Cells.point(s.point()) + ")"), t, lines);
    }

    /** The table, with each named part's share of the stage at every thread count when the stage has parts. */
    /** A distributed sweep over member counts whose members share a host: its ratios are contention, not speedup. */
    private static boolean sharedHost(RunResult r, StrongScalingRow s) {
        // shards that ran apart did not contend: each measured its thread counts on its own machine
        return r.points().stream().anyMatch(p -> p.cluster() != null && p.cluster().sharedHost() && !p.cluster().apart()
            && p.key().stage()
            .equals(s.stage()) && p.key().point().equals(s.point()));
    }

    private static Section strong(StrongScalingRow s, List<PhaseRow> phaseRows, boolean sharedHost) {
        List<PhaseRow> parts = new ArrayList<>();
        for (StrongScalingRow.Entry e : s.rows()) {
            PointKey key = new PointKey(s.stage(), s.point(), s.backend(), s.inner(), e.threads());
            phaseRows.stream().filter(p -> p.key().equals(key)).findFirst().ifPresent(parts::add);
        }
        boolean withParts = parts.size() == s.rows().size() && !parts.isEmpty();
        boolean members = s.backend().equals("distributed");
        Grid t = new Grid().column(members ? "members" : "threads", true).column("median", true).column("speedup", true)
            .column("95% CI", true)
            .column("efficiency", true).column("Karp–Flatt", true);
        if (withParts) {
            parts.get(0).parts().forEach(part -> t.column(part.name(), true));
        }
        List<String> lines = new ArrayList<>();
        for (StrongScalingRow.Entry e : s.rows()) {
            List<String> row = new ArrayList<>(List.of(Integer.toString(e.threads()), Units.duration(e.medianNanos()),
                Units.fixed(e.speedup(), 2), Cells.range(e.speedupCi(), 2), Units.percent(e.efficiency()),
                e.karpFlatt() == null ? "–" : Units.fixed(e.karpFlatt(), 3) + (e.karpFlattNote() == null ? "" : " †")));
            if (withParts) {
                int at = s.rows().indexOf(e);
                parts.get(at).parts().forEach(part -> row.add(Units.percent(part.share())));
            }
            t.row(row);
            if (e.karpFlattNote() != null) {
                lines.add("† Karp–Flatt at " + e.threads() + (members ? " members" : " threads") + " is " + e.karpFlattNote());
            }
        }
        if (sharedHost) {
            lines.add("the members share one host's cores and memory: these ratios measure how they contend, not a speedup "
                + "over machines");
        }
        if (withParts) {
            lines.add("the parts' columns: each part's share of a sample (the median over samples), as under Parts of a stage");
        }
        StrongScalingRow.Amdahl a = s.amdahl();
        if (a == null) {
            lines.add(0, "Amdahl fit: none: " + s.note());
        } else {
            lines.add(0, "Amdahl fit: serial fraction f = " + Cells.withInterval(a.serialFraction(), a.serialFractionCi(), 3)
                + ", max speedup 1/f = " + (a.maxSpeedup() == null ? "unbounded" : Units.sig(a.maxSpeedup()) + "x")
                + (a.maxSpeedupCi() == null ? "" : " (" + Units.sig(a.maxSpeedupCi().low()) + "x–"
                    + (a.maxSpeedupCi().high() == null ? "unbounded" : Units.sig(a.maxSpeedupCi().high()) + "x") + ")"));
        }
        String title = "Strong scaling · " + s.stage() + " (" + PointKey.label(s.backend(), s.inner()) + ", " + Cells.size(s.size())
            + (s.point().isEmpty() ? "" : ", " + Cells.point(s.point())) + ")";
        return new Section(title, t, lines);
    }

    private static Section weak(WeakScalingRow w, List<RunResult> all) {
        Grid t = new Grid().column("threads", true).column(w.param(), true).column("median", true)
            .column("scaled speedup", true).column("95% CI", true).column("efficiency", true);
        for (WeakScalingRow.Entry e : w.rows()) {
            t.row(List.of(Integer.toString(e.threads()), Cells.value(Math.round(e.size())), Units.duration(e.medianNanos()),
                Units.fixed(e.scaledSpeedup(), 2), Cells.range(e.scaledSpeedupCi(), 2), Units.percent(e.efficiency())));
        }
        List<String> lines = new ArrayList<>();
        if (w.gustafson() == null) {
            lines.add("Gustafson fit: none: " + w.note());
        } else {
            lines.add("Gustafson fit: serial fraction α = " + Cells.withInterval(w.gustafson().serialFraction(),
                w.gustafson().serialFractionCi(), 3));
        }
        all.stream().flatMap(r -> r.rows(StrongScalingRow.class).stream())
            .filter(s -> s.stage().equals(w.stage()) && s.amdahl() != null).findFirst()
            .ifPresent(s -> lines.add("Amdahl fit of the strong sweep of " + s.stage() + ": serial fraction f = "
                + Cells.withInterval(s.amdahl().serialFraction(), s.amdahl().serialFractionCi(), 3)));
        String title = "Weak scaling · " + w.stage() + " (" + PointKey.label(w.backend(), w.inner()) + ", " + w.param()
            + " grows with the threads" + (w.point().isEmpty() ? "" : ", " + Cells.point(w.point())) + ")";
        return new Section(title, t, lines);
    }

    private static String growth(SizeGrowthRow g) {
        String head = g.stage() + " (" + PointKey.label(g.backend(), g.inner()) + (g.threads() > 1 ? " x" + g.threads() : "")
            + (g.point().isEmpty() ? "" : ", " + Cells.point(g.point())) + ")";
        if (g.exponent() == null) {
            return head + " over " + g.param() + ": no fit: " + g.note();
        }
        return head + ": time ∝ " + g.param() + "^" + Units.fixed(g.exponent(), 2)
            + (g.exponentCi() == null ? "" : " (95% CI " + Cells.range(g.exponentCi(), 2) + ")") + ", r² = "
            + Units.fixed(g.rSquared(), 3) + " over " + g.sizes().size() + " sizes";
    }
}
