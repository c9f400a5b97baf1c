package dev.lanes.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Results written as the README says: several files at once, read back by lanes report, checked before anything runs. */
class OutputsCliTest {
    private static final String SPEC = """
        name: outputs
        settings: { warmup: 1, iterations: 5, min-warmup-ms: 0, threads: [1, 2] }
        stages:
          - id: data
            kernel: generate
            params: { length: 100000, type: f64, seed: 42 }
          - id: squares
            kernel: sum-of-squares
            inputs: [data]
        """;

    @TempDir
    Path dir;

    private String spec() throws Exception {
        return Files.writeString(dir.resolve("spec.yaml"), SPEC).toString();
    }

    private String cache() {
        return dir.resolve("cache").toString();
    }

    private String file(String name) {
        return dir.resolve(name).toString();
    }

    @Test
    void severalOutputsAtOnceAndReportGivesTheSameBytesBack() throws Exception {
        CliRun run = CliRun.of("run", spec(), "--threads", "1,2", "--cache-dir", cache(), "--output", file("r.json"),
            "--output", file("r.csv"), "--output", file("r.md"), "--output", file("r.html"));
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEmpty();
        JsonNode json = new ObjectMapper().readTree(Path.of(file("r.json")).toFile());
        assertThat(json.get("complete").asBoolean()).isTrue();
        assertThat(json.at("/spec/flags/0").asText()).isEqualTo("--threads 1,2");
        assertThat(Files.readString(Path.of(file("r.csv")))).startsWith("spec,stage,backend,");
        assertThat(Files.readString(Path.of(file("r.md")))).startsWith("### lanes ").contains("| squares |");
        CliRun report = CliRun.of("report", file("r.json"), "--output", file("again.csv"));
        assertThat(report.exit()).as(report.err()).isZero();
        assertThat(Files.readString(Path.of(file("again.csv")))).isEqualTo(Files.readString(Path.of(file("r.csv"))));
        assertThat(Files.readString(Path.of(file("r.html")))).startsWith("<!DOCTYPE html>").contains("id=\"r0-samples-0\"");
        CliRun html = CliRun.of("report", file("r.json"), "--output", file("again.html"));
        assertThat(html.exit()).as(html.err()).isZero();
        assertThat(Files.readString(Path.of(file("again.html")))).isEqualTo(Files.readString(Path.of(file("r.html"))));
        CliRun again = CliRun.of("report", file("r.json"), "--format", "json");
        assertThat(again.out()).isEqualTo(Files.readString(Path.of(file("r.json"))));
        CliRun table = CliRun.of("report", file("r.json"), file("r.json"));
        assertThat(table.out()).contains("Strong scaling · squares").containsPattern("(?s)lanes 0.1.0 · outputs.*lanes 0.1.0 · outputs");
    }

    @Test
    void aTargetThatCannotBeWrittenStopsTheRunBeforeItStarts() throws Exception {
        CliRun r = CliRun.of("run", spec(), "--cache-dir", cache(), "-o", file("nodir/x.json"));
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("lanes: " + file("nodir/x.json") + ": the folder " + file("nodir")
            + " does not exist" + System.lineSeparator());
        assertThat(r.err()).doesNotContain("[1/").doesNotContain("calibration");   // nothing ran, not even a calibration
        assertThat(r.out()).isEmpty();
        CliRun unknown = CliRun.of("run", spec(), "-o", file("x.xlsx"));
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("cannot tell the format from its name");
        CliRun folder = CliRun.of("run", spec(), "-o", dir.toString());
        assertThat(folder.exit()).isEqualTo(2);
        assertThat(folder.err()).contains(dir + ": is a directory");
    }

    @Test
    void dashIsStdoutAndProgressIsPlainLinesUnlessQuiet() throws Exception {
        CliRun r = CliRun.of("run", spec(), "--cache-dir", cache(), "--format", "csv", "-o", "-", "-o", file("r.json"));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("spec,stage,").isEqualTo(CliRun.of("report", file("r.json"), "--format", "csv").out());
        assertThat(r.err()).contains("lanes: [1/2] squares threads(simd)", "lanes: [2/2] squares threads(simd) x2")
            .doesNotContain("\r");
        CliRun quiet = CliRun.of("run", spec(), "--cache-dir", cache(), "--quiet", "--format", "json");
        assertThat(quiet.exit()).isZero();
        assertThat(quiet.err()).doesNotContain("[1/2]");
    }

    @Test
    void aBackendRefusedBeforeTheRunWritesNothing() throws Exception {
        CliRun r = CliRun.of("run", spec(), "--cache-dir", cache(), "--backend", "gpu", "--gpu", "off", "-o", file("r.json"));
        assertThat(r.exit()).isEqualTo(3);
        assertThat(Path.of(file("r.json"))).doesNotExist();
    }

    @Test
    void badSavedResultsAreExit2WithOneLineNamingTheFile() throws Exception {
        Path truncated = Files.writeString(dir.resolve("t.json"), "{\"schema\": \"lanes.run/5\", \"complete\": ");
        Path jmh = Files.writeString(dir.resolve("jmh.json"), "[{\"benchmark\": \"x\", \"primaryMetric\": {}}]");
        Path empty = Files.writeString(dir.resolve("e.json"), "");
        for (Path bad : new Path[] {truncated, jmh, empty, dir, dir.resolve("missing.json")}) {
            CliRun r = CliRun.of("report", bad.toString());
            assertThat(r.exit()).as(bad.toString()).isEqualTo(2);
            assertThat(r.err()).startsWith("lanes: " + bad + ": ").hasLineCount(1);
        }
    }
}
