package dev.lanes.core.gate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanes.core.result.ForeignResults;
import dev.lanes.core.result.ResultJson;

import java.nio.file.Path;
import java.util.List;

/** What a gate can read: lanes results, JMH's JSON and Google Benchmark's JSON, each file as runs. */
public final class ComparisonInputs {
    private ComparisonInputs() {
    }

    public static List<MeasuredRun> read(Path file) {
        String name = file.toString();
        JsonNode tree = ResultJson.tree(name, ResultJson.text(file));
        if (ForeignResults.isJmh(tree)) {
            return JmhResults.of(name, tree);
        }
        if (ForeignResults.isGoogleBenchmark(tree)) {
            return GoogleBenchmarkResults.of(name, tree);
        }
        return ResultJson.fromTree(name, tree).stream().map(MeasuredRun::of).toList();
    }
}
