package dev.lanes.core.report;

import dev.lanes.core.result.PointResult;
import dev.lanes.core.result.RunResult;

import java.util.ArrayList;
import java.util.List;

/**
 * Markdown for a pull-request comment: a heading per run, the machine, a main table with
 * the columns a reviewer reads (narrow enough for 80 columns without a sweep), then the
 * sections. Tables are padded, so the file also reads in a terminal.
 */
public final class MarkdownFormat implements ResultFormat {

    @Override
    public String render(List<RunResult> results) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < results.size(); i++) {
            if (i > 0) {
                out.append('\n');
            }
            render(out, results.get(i), results);
        }
        return out.toString();
    }

    private static void render(StringBuilder out, RunResult r, List<RunResult> all) {
        out.append("### ").append(MarkdownTable.escape(Cells.title(r))).append("\n\n");
        out.append(Cells.machine(r.machine())).append("\n\n");
        String changed = Cells.overridesAndFlags(r);
        if (changed != null) {
            out.append('`').append(changed).append("`\n\n");
        }
        out.append(MarkdownTable.render(mainTable(r)));
        for (Section s : Sections.of(r, all)) {
            out.append('\n');
            if (s.title() != null) {
                out.append("**").append(s.title()).append("**\n\n");
            }
            if (s.grid() != null) {
                out.append(MarkdownTable.render(s.grid()));
                if (!s.lines().isEmpty()) {
                    out.append('\n');
                }
            }
            s.lines().forEach(line -> out.append("- ").append(line).append('\n'));
        }
    }

    private static Grid mainTable(RunResult r) {
        boolean swept = r.points().stream().anyMatch(p -> !p.key().point().isEmpty());
        Grid t = new Grid().column("stage", false);
        if (swept) {
            t.column("point", false);
        }
        t.column("backend", false).column("threads", true).column("size", true).column("median", true)
            .column("95% CI", true).column("GB/s", true).column("GFLOP/s", true).column("check", false);
        for (PointResult p : r.points()) {
            List<String> row = new ArrayList<>(List.of(p.key().stage()));
            if (swept) {
                row.add(Cells.point(p.key().point()));
            }
            row.addAll(List.of(p.key().label(), Integer.toString(p.key().threads()), Cells.size(p.size()),
                Units.duration(p.summary().medianNanos()), p.source() ? "timed once" : Cells.medianInterval(p).replace(" – ", "–"),
                Units.sig(p.throughput().gigabytesPerSecond()), p.flops() == 0 ? "–" : Units.sig(p.throughput().gflopsPerSecond()),
                Cells.checkWord(p.check())));
            t.row(row);
        }
        return t;
    }
}
