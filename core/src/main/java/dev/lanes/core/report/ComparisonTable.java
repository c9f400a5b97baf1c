package dev.lanes.core.report;

import dev.lanes.core.gate.Comparison;
import dev.lanes.core.gate.NotCompared;
import dev.lanes.core.gate.PointComparison;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A comparison for the terminal: the verdict line first, then every point, regressions first. */
public final class ComparisonTable {
    private ComparisonTable() {
    }

    public static String render(Comparison c) {
        StringBuilder out = new StringBuilder();
        out.append("lanes compare: ").append(c.summary()).append('\n');
        out.append(c.newName()).append(" against ").append(c.oldName()).append('\n');
        c.warnings().forEach(w -> out.append("warning: ").append(w).append('\n'));
        if (!c.points().isEmpty()) {
            out.append('\n').append(TextTable.render(grid(c)));
        }
        Set<String> variations = new LinkedHashSet<>();
        c.points().forEach(p -> variations.add(p.variation()));
        variations.forEach(v -> out.append("variation: ").append(v).append('\n'));
        for (NotCompared n : c.notCompared()) {
            out.append("not compared: ").append(Cells.stagePoint(n.key())).append(": ").append(n.reason()).append('\n');
        }
        return out.toString();
    }

    static Grid grid(Comparison c) {
        boolean specs = c.points().stream().map(PointComparison::spec).distinct().count() > 1;
        Grid t = new Grid().column("verdict", false);
        if (specs) {
            t.column("spec", false);
        }
        t.column("stage", false).column("point", false).column("backend", false).column("old", true).column("new", true)
            .column("change [95% CI]", true).column("p (FDR)", true).column("threshold", true);
        for (PointComparison p : c.points()) {
            List<String> row = new ArrayList<>(List.of(p.verdict().label()));
            if (specs) {
                row.add(p.spec());
            }
            row.addAll(List.of(p.key().stage(), Cells.point(p.key().point()), p.key().labelWithThreads(),
                Units.duration(p.oldMedianNanos()), Units.duration(p.newMedianNanos()), ComparisonCells.change(p),
                ComparisonCells.number(p.pAdjusted()),
                dev.lanes.core.text.Percent.format(p.threshold())));
            t.row(row);
        }
        return t;
    }
}
