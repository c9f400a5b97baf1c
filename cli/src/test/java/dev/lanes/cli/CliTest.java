package dev.lanes.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CliTest {
    private static final String SPEC = """
        name: cli-test
        settings: { warmup: 1, iterations: 5, min-warmup-ms: 0, threads: [1, 2] }
        stages:
          - id: data
            kernel: generate
            params: { length: 200000, type: f64, distribution: uniform, seed: 42 }
          - id: squares
            kernel: sum-of-squares
            inputs: [data]
        """;

    @TempDir
    Path dir;

    private Path spec(String text) throws Exception {
        return Files.writeString(dir.resolve("spec.yaml"), text);
    }

    @Test
    void versionAndHelp() {
        CliRun v = CliRun.of("--version");
        assertThat(v.exit()).isZero();
        assertThat(v.out()).startsWith("lanes 0.1.0");
        CliRun h = CliRun.of("--help");
        assertThat(h.exit()).isZero();
        assertThat(h.out()).contains("run", "validate", "kernels", "info", "130");
    }

    @Test
    void runPrintsATableWithTheScalingTable() throws Exception {
        CliRun r = CliRun.of("run", spec(SPEC).toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("squares", "threads(simd)", "Strong scaling · squares", "Amdahl fit", "ok (");
    }

    @Test
    void runWritesJsonWithEverySampleTheMachineAndTheScaling() throws Exception {
        CliRun r = CliRun.of("run", spec(SPEC).toString(), "--format", "json", "--iterations", "6");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("schema").asText()).isEqualTo("lanes.run/7");
        assertThat(json.get("complete").asBoolean()).isTrue();
        assertThat(json.at("/machine/cores").asInt()).isPositive();
        assertThat(json.at("/machine/simd/usable").asBoolean()).isTrue();
        assertThat(json.at("/machine/gpu/detail").asText()).isNotBlank();
        assertThat(json.at("/spec/digest").asText()).startsWith("sha256:");
        assertThat(json.at("/spec/settings/min-warmup-ms").asLong()).isZero();
        assertThat(json.at("/spec/settings/backend").asText()).isEqualTo("auto");
        assertThat(json.at("/spec/flags/0").asText()).isEqualTo("--iterations 6");
        JsonNode points = json.get("points");
        assertThat(points).hasSize(3);
        JsonNode two = points.get(2);
        assertThat(two.at("/key/stage").asText()).isEqualTo("squares");
        assertThat(two.at("/key/backend").asText()).isEqualTo("threads");
        assertThat(two.at("/key/inner").asText()).isEqualTo("simd");
        assertThat(two.at("/key/threads").asInt()).isEqualTo(2);
        assertThat(two.get("samplesNanos")).hasSize(6);
        assertThat(two.at("/summary/medianNanos").asDouble()).isPositive();
        assertThat(two.at("/summary/ciLevel").asDouble()).isGreaterThanOrEqualTo(0.95);
        assertThat(two.at("/throughput/gigabytesPerSecond").asDouble()).isPositive();
        assertThat(two.at("/check/passed").asBoolean()).isTrue();
        assertThat(two.get("bytesMoved").asDouble()).isEqualTo(1_600_000);
        assertThat(two.get("workerBusyNanos")).hasSize(2);
        JsonNode scaling = null;
        for (JsonNode row : json.get("derived")) {
            if (row.get("kind").asText().equals("strong-scaling")) {
                scaling = row;
            }
        }
        assertThat(scaling).isNotNull();
        assertThat(scaling.at("/rows/1/speedup").asDouble()).isPositive();
        assertThat(scaling.at("/rows/1/speedupCi/low").asDouble()).isPositive();
        assertThat(scaling.get("amdahl").isNull()).isTrue();
        assertThat(scaling.get("note").asText()).contains("at least 3 thread counts");
    }

    @Test
    void outputGoesToTheFileAtomicallyAndNothingElseIsLeft() throws Exception {
        Path out = dir.resolve("result.json");
        Files.writeString(out, "old");
        CliRun r = CliRun.of("run", spec(SPEC).toString(), "--format", "json", "--output", out.toString(), "--quick");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(new ObjectMapper().readTree(out.toFile()).get("schema").asText()).isEqualTo("lanes.run/7");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("spec.yaml", "result.json");
        }
    }

    @Test
    void setAndBackendOverrides() throws Exception {
        CliRun r = CliRun.of("run", spec(SPEC).toString(), "--format", "json", "--set", "data.length=1000",
            "--set", "data.type=f32", "--backend", "scalar", "--quick");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode last = new ObjectMapper().readTree(r.out()).get("points").get(1);
        assertThat(last.at("/key/backend").asText()).isEqualTo("scalar");
        assertThat(last.get("elements").asLong()).isEqualTo(1000);
        assertThat(last.get("bytesMoved").asDouble()).isEqualTo(4000);
    }

    @Test
    void anInvalidSpecIsOneLineWithFileLineColumnAndExit2() throws Exception {
        Path bad = spec(SPEC.replace("kernel: sum-of-squares", "kernel: sum-of-square"));
        CliRun r = CliRun.of("run", bad.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("lanes: " + bad + ":8:13: stage 'squares': unknown kernel 'sum-of-square' (did you mean 'sum-of-squares'?)");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void usageErrorsExit2WithoutAStackTrace() throws Exception {
        Path good = spec(SPEC);
        for (String[] args : new String[][] {
            {"run", dir.resolve("missing.yaml").toString()},
            {"run", good.toString(), "--backend", "fastest"},
            {"run", good.toString(), "--format", "xml"},
            {"run", good.toString(), "--threads", "0"},
            {"run", good.toString(), "--iterations", "0"},
            {"run", good.toString(), "--set", "nope"},
            {"run", good.toString(), "--bogus"},
            {"run"},
            {"frobnicate"},
            {"run", good.toString(), "--vector-bits", "100"},
        }) {
            CliRun r = CliRun.of(args);
            assertThat(r.exit()).as(String.join(" ", args) + "\n" + r.err()).isEqualTo(2);
            assertThat(r.err()).as(String.join(" ", args)).startsWith("lanes: ").doesNotContain("\tat ");
        }
    }

    @Test
    void anUnusableOrMissingBackendExits3WithTheReason() throws Exception {
        CliRun r = CliRun.of("run", spec(SPEC).toString(), "--backend", "gpu", "--gpu", "off", "--quick");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err().strip().lines().reduce((a, b) -> b).orElseThrow())
            .isEqualTo("lanes: stage 'squares': backend gpu is not usable here: disabled by --gpu off");
        CliRun required = CliRun.of("run", spec(SPEC).toString(), "--gpu", "require", "--quick");
        if (required.exit() != 0) {            // a machine without a usable GPU, as CI's
            assertThat(required.exit()).isEqualTo(3);
            assertThat(required.err()).contains("lanes: --gpu require: the GPU is not usable here: ");
        }
        CliRun plan = CliRun.of("plan", spec(SPEC).toString(), "--gpu", "off", "--cache-dir", dir.resolve("c").toString());
        assertThat(plan.out()).contains("not a candidate: gpu: disabled by --gpu off");
        CliRun off = CliRun.of("run", spec(SPEC).toString(), "--backend", "simd", "--vector-bits", "0", "--quick");
        assertThat(off.exit()).isEqualTo(3);
        assertThat(off.err()).contains("backend simd is not usable here: disabled by --vector-bits 0");
    }

    @Test
    void calibrateStoresAProfileThatRunAndPlanUse() throws Exception {
        Path cache = dir.resolve("cache");
        CliRun cal = CliRun.of("calibrate", "--cache-dir", cache.toString(), "--format", "json");
        assertThat(cal.exit()).as(cal.err()).isZero();
        JsonNode profile = new ObjectMapper().readTree(cal.out());
        assertThat(profile.get("schema").asText()).isEqualTo("lanes.profile/2");
        assertThat(profile.get("simdMemoryGbps").asDouble()).isPositive();
        assertThat(profile.get("scalarGflops").asDouble()).isPositive();
        try (var files = java.nio.file.Files.list(cache)) {
            assertThat(files.map(p -> p.getFileName().toString())).singleElement().asString().startsWith("profile-").endsWith(".json");
        }
        CliRun plan = CliRun.of("plan", spec(SPEC).toString(), "--cache-dir", cache.toString());
        assertThat(plan.exit()).as(plan.err()).isZero();
        assertThat(plan.err()).contains("planning with the calibration of");
        assertThat(plan.out()).contains("squares (sum-of-squares, n = 200k)", "scalar", "simd", "threads(simd) x2", "choice: ");
        // measured, not --quick: a smoke run has no estimate to hold its times to
        CliRun run = CliRun.of("run", spec(SPEC).toString(), "--cache-dir", cache.toString(), "--format", "json",
            "--warmup", "1", "--iterations", "3");
        JsonNode result = new ObjectMapper().readTree(run.out());
        assertThat(result.get("calibration").asText()).startsWith("calibrate ");
        assertThat(result.at("/points/1/estimate/nanos").asDouble()).isPositive();
        assertThat(result.at("/points/1/estimate/bound").asText()).isIn("memory", "compute", "overhead");
        CliRun table = CliRun.of("run", spec(SPEC).toString(), "--cache-dir", cache.toString(), "--warmup", "1",
            "--iterations", "3");
        assertThat(table.out()).contains("estimate", "plan accuracy (estimate ÷ measured): median ");
    }

    @Test
    void aQuickCalibrationIsMadeOnceAndKeptForLaterRuns() throws Exception {
        Path cache = dir.resolve("cache");
        CliRun first = CliRun.of("run", spec(SPEC).toString(), "--cache-dir", cache.toString(), "--quick");
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.err()).contains("lanes: no calibration for this machine: planning with a quick one")
            .contains("kept in " + cache.resolve("profile-"));
        CliRun second = CliRun.of("run", spec(SPEC).toString(), "--cache-dir", cache.toString(), "--quick", "--format", "json");
        assertThat(second.exit()).as(second.err()).isZero();
        assertThat(second.err()).contains("lanes: planning with the quick calibration of ").doesNotContain("no calibration");
        assertThat(new ObjectMapper().readTree(second.out()).get("calibration").asText()).startsWith("quick ");
        CliRun full = CliRun.of("calibrate", "--cache-dir", cache.toString());
        assertThat(full.exit()).as(full.err()).isZero();
        assertThat(full.out()).startsWith("calibration of ");
        assertThat(CliRun.of("calibrate", "--cache-dir", cache.toString(), "--quick").out()).startsWith("quick calibration of ");
        CliRun third = CliRun.of("run", spec(SPEC).toString(), "--cache-dir", cache.toString(), "--quick");
        assertThat(third.err()).contains("lanes: planning with the calibration of ").doesNotContain("quick calibration");
    }

    @Test
    void calibrateRefusesAFolderItCannotWriteBeforeMeasuringAnything() throws Exception {
        Path notAFolder = java.nio.file.Files.writeString(dir.resolve("file"), "x");
        CliRun cal = CliRun.of("calibrate", "--cache-dir", notAFolder.resolve("cache").toString());
        assertThat(cal.exit()).as("2: refused before measuring (a save that fails after measuring is 3)").isEqualTo(2);
        assertThat(cal.err()).startsWith("lanes: " + notAFolder.resolve("cache") + ": cannot make the folder calibrations are kept in")
            .doesNotContain("saved").doesNotContain("\n" + "lanes");
        assertThat(cal.out()).isEmpty();
    }

    @Test
    void aCorruptProfileIsIgnoredWithAWarningAndTheRunGoesOn() throws Exception {
        Path cache = dir.resolve("cache");
        CliRun.of("calibrate", "--cache-dir", cache.toString(), "--quick");
        CliRun cal = CliRun.of("calibrate", "--cache-dir", cache.toString());
        assertThat(cal.exit()).isZero();
        Path file;
        try (var files = java.nio.file.Files.list(cache)) {
            file = files.findFirst().orElseThrow();
        }
        java.nio.file.Files.writeString(file, "{\"schema\": \"lanes.profile/1\", \"cores\": ");
        CliRun run = CliRun.of("run", spec(SPEC).toString(), "--cache-dir", cache.toString(), "--quick");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).contains("lanes: warning: " + file + ": unreadable profile").contains("planning with a quick one");
        CliRun plan = CliRun.of("plan", spec(SPEC).toString(), "--cache-dir", cache.toString(), "--format", "json");
        assertThat(new ObjectMapper().readTree(plan.out()).get(0).at("/stages/0/chosen/nanos").asDouble()).isPositive();
    }

    @Test
    void validateReportsEveryFile() throws Exception {
        Path good = spec(SPEC);
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "stages:\n  - { id: a, kernel: generate, params: { length: -1 } }\n");
        CliRun r = CliRun.of("validate", good.toString(), bad.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).contains(good + ": ok (2 stages)");
        assertThat(r.err()).contains(bad + ":2:").contains("length: must be at least 1");
    }

    @Test
    void kernelsListsAndDescribes() {
        CliRun list = CliRun.of("kernels");
        assertThat(list.exit()).isZero();
        assertThat(list.out()).contains("generate", "sum-of-squares", "dot", "axpy");
        CliRun one = CliRun.of("kernels", "axpy");
        assertThat(one.out()).contains("inputs:   x, y").contains("a ").contains("default 2.0");
        CliRun unknown = CliRun.of("kernels", "dott");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("did you mean 'dot'?");
    }

    @Test
    void infoSaysWhatIsUsableAndWhyNot() throws Exception {
        CliRun r = CliRun.of("info");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).containsPattern("simd +usable: \\d+-bit").containsPattern("gpu +(usable|unusable): .+");
        CliRun json = CliRun.of("info", "--format", "json", "--gpu", "off");
        assertThat(new ObjectMapper().readTree(json.out()).at("/gpu/detail").asText()).isEqualTo("disabled by --gpu off");
    }
}
