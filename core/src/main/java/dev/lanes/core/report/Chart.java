package dev.lanes.core.report;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.List;
import java.util.Locale;

/**
 * One chart of the HTML report as its script hands it to uPlot: every series aligned over
 * one x array (a series is null where it has no value), axes with their units, and, for
 * a chart over categories, the label of each x position.
 *
 * @param y2      a right-hand axis for the series marked {@code right}; {@code null} when there is none
 * @param xLabels what each x position is, shown on hover (and as the ticks of a chart over categories);
 *                empty when the x value says it
 * @param notes   lines under the chart: what it shows and how to read it
 */
record Chart(String id, String title, Axis x, Axis y, Axis y2, boolean categories, List<Double> xs,
             List<String> xLabels, List<Series> series, List<String> notes) {

    Chart {
        xs = List.copyOf(xs);
        xLabels = List.copyOf(xLabels);
        series = List.copyOf(series);
        notes = List.copyOf(notes);
    }

    /**
     * An axis: its label with the unit, e.g. "time per execution (ms)", whether it is
     * logarithmic, whether a linear one starts at zero (so a ratio reads true to scale), and
     * whether its ticks are whole numbers only (threads).
     */
    record Axis(String label, boolean log, boolean fromZero, boolean whole) {
        static Axis linear(String label) {
            return new Axis(label, false, true, false);
        }

        /** Linear, spanning only the values: for spread within a narrow range, as samples have. */
        static Axis tight(String label) {
            return new Axis(label, false, false, false);
        }

        static Axis log(String label) {
            return new Axis(label, true, false, false);
        }

        /** A count: threads, ticks at whole numbers. */
        static Axis count(String label) {
            return new Axis(label, false, false, true);
        }
    }

    /**
     * One series: a value per x position ({@code null} for none), drawn in a style, with an
     * interval around each value where {@code low} and {@code high} are given (else empty).
     *
     * @param colour a CSS colour: the palette's next, or one that means something (a regression is red, a fit has
     *               the colour of its points)
     */
    record Series(String label, Style style, boolean right, String colour, List<Double> values, List<Double> low,
                  List<Double> high) {
    }

    enum Style {
        /** Markers only. */
        POINTS,
        /** Markers joined by a line. */
        LINE_POINTS,
        /** A line without markers: a fit or a ceiling. */
        LINE,
        /** A dashed line: an ideal or a threshold. */
        DASHED;

        @JsonValue
        String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }
}
