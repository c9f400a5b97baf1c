package dev.lanes.core.report;

import dev.lanes.core.result.PointResult;
import dev.lanes.core.result.RunResult;

import java.util.ArrayList;
import java.util.List;

/** The terminal table: one row per stage point, then the sections (device phases, notes, scaling, growth). */
public final class TableFormat extends PerRunFormat {

    @Override
    void render(StringBuilder out, RunResult r, List<RunResult> all) {
        out.append(Cells.title(r)).append('\n').append(Cells.machine(r.machine())).append('\n');
        String changed = Cells.overridesAndFlags(r);
        if (changed != null) {
            out.append(changed).append('\n');
        }
        out.append('\n').append(TextTable.render(mainTable(r)));
        for (Section s : Sections.of(r, all)) {
            if (s.title() != null) {
                out.append('\n').append(s.title()).append('\n');
            }
            if (s.grid() != null) {
                out.append(TextTable.render(s.grid()));
            }
            s.lines().forEach(line -> out.append(line).append('\n'));
        }
    }

    static Grid mainTable(RunResult r) {
        boolean swept = r.points().stream().anyMatch(p -> !p.key().point().isEmpty());
        boolean planned = r.points().stream().anyMatch(p -> p.estimate() != null);
        Grid t = new Grid().column("stage", false);
        if (swept) {
            t.column("point", false);
        }
        t.column("backend", false).column("threads", true).column("size", true).column("median", true)
            .column("95% CI of median", false);
        if (planned) {
            t.column("estimate", true);
        }
        t.column("elem/s", true).column("GB/s", true).column("GFLOP/s", true).column("check", false);
        if (planned) {
            t.column("of roof", false);
        }
        for (PointResult p : r.points()) {
            List<String> row = new ArrayList<>(List.of(p.key().stage()));
            if (swept) {
                row.add(Cells.point(p.key().point()));
            }
            row.addAll(List.of(p.key().label(), Integer.toString(p.key().threads()), Cells.size(p.size()),
                Units.duration(p.summary().medianNanos()), Cells.medianInterval(p)));
            if (planned) {
                row.add(p.estimate() == null ? "–" : Units.duration(p.estimate().nanos()));
            }
            row.addAll(List.of(Units.count(p.throughput().elementsPerSecond()),
                p.bytesMoved() == 0 ? "–" : Units.sig(p.throughput().gigabytesPerSecond()),
                p.flops() == 0 ? "–" : Units.sig(p.throughput().gflopsPerSecond()), Cells.check(p.check())));
            if (planned) {
                row.add(Cells.roof(p.roof()));
            }
            t.row(row);
        }
        return t;
    }
}
