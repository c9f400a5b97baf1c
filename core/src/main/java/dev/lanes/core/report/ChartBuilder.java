package dev.lanes.core.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Builds a {@link Chart} from series given as (x, y) points: it sorts every point by x and
 * aligns the series over one x array, sharing a position between series where their x
 * values are equal, so that hovering a position shows every series' value there.
 * Non-finite values are left out (JSON has no NaN).
 */
final class ChartBuilder {
    /** Colours for series whose colour means nothing, in order; the page's script draws what the chart says. */
    private static final List<String> PALETTE = List.of("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
        "#e377c2", "#17becf", "#7f7f7f", "#bcbd22");

    private record Point(double x, int series, double y, double low, double high, String label) {
    }

    private record SeriesHead(String label, Chart.Style style, boolean right, boolean interval, String colour) {
    }

    private final String id;
    private final String title;
    private final Chart.Axis x;
    private final Chart.Axis y;
    private Chart.Axis y2;
    private boolean categories;
    private final List<String> categoryLabels = new ArrayList<>();
    private final List<SeriesHead> heads = new ArrayList<>();
    private final List<Point> points = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private int paletteNext;

    ChartBuilder(String id, String title, Chart.Axis x, Chart.Axis y) {
        this.id = id;
        this.title = title;
        this.x = x;
        this.y = y;
    }

    /** A chart over categories: x position i is the i-th label (points may sit between, as strips do). */
    ChartBuilder categories(List<String> labels) {
        categories = true;
        categoryLabels.addAll(labels);
        return this;
    }

    ChartBuilder rightAxis(Chart.Axis axis) {
        y2 = axis;
        return this;
    }

    ChartBuilder note(String line) {
        notes.add(line);
        return this;
    }

    /** Adds a series; its points follow through the returned index. */
    int series(String label, Chart.Style style) {
        return series(label, style, false, false);
    }

    /** Adds a series drawn against the right axis ({@code right}) or with an interval at each point. */
    int series(String label, Chart.Style style, boolean right, boolean interval) {
        return series(label, style, right, interval, null);
    }

    /** Adds a series in a colour that means something (CSS, e.g. "#c62828"); null takes the palette's next. */
    int series(String label, Chart.Style style, boolean right, boolean interval, String colour) {
        String c = colour != null ? colour : PALETTE.get(paletteNext++ % PALETTE.size());
        heads.add(new SeriesHead(label, style, right, interval, c));
        return heads.size() - 1;
    }

    /** A series' colour, for another that belongs with it (a fit with its points). */
    String colourOf(int series) {
        return heads.get(series).colour();
    }

    ChartBuilder point(int series, double x, double y) {
        return point(series, x, y, Double.NaN, Double.NaN, null);
    }

    /** A point with its interval and what it is (shown on hover; null when the x value says it). */
    ChartBuilder point(int series, double x, double y, double low, double high, String label) {
        if (Double.isFinite(x) && Double.isFinite(y) && (!this.x.log() || x > 0)) {
            points.add(new Point(x, series, y, low, high, label));
        }
        return this;
    }

    boolean isEmpty() {
        return points.isEmpty();
    }

    Chart build() {
        List<Point> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparingDouble(Point::x));
        List<Double> xs = new ArrayList<>();
        List<List<Point>> columns = new ArrayList<>();
        for (Point p : sorted) {
            int last = xs.size() - 1;
            boolean shared = last >= 0 && xs.get(last) == p.x()
                && columns.get(last).stream().noneMatch(q -> q.series() == p.series());
            if (!shared) {
                xs.add(p.x());
                columns.add(new ArrayList<>());
            }
            columns.get(columns.size() - 1).add(p);
        }
        List<Chart.Series> series = new ArrayList<>();
        for (int s = 0; s < heads.size(); s++) {
            SeriesHead head = heads.get(s);
            Double[] values = new Double[xs.size()];
            Double[] low = new Double[head.interval() ? xs.size() : 0];
            Double[] high = new Double[low.length];
            for (int i = 0; i < xs.size(); i++) {
                for (Point p : columns.get(i)) {
                    if (p.series() == s) {
                        values[i] = p.y();
                        if (head.interval()) {
                            low[i] = finiteOrNull(p.low());
                            high[i] = finiteOrNull(p.high());
                        }
                    }
                }
            }
            series.add(new Chart.Series(head.label(), head.style(), head.right(), head.colour(), Arrays.asList(values),
                Arrays.asList(low), Arrays.asList(high)));
        }
        return new Chart(id, title, x, y, y2, categories, xs, labels(xs, columns), series, notes);
    }

    /** Category charts label their ticks; others label a position by what sits there, when something says. */
    private List<String> labels(List<Double> xs, List<List<Point>> columns) {
        if (categories) {
            return categoryLabels;
        }
        List<String> labels = new ArrayList<>();
        boolean any = false;
        for (List<Point> column : columns) {
            List<String> named = column.stream().map(Point::label).filter(l -> l != null).distinct().toList();
            any |= !named.isEmpty();
            labels.add(String.join("; ", named));
        }
        return any ? labels : List.of();
    }

    private static Double finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
