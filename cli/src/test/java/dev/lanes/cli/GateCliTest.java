package dev.lanes.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The performance gate from the command line: exit codes, outputs, and every bad input. */
class GateCliTest {
    private static final String SPEC = """
        name: gated
        settings: { warmup: 3, iterations: 15, min-warmup-ms: 50, threads: [1] }
        stages:
          - { id: data, kernel: generate, params: { length: 400000, seed: 3 } }
          - { id: squares, kernel: sum-of-squares, inputs: [data] }
        """;

    @TempDir
    Path dir;
    private Path spec;
    private Path result;

    @BeforeEach
    void oneRun() throws Exception {
        spec = Files.writeString(dir.resolve("spec.yaml"), SPEC);
        result = dir.resolve("r.json");
        CliRun r = CliRun.of("run", spec.toString(), "--quiet", "--cache-dir", dir.resolve("cache").toString(), "-o", result.toString());
        assertThat(r.exit()).as(r.err()).isZero();
    }

    /** A copy of the result whose samples all took {@code factor} times as long. */
    private Path slowed(double factor, String name) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = (ObjectNode) mapper.readTree(result.toFile());
        for (JsonNode p : root.get("points")) {
            ArrayNode samples = (ArrayNode) p.get("samplesNanos");
            for (int i = 0; i < samples.size(); i++) {
                samples.set(i, Math.round(samples.get(i).asLong() * factor));
            }
        }
        return Files.writeString(dir.resolve(name), mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    }

    @Test
    void aResultAgainstItselfPassesAndAThreefoldSlowdownFailsWithJUnit() throws Exception {
        CliRun same = CliRun.of("compare", result.toString(), result.toString());
        assertThat(same.exit()).as(same.err()).isZero();
        assertThat(same.out()).startsWith("lanes compare: passed: 1 stage point compared");
        Path slow = slowed(3, "slow.json");
        Path junit = dir.resolve("gate.xml");
        CliRun fail = CliRun.of("compare", result.toString(), slow.toString(), "--junit", junit.toString(), "-o",
            dir.resolve("gate.md").toString(), "-o", dir.resolve("gate.html").toString(), "-o",
            dir.resolve("gate.json").toString());
        assertThat(fail.exit()).as(fail.out() + fail.err()).isEqualTo(1);
        assertThat(fail.out()).startsWith("lanes compare: FAILED: 1 of 1 stage points regressed beyond their threshold")
            .contains("REGRESSED  squares");
        assertThat(fail.err()).contains("lanes: FAILED: 1 of 1 stage points regressed");
        assertThat(Files.readString(junit)).contains("<failure message=\"REGRESSED: +200.0%");
        assertThat(Files.readString(dir.resolve("gate.md"))).startsWith("### ❌ lanes performance gate: FAILED");
        assertThat(Files.readString(dir.resolve("gate.html"))).startsWith("<!DOCTYPE html>")
            .contains("id=\"comparison-forest\"", "FAILED: 1 of 1 stage points regressed");
        CliRun again = CliRun.of("report", dir.resolve("gate.json").toString(), "-o", dir.resolve("again.html").toString(),
            "-o", dir.resolve("again.md").toString());
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(Files.readString(dir.resolve("again.html"))).isEqualTo(Files.readString(dir.resolve("gate.html")));
        assertThat(Files.readString(dir.resolve("again.md"))).isEqualTo(Files.readString(dir.resolve("gate.md")));
        CliRun csv = CliRun.of("report", dir.resolve("gate.json").toString(), "--format", "csv");
        assertThat(csv.exit()).isEqualTo(2);
        assertThat(csv.err()).contains("a comparison has no CSV form");
        CliRun both = CliRun.of("report", dir.resolve("gate.json").toString(), result.toString());
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).contains("not both at once");
        CliRun md = CliRun.of("compare", result.toString(), slow.toString(), "--format", "markdown");
        assertThat(md.out()).startsWith("### ❌");
        CliRun loose = CliRun.of("compare", result.toString(), slow.toString(), "--max-regression", "500%");
        assertThat(loose.exit()).isZero();
    }

    @Test
    void badThresholdsAndBaselinesAreExit2WithOneLine() throws Exception {
        for (String bad : new String[] {"5", "-3%", "abc", "0%"}) {
            CliRun r = CliRun.of("compare", result.toString(), result.toString(), "--max-regression", bad);
            assertThat(r.exit()).as(bad).isEqualTo(2);
            assertThat(r.err()).as(bad).startsWith("lanes: --max-regression: ").hasLineCount(1);
        }
        Path empty = Files.writeString(dir.resolve("empty.json"), "");
        Path truncated = Files.writeString(dir.resolve("t.json"), Files.readString(result).substring(0, 300));
        Path profile = Files.writeString(dir.resolve("p.json"), "{\"schema\": \"lanes.profile/1\"}");
        for (Path bad : new Path[] {empty, truncated, profile, dir, dir.resolve("missing.json")}) {
            CliRun r = CliRun.of("compare", bad.toString(), result.toString());
            assertThat(r.exit()).as(bad.toString()).isEqualTo(2);
            assertThat(r.err()).as(bad.toString()).startsWith("lanes: " + bad + ": ").hasLineCount(1);
        }
        Path incomplete = Files.writeString(dir.resolve("i.json"), Files.readString(result)
            .replaceFirst("\"complete\" : true", "\"complete\" : false"));
        CliRun r = CliRun.of("compare", incomplete.toString(), result.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("did not finish").contains("--allow-incomplete");
        assertThat(CliRun.of("compare", incomplete.toString(), result.toString(), "--allow-incomplete").exit()).isZero();
        CliRun noisy = CliRun.of("compare", result.toString(), result.toString(), "--noisy", "maybe");
        assertThat(noisy.exit()).isEqualTo(2);
        assertThat(noisy.err()).contains("--noisy: expected fail or warn");
    }

    @Test
    void runSavesABaselineOfSeveralRunsThenGatesOnIt() throws Exception {
        Path cache = dir.resolve("cache");
        Path baseline = dir.resolve("baseline.json");
        for (int i = 0; i < 2; i++) {
            CliRun save = CliRun.of("run", spec.toString(), "--quiet", "--cache-dir", cache.toString(), "--format", "json",
                "--save-baseline", baseline.toString());
            assertThat(save.exit()).as(save.err()).isZero();
            assertThat(save.err()).contains("saved the baseline " + baseline + " (" + (i + 1) + " run");
        }
        assertThat(new ObjectMapper().readTree(baseline.toFile())).hasSize(2);
        Path junit = dir.resolve("perf.xml");
        CliRun gate = CliRun.of("run", spec.toString(), "--quiet", "--cache-dir", cache.toString(), "--baseline",
            baseline.toString(), "--max-regression", "50%", "--junit", junit.toString());
        assertThat(gate.exit()).as(gate.out() + gate.err()).isZero();
        assertThat(gate.out()).contains("lanes compare: passed").contains("measured over the baseline's 2 runs");
        assertThat(Files.readString(junit)).startsWith("<?xml").contains("<testsuite name=\"gated\"");
    }

    @Test
    void aBadBaselineStopsTheRunBeforeItStarts() throws Exception {
        Path corrupt = Files.writeString(dir.resolve("b.json"), "{\"schema\": \"lanes.run/5\", ");
        Path cache = dir.resolve("fresh-cache");
        CliRun r = CliRun.of("run", spec.toString(), "--cache-dir", cache.toString(), "--baseline", corrupt.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("lanes: " + corrupt + ": truncated JSON").hasLineCount(1);   // nothing ran before it
        assertThat(r.out()).isEmpty();
        CliRun junitAlone = CliRun.of("run", spec.toString(), "--junit", dir.resolve("x.xml").toString());
        assertThat(junitAlone.exit()).isEqualTo(2);
        assertThat(junitAlone.err()).contains("--junit needs --baseline FILE");
    }
}
