package dev.lanes.core.report;

import dev.lanes.core.result.PointKey;

import java.util.ArrayList;
import java.util.List;

/**
 * The leading columns of a section with a row per stage point: the stage, and the sweep
 * point when any of the section's points has one.
 */
record KeyColumns(boolean swept) {

    static KeyColumns of(List<PointKey> keys) {
        return new KeyColumns(keys.stream().anyMatch(k -> !k.point().isEmpty()));
    }

    /** A grid with the leading columns; the section adds its own after them. */
    Grid grid() {
        Grid t = new Grid().column("stage", false);
        return swept ? t.column("point", false) : t;
    }

    /** A row's leading cells, in a list the section goes on filling. */
    List<String> cells(PointKey key) {
        List<String> row = new ArrayList<>(List.of(key.stage()));
        if (swept) {
            row.add(Cells.point(key.point()));
        }
        return row;
    }
}
