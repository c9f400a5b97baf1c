package dev.lanes.core.result;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanes.core.machine.Fingerprint;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Upgrades a {@code lanes.run/1} file (lanes 0.1.0) to the current model. What version 1
 * did not record is filled plainly: its sweep values had no order (they came from a hash
 * map), so they are sorted by name; its sizes were element counts; its overrides and flags
 * were not kept, nor were its stages' definitions (a comparison says so); its derived rows are
 * computed again from its samples.
 */
final class RunV1Reader {
    private RunV1Reader() {
    }

    static RunResult upgrade(String name, JsonNode root) {
        try {
            JsonNode w = required(root, "workload");
            JsonNode s = required(w, "settings");
            List<Integer> threads = new ArrayList<>();
            required(s, "threads").forEach(t -> threads.add(t.intValue()));
            RunSettings settings = new RunSettings(s.path("warmup").intValue(), s.path("iterations").intValue(),
                s.path("minWarmupMillis").longValue(), threads, s.path("verify").booleanValue(),
                s.path("backend").asText().toLowerCase(Locale.ROOT));
            SpecInfo spec = new SpecInfo(w.path("name").asText(), w.path("source").asText(), w.path("digest").asText(),
                w.path("quick").booleanValue(), settings, List.of(), List.of(), List.of(), List.of(), List.of());
            List<PointResult> points = new ArrayList<>();
            for (JsonNode stage : required(root, "stages")) {
                points.add(point(stage));
            }
            String calibration = root.path("profile").isTextual() ? root.get("profile").asText() : null;
            return new RunResult(RunResult.SCHEMA, true, root.path("lanesVersion").asText(), root.path("startedAt").asText(),
                machine(required(root, "machine")), calibration, spec, points, Analysis.derive(points, List.of(), calibration));
        } catch (RuntimeException e) {
            throw ResultJson.refuse(name, "a lanes.run/1 file that cannot be upgraded: " + e.getMessage());
        }
    }

    private static Machine machine(JsonNode m) {
        return new Machine(m.path("cpuModel").asText(), m.path("cores").intValue(), m.path("os").asText(),
            m.path("arch").asText(), m.path("maxHeapBytes").longValue(), m.path("jvmVendor").asText(),
            m.path("jvmVersion").asText(), m.path("jvmName").asText(), m.path("jvmInfo").asText(),
            capability(m.path("simd")), capability(m.path("gpu")), Fingerprint.of(m.path("cpuModel").asText(),
                m.path("cores").intValue(), m.path("simd").path("detail").asText(), m.path("jvmVendor").asText(),
                m.path("jvmVersion").asText(), m.path("gpu").path("usable").booleanValue() ? m.path("gpu").path("detail").asText() : null));
    }

    private static Capability capability(JsonNode c) {
        return new Capability(c.path("usable").booleanValue(), c.path("detail").asText());
    }

    private static PointResult point(JsonNode s) {
        String label = s.path("backend").asText();
        String backend = label.startsWith("threads(") ? "threads" : label;
        String inner = label.startsWith("threads(") ? label.substring("threads(".length(), label.length() - 1) : label;
        Map<String, JsonNode> sorted = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = s.path("point").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            sorted.put(e.getKey(), e.getValue());
        }
        List<PointParam> params = sorted.entrySet().stream()
            .map(e -> new PointParam(e.getKey(), ResultJson.MAPPER.convertValue(e.getValue(), Object.class))).toList();
        PointKey key = new PointKey(s.path("stage").asText(), params, backend, inner, s.path("threads").intValue());
        JsonNode sum = required(s, "summary");
        JsonNode ci = sum.path("medianInterval");
        SampleSummary summary = new SampleSummary(sum.path("count").intValue(), sum.path("medianNanos").doubleValue(),
            sum.path("meanNanos").doubleValue(), sum.path("stddevNanos").doubleValue(), sum.path("minNanos").longValue(),
            sum.path("maxNanos").longValue(), ci.path("lowNanos").doubleValue(), ci.path("highNanos").doubleValue(),
            ci.path("level").doubleValue());
        JsonNode t = s.path("throughput");
        JsonNode roof = s.path("roof");
        JsonNode est = s.path("estimate");
        JsonNode check = s.path("check");
        List<Long> samples = new ArrayList<>();
        required(s, "samplesNanos").forEach(x -> samples.add(x.longValue()));
        List<Integer> gc = new ArrayList<>();
        s.path("gcSamples").forEach(x -> gc.add(x.intValue()));
        List<DeviceTimes> deviceSamples = new ArrayList<>();
        s.path("deviceSamples").forEach(d -> deviceSamples.add(device(d)));
        return new PointResult(key, s.path("kernel").asText(), null, s.path("source").booleanValue(),
            ProblemSize.elements(s.path("elements").longValue()), s.path("elements").longValue(), s.path("flops").doubleValue(),
            s.path("bytesMoved").doubleValue(), samples, List.of(), gc, summary,
            new Throughput(t.path("elementsPerSecond").doubleValue(), t.path("gigabytesPerSecond").doubleValue(),
                t.path("gflopsPerSecond").doubleValue()),
            roof.isObject() ? new RoofShare(roof.path("share").doubleValue(), roof.path("bound").asText(),
                roof.path("ceiling").doubleValue(), roof.path("opKind").isTextual() ? roof.get("opKind").asText() : null, null, null) : null,
            est.isObject() ? new PlanEstimate(est.path("nanos").doubleValue(), est.path("bound").asText(),
                est.path("computeNanos").doubleValue(), est.path("memoryNanos").doubleValue(),
                est.path("overheadNanos").doubleValue()) : null,
            check.isObject() ? new Verification(check.path("passed").booleanValue(), check.path("method").asText(),
                check.path("error").doubleValue(), check.path("bound").doubleValue()) : null,
            s.path("checksum").doubleValue(), s.path("output").asText(), s.path("device").isObject() ? device(s.get("device")) : null,
            deviceSamples, List.of(), List.of(), null, s.path("note").isTextual() ? List.of(s.get("note").asText()) : List.of());
    }

    private static DeviceTimes device(JsonNode d) {
        return new DeviceTimes(d.path("hostCopyNanos").longValue(), d.path("toDeviceNanos").longValue(),
            d.path("toDeviceBytes").longValue(), d.path("kernelNanos").longValue(), d.path("launches").intValue(),
            d.path("toHostNanos").longValue(), d.path("toHostBytes").longValue());
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("no '" + field + "'");
        }
        return value;
    }
}
