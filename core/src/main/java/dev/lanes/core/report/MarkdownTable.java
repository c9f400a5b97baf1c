package dev.lanes.core.report;

import java.util.List;

/**
 * A grid as a GitHub-flavoured Markdown table, padded so that it also reads as a table in
 * a terminal; the separator row carries each column's alignment.
 */
final class MarkdownTable {
    private MarkdownTable() {
    }

    static String render(Grid grid) {
        int[] widths = grid.widths();
        StringBuilder out = new StringBuilder();
        line(out, grid, grid.header(), widths);
        StringBuilder separator = new StringBuilder("|");
        for (int c = 0; c < widths.length; c++) {
            int dashes = Math.max(3, widths[c]);
            separator.append(grid.rightAligned(c) ? " " + "-".repeat(dashes - 1) + ": |" : " " + "-".repeat(dashes) + " |");
        }
        out.append(separator).append('\n');
        for (List<String> row : grid.rows()) {
            line(out, grid, row, widths);
        }
        return out.toString();
    }

    private static void line(StringBuilder out, Grid grid, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder("|");
        for (int c = 0; c < cells.size(); c++) {
            line.append(' ').append(Grid.pad(escape(cells.get(c)), Math.max(3, widths[c]), grid.rightAligned(c))).append(" |");
        }
        out.append(line).append('\n');
    }

    /** A pipe inside a cell would end it. */
    static String escape(String cell) {
        return cell.replace("|", "\\|");
    }
}
