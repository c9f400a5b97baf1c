package dev.lanes.core.report;

import dev.lanes.core.gate.Comparison;
import dev.lanes.core.gate.NotCompared;
import dev.lanes.core.gate.PointComparison;
import dev.lanes.core.gate.Verdict;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A comparison as a pull-request comment: the verdict first, the points that changed (or
 * could not be decided) in a table, every other point in a collapsed {@code <details>} block.
 */
public final class ComparisonMarkdown {
    private ComparisonMarkdown() {
    }

    public static String render(Comparison c) {
        StringBuilder out = new StringBuilder();
        out.append(c.failed() ? "### ❌ " : "### ✅ ").append("lanes performance gate: ").append(MarkdownTable.escape(c.summary()))
            .append("\n\n`").append(c.newName()).append("` against `").append(c.oldName()).append("`\n\n");
        c.warnings().forEach(w -> out.append("> **warning:** ").append(w).append("\n\n"));
        List<PointComparison> notable = c.points().stream().filter(p -> p.verdict() != Verdict.UNCHANGED).toList();
        List<PointComparison> rest = c.points().stream().filter(p -> p.verdict() == Verdict.UNCHANGED).toList();
        if (!notable.isEmpty()) {
            out.append(MarkdownTable.render(grid(c, notable))).append('\n');
        }
        if (!rest.isEmpty()) {
            out.append("<details><summary>").append(rest.size()).append(" unchanged stage point")
                .append(rest.size() == 1 ? "" : "s").append("</summary>\n\n").append(MarkdownTable.render(grid(c, rest)))
                .append("\n</details>\n\n");
        }
        Set<String> variations = new LinkedHashSet<>();
        c.points().forEach(p -> variations.add(p.variation()));
        variations.forEach(v -> out.append("- variation: ").append(v).append('\n'));
        for (NotCompared n : c.notCompared()) {
            out.append("- not compared: ").append(MarkdownTable.escape(Cells.stagePoint(n.key()))).append(": ").append(n.reason())
                .append('\n');
        }
        return out.toString();
    }

    private static Grid grid(Comparison c, List<PointComparison> points) {
        Comparison only = new Comparison(c.oldName(), c.newName(), c.failed(), c.summary(), points, List.of(), c.drift(),
            List.of(), c.options());
        return ComparisonTable.grid(only);
    }
}
