package dev.lanes.core.report;

import java.util.List;
import java.util.Map;

/** Escaping text into HTML, and the report's tables and lists as HTML. */
final class Html {
    private Html() {
    }

    /** Text as HTML element content or a quoted attribute value. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A grid as a table; right-aligned columns (numbers) get the class "num". */
    static void table(StringBuilder out, Grid grid) {
        out.append("<table>\n<thead><tr>");
        for (int c = 0; c < grid.header().size(); c++) {
            out.append(grid.rightAligned(c) ? "<th class=\"num\">" : "<th>").append(escape(grid.header().get(c))).append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : grid.rows()) {
            out.append("<tr>");
            for (int c = 0; c < row.size(); c++) {
                out.append(grid.rightAligned(c) ? "<td class=\"num\">" : "<td>").append(escape(row.get(c))).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table>\n");
    }

    static void list(StringBuilder out, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        out.append("<ul>\n");
        lines.forEach(line -> out.append("<li>").append(escape(line)).append("</li>\n"));
        out.append("</ul>\n");
    }

    /** A description list of (term, value) pairs, values escaped. */
    static void definitions(StringBuilder out, List<Map.Entry<String, String>> pairs) {
        out.append("<dl>\n");
        for (Map.Entry<String, String> pair : pairs) {
            out.append("<dt>").append(escape(pair.getKey())).append("</dt><dd>").append(escape(pair.getValue()))
                .append("</dd>\n");
        }
        out.append("</dl>\n");
    }

    /** The place a chart is drawn, its title and notes written here so they read even where scripts do not run. */
    static void figure(StringBuilder out, Chart chart) {
        out.append("<figure class=\"chart\" id=\"").append(escape(chart.id())).append("\">\n<h4>")
            .append(escape(chart.title())).append("</h4>\n<div class=\"plot\"></div>\n");
        if (!chart.notes().isEmpty()) {
            out.append("<figcaption>").append(escape(String.join(" ", chart.notes()))).append("</figcaption>\n");
        }
        out.append("</figure>\n");
    }
}
