package dev.lanes.core.report;

import dev.lanes.core.gate.Comparison;
import dev.lanes.core.gate.NotCompared;
import dev.lanes.core.gate.PointComparison;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A comparison as a self-contained HTML page: the verdict, the forest plot, then every point in a table. */
public final class ComparisonHtml {
    private ComparisonHtml() {
    }

    public static String render(Comparison c) {
        StringBuilder body = new StringBuilder("<header>\n<h1>lanes performance gate</h1>\n<p class=\"")
            .append(c.failed() ? "warning" : "machine").append("\">").append(Html.escape(c.summary())).append("</p>\n<p>")
            .append(Html.escape(c.newName() + " against " + c.oldName())).append("</p>\n</header>\n<main class=\"runs\">\n")
            .append("<section class=\"run\">\n");
        Html.list(body, c.warnings().stream().map(w -> "warning: " + w).toList());
        List<Chart> charts = new ArrayList<>();
        if (!c.points().isEmpty()) {
            Chart forest = ForestChart.of("comparison-forest", c);
            charts.add(forest);
            body.append("<div class=\"charts\">\n");
            Html.figure(body, forest);
            body.append("</div>\n<h3>Stage points</h3>\n");
            Html.table(body, ComparisonTable.grid(c));
        }
        Set<String> lines = new LinkedHashSet<>();
        c.points().stream().map(PointComparison::variation).forEach(v -> lines.add("variation: " + v));
        for (NotCompared n : c.notCompared()) {
            lines.add("not compared: " + Cells.stagePoint(n.key()) + ": " + n.reason());
        }
        Html.list(body, List.copyOf(lines));
        body.append("</section>\n</main>\n");
        return HtmlPage.render("lanes performance gate: " + c.summary(), body.toString(), ReportData.ofComparison(charts));
    }
}
