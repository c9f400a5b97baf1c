package dev.lanes.core.gate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanes.core.UsageException;
import dev.lanes.core.result.PointKey;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Google Benchmark's {@code --benchmark_format=json} as a gate's run: each benchmark a
 * point, each repetition (an entry of run type "iteration") one sample of its real time in
 * nanoseconds; aggregates (mean, median, stddev) are left out, since the gate needs the
 * repetitions themselves ({@code --benchmark_repetitions=N}). Repetitions run in one
 * process, so they count as one fork.
 */
final class GoogleBenchmarkResults {
    private GoogleBenchmarkResults() {
    }

    static List<MeasuredRun> of(String file, JsonNode root) {
        JsonNode context = root.path("context");
        Map<String, List<Double>> samples = new LinkedHashMap<>();
        Map<String, Integer> threads = new LinkedHashMap<>();
        JsonNode benchmarks = root.path("benchmarks");
        for (int i = 0; i < benchmarks.size(); i++) {
            JsonNode b = benchmarks.get(i);
            if (!b.path("run_type").asText("iteration").equals("iteration") || b.has("error_occurred")) {
                continue;
            }
            String name = b.path("run_name").asText(b.path("name").asText());
            double unit = TimeUnits.nanos(b.path("time_unit").asText("ns"));
            if (Double.isNaN(unit) || !b.path("real_time").isNumber()) {
                throw new UsageException(file + ": benchmarks[" + i + "] " + name + ": no real_time in a known time_unit");
            }
            samples.computeIfAbsent(name, n -> new ArrayList<>()).add(b.get("real_time").asDouble() * unit);
            threads.put(name, b.path("threads").asInt(1));
        }
        if (samples.isEmpty()) {
            throw new UsageException(file + ": no benchmark runs (only aggregates or errors) to compare");
        }
        List<MeasuredPoint> points = new ArrayList<>();
        samples.forEach((name, values) -> points.add(new MeasuredPoint(new PointKey(name, List.of(), "gbench", "real_time",
            threads.get(name)), "google-benchmark", null, List.of(values.stream().mapToDouble(Double::doubleValue).toArray()))));
        String host = context.path("host_name").asText("?");
        String machine = host + ", " + context.path("num_cpus").asText("?") + " cpus at " + context.path("mhz_per_cpu").asText("?")
            + " MHz";
        String executable = context.path("executable").asText("benchmark");
        String spec = Path.of(executable).getFileName() == null ? executable : Path.of(executable).getFileName().toString();
        return List.of(new MeasuredRun(spec, machine, "gbench:" + machine, "Google Benchmark "
            + context.path("library_version").asText(""), true, List.of(), points));
    }
}
