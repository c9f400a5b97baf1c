package dev.lanes.core.result;

import com.fasterxml.jackson.databind.JsonNode;

/** Tells the result files of other benchmark tools apart, so a wrong file is named for what it is. */
public final class ForeignResults {
    private ForeignResults() {
    }

    /** JMH's {@code -rf json}: an array of benchmarks, each with its primary metric. */
    public static boolean isJmh(JsonNode node) {
        JsonNode first = node.isArray() && !node.isEmpty() ? node.get(0) : node;
        return node.isArray() && first.isObject() && first.has("benchmark") && first.has("primaryMetric");
    }

    /** Google Benchmark's {@code --benchmark_format=json}: a context and a list of benchmarks. */
    public static boolean isGoogleBenchmark(JsonNode node) {
        return node.isObject() && node.has("context") && node.path("benchmarks").isArray();
    }

    /** "a JMH result", "a Google Benchmark result", "a hyperfine result", or {@code null}. */
    public static String recognise(JsonNode node) {
        JsonNode first = node.isArray() && !node.isEmpty() ? node.get(0) : node;
        if (isJmh(node)) {
            return "a JMH result";
        }
        if (isGoogleBenchmark(node)) {
            return "a Google Benchmark result";
        }
        if (first.isObject() && first.path("results").isArray() && first.path("results").path(0).has("command")) {
            return "a hyperfine result";
        }
        return null;
    }
}
