package dev.lanes.core.report;

import dev.lanes.core.result.PointResult;
import dev.lanes.core.result.RunResult;

import java.util.ArrayList;
import java.util.List;

/**
 * Markdown for a pull-request comment: a heading per run, the machine, a main table with
 * the columns a reviewer reads (within 80 columns without a sweep), then the
 * sections. Tables are padded, so the file also reads in a terminal.
 */
public final class MarkdownFormat extends PerRunFormat {

    @Override
    void render(StringBuilder out, RunResult r, List<RunResult> all) {
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
        t.column("backend", false).column("size", true).column("median (95% CI)", true).column("rate", true)
            .column("check", false);
        for (PointResult p : r.points()) {
            List<String> row = new ArrayList<>(List.of(p.key().stage()));
            if (swept) {
                row.add(Cells.point(p.key().point()));
            }
            row.addAll(List.of(p.key().labelWithThreads(), Cells.size(p.size()), median(p), Cells.rate(p),
                Cells.checkWord(p.check())));
            t.row(row);
        }
        return t;
    }

    /** "55.1 µs (54.7–55.4)": the interval in the median's unit where they share it. */
    private static String median(PointResult p) {
        String median = Units.duration(p.summary().medianNanos());
        if (p.source()) {
            return median + " (once)";
        }
        String range = Cells.durationRange(p.summary().ciLowNanos(), p.summary().ciHighNanos());
        String unit = median.substring(median.indexOf(' '));
        String shown = range.endsWith(unit) && range.indexOf(' ') == range.lastIndexOf(' ')
            ? range.substring(0, range.length() - unit.length()) : range;
        return median + " (" + shown + (p.summary().ciLevel() < 0.95 ? ", " + Units.percent(p.summary().ciLevel()) : "") + ")";
    }
}
