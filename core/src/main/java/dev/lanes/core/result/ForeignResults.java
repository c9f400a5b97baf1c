package dev.lanes.core.result;

import com.fasterxml.jackson.databind.JsonNode;

/** Tells the result files of other benchmark tools apart, so a wrong file is named for what it is. */
final class ForeignResults {
    private ForeignResults() {
    }

    /** "a JMH result", "a Google Benchmark result", "a hyperfine result", or {@code null}. */
    static String recognise(JsonNode node) {
        JsonNode first = node.isArray() && !node.isEmpty() ? node.get(0) : node;
        if (first.isObject() && first.has("benchmark") && first.has("primaryMetric")) {
            return "a JMH result";
        }
        if (first.isObject() && first.has("context") && first.path("benchmarks").isArray()) {
            return "a Google Benchmark result";
        }
        if (first.isObject() && first.path("results").isArray() && first.path("results").path(0).has("command")) {
            return "a hyperfine result";
        }
        return null;
    }
}
