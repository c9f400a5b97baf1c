package dev.lanes.core.report;

import java.util.ArrayList;
import java.util.List;

/** A table's cells before layout: the text and Markdown formats lay it out each their way. */
final class Grid {
    private final List<String> header = new ArrayList<>();
    private final List<Boolean> right = new ArrayList<>();
    private final List<List<String>> rows = new ArrayList<>();

    /** Adds a column; {@code rightAligned} for numbers. */
    Grid column(String name, boolean rightAligned) {
        header.add(name);
        right.add(rightAligned);
        return this;
    }

    void row(List<String> cells) {
        if (cells.size() != header.size()) {
            throw new IllegalArgumentException("a row of " + cells.size() + " cells in a table of " + header.size() + " columns");
        }
        rows.add(List.copyOf(cells));
    }

    List<String> header() {
        return header;
    }

    boolean rightAligned(int column) {
        return right.get(column);
    }

    List<List<String>> rows() {
        return rows;
    }

    int[] widths() {
        int[] widths = new int[header.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = header.get(c).length();
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        return widths;
    }

    static String pad(String cell, int width, boolean right) {
        String pad = " ".repeat(Math.max(0, width - cell.length()));
        return right ? pad + cell : cell + pad;
    }
}
