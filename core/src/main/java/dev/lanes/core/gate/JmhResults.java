package dev.lanes.core.gate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanes.core.UsageException;
import dev.lanes.core.result.PointKey;
import dev.lanes.core.result.PointParam;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * JMH's {@code -rf json} results as a gate's run: each benchmark (with its parameters,
 * mode and threads) a point, each fork's iterations its samples, every score turned into
 * nanoseconds per operation (a throughput of s ops per unit is 1/s units per op).
 * {@code sample} mode's histograms give one sample per iteration, its weighted mean.
 * JMH records the JVM but not the CPU: results from two machines with the same JVM look
 * alike, so gate runs of one machine only.
 */
final class JmhResults {
    private JmhResults() {
    }

    static List<MeasuredRun> of(String file, JsonNode array) {
        List<MeasuredPoint> points = new ArrayList<>();
        String version = "JMH";
        String machine = "";
        for (int i = 0; i < array.size(); i++) {
            JsonNode b = array.get(i);
            String where = file + ": [" + i + "] " + b.path("benchmark").asText("?");
            version = "JMH " + b.path("jmhVersion").asText("?");
            machine = b.path("vmName").asText("?") + " " + b.path("jdkVersion").asText("?");
            JsonNode metric = b.path("primaryMetric");
            String unit = metric.path("scoreUnit").asText("");
            String mode = b.path("mode").asText("");
            double perOp = nanosPerOp(unit, mode, where);
            List<double[]> forks = new ArrayList<>();
            if (metric.path("rawData").isArray()) {
                for (JsonNode fork : metric.get("rawData")) {
                    forks.add(scores(fork, perOp, mode));
                }
            } else if (metric.path("rawDataHistogram").isArray()) {
                for (JsonNode fork : metric.get("rawDataHistogram")) {
                    forks.add(histogramMeans(fork, perOp));
                }
            }
            if (forks.isEmpty() || forks.stream().allMatch(f -> f.length == 0)) {
                throw new UsageException(where + ": no raw data (per-iteration scores) to compare; run JMH with -rf json");
            }
            List<PointParam> params = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = b.path("params").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                params.add(new PointParam(e.getKey(), e.getValue().asText()));
            }
            PointKey key = new PointKey(b.path("benchmark").asText(), params, "jmh", mode, b.path("threads").asInt(1));
            points.add(new MeasuredPoint(key, "jmh", null, forks));
        }
        return List.of(new MeasuredRun("jmh", machine, "jmh:" + machine, version, true, List.of(), points));
    }

    /**
     * What one score means in nanoseconds per operation: for time per op ("ns/op") the unit;
     * for throughput ("ops/s") the reciprocal, applied per score.
     */
    private static double nanosPerOp(String unit, String mode, String where) {
        String[] parts = unit.split("/");
        if (parts.length == 2 && parts[1].equals("op") && !Double.isNaN(TimeUnits.nanos(parts[0]))) {
            return TimeUnits.nanos(parts[0]);
        }
        if (parts.length == 2 && parts[0].equals("ops") && !Double.isNaN(TimeUnits.nanos(parts[1]))) {
            return -TimeUnits.nanos(parts[1]);        // negative: a throughput, inverted per score
        }
        throw new UsageException(where + ": a score in '" + unit + "' (mode " + mode + ") is not a time per op or ops per time");
    }

    private static double[] scores(JsonNode fork, double perOp, String mode) {
        double[] s = new double[fork.size()];
        for (int i = 0; i < s.length; i++) {
            double score = fork.get(i).asDouble();
            s[i] = perOp > 0 ? score * perOp : -perOp / score;
        }
        return s;
    }

    private static double[] histogramMeans(JsonNode fork, double perOp) {
        double[] s = new double[fork.size()];
        for (int i = 0; i < s.length; i++) {
            double sum = 0;
            double count = 0;
            for (JsonNode pair : fork.get(i)) {
                sum += pair.get(0).asDouble() * pair.get(1).asDouble();
                count += pair.get(1).asDouble();
            }
            s[i] = count == 0 ? Double.NaN : Math.abs(perOp) * sum / count;
        }
        return s;
    }
}
