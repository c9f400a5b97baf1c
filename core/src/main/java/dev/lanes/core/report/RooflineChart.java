package dev.lanes.core.report;

import dev.lanes.core.result.PointResult;
import dev.lanes.core.result.RunResult;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The roofline of a run: achieved GFLOP/s against arithmetic intensity (FLOP per byte
 * moved) on log-log axes, each stage point placed by its median, under the calibrated
 * ceilings of the implementation with the highest peak: its peak GFLOP/s and its
 * bandwidth for each working set its points had (cache, memory).
 */
final class RooflineChart {
    /** Bandwidth diagonals drawn at most, the fastest first. */
    private static final int MAX_BANDWIDTHS = 3;
    /** How far the axis reaches beyond the points, as a factor of intensity. */
    private static final double MARGIN = 4;

    private RooflineChart() {
    }

    static Optional<Chart> of(String id, RunResult run) {
        List<PointResult> placed = run.points().stream()
            .filter(p -> !p.source() && p.flops() > 0 && p.bytesMoved() > 0 && p.summary().medianNanos() > 0).toList();
        if (placed.isEmpty()) {
            return Optional.empty();
        }
        ChartBuilder chart = new ChartBuilder(id, "Roofline: achieved GFLOP/s against arithmetic intensity",
            Chart.Axis.log("arithmetic intensity (FLOP/byte, log)"), Chart.Axis.log("GFLOP/s at the median (log)"));
        Map<String, Integer> stages = new LinkedHashMap<>();
        double minIntensity = Double.POSITIVE_INFINITY;
        double maxIntensity = 0;
        for (PointResult p : placed) {
            int series = stages.computeIfAbsent(p.key().stage(), stage -> chart.series(stage, Chart.Style.POINTS));
            double intensity = p.flops() / p.bytesMoved();
            chart.point(series, intensity, p.throughput().gflopsPerSecond(), Double.NaN, Double.NaN,
                Cells.stagePoint(p.key()) + (p.roof() == null ? "" : ": " + Cells.roof(p.roof())));
            minIntensity = Math.min(minIntensity, intensity);
            maxIntensity = Math.max(maxIntensity, intensity);
        }
        Optional<PointResult> top = placed.stream().filter(p -> p.roof() != null && p.roof().peakGflops() != null
            && p.roof().bandwidthGbps() != null).max(Comparator.comparingDouble(p -> p.roof().peakGflops()));
        if (top.isEmpty()) {
            chart.note("No ceilings: the result has no calibrated peak and bandwidth (run 'lanes calibrate', or the file "
                + "predates lanes.run/3).");
            return Optional.of(chart.build());
        }
        String implementation = top.get().key().labelWithThreads();
        double peak = top.get().roof().peakGflops();
        List<Double> bandwidths = placed.stream().filter(p -> p.key().labelWithThreads().equals(implementation)
                && p.roof() != null && p.roof().bandwidthGbps() != null)
            .map(p -> p.roof().bandwidthGbps()).distinct().sorted(Comparator.reverseOrder()).limit(MAX_BANDWIDTHS).toList();
        double left = Math.min(minIntensity, peak / bandwidths.get(0)) / MARGIN;
        double right = Math.max(maxIntensity, peak / bandwidths.get(bandwidths.size() - 1)) * MARGIN;
        for (double bandwidth : bandwidths) {
            int roof = chart.series("roof of " + implementation + ": " + Units.sig(bandwidth) + " GB/s, peak "
                + Units.sig(peak) + " GFLOP/s", Chart.Style.LINE);
            for (double x : new double[] {left, peak / bandwidth, right}) {
                chart.point(roof, x, Math.min(peak, bandwidth * x));
            }
        }
        chart.note("Ceilings: the calibrated peak and bandwidth of " + implementation
            + ", the implementation with the highest peak; each point's share of its own implementation's roof is in the "
            + "hover and the tables.");
        return Optional.of(chart.build());
    }
}
