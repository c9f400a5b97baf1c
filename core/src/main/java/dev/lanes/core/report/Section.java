package dev.lanes.core.report;

import java.util.List;

/**
 * A part of a report after the main table: a title, an optional table, and lines under it
 * (a fit, notes). The text and Markdown formats lay sections out each their way.
 */
record Section(String title, Grid grid, List<String> lines) {

    Section {
        lines = List.copyOf(lines);
    }
}
