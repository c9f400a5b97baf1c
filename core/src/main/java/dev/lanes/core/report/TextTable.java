package dev.lanes.core.report;

import java.util.List;

/** A grid as plain text: columns padded to their widest cell, numbers right-aligned, two spaces apart. */
final class TextTable {
    private TextTable() {
    }

    static String render(Grid grid) {
        int[] widths = grid.widths();
        StringBuilder out = new StringBuilder();
        line(out, grid, grid.header(), widths);
        for (List<String> row : grid.rows()) {
            line(out, grid, row, widths);
        }
        return out.toString();
    }

    private static void line(StringBuilder out, Grid grid, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            line.append(Grid.pad(cells.get(c), widths[c], grid.rightAligned(c)));
            if (c < cells.size() - 1) {
                line.append("  ");
            }
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }
}
