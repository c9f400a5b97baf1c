package dev.lanes.core.result;

import dev.lanes.core.LanesException;
import dev.lanes.core.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ResultJsonTest {
    @TempDir
    Path dir;

    @Test
    void writeReadWriteIsByteIdenticalForOneRunAndForSeveral() {
        RunResult one = ResultFixtures.sweep();
        String text = ResultJson.write(List.of(one));
        List<RunResult> back = ResultJson.parse("r.json", text);
        assertThat(back).containsExactly(one);
        assertThat(ResultJson.write(back)).isEqualTo(text);
        String two = ResultJson.write(List.of(one, one));
        assertThat(two).startsWith("[");
        assertThat(ResultJson.write(ResultJson.parse("r.json", two))).isEqualTo(two);
    }

    @Test
    void aVersionFourFileReadsAsASerialRunWithNoReadySets() throws IOException {
        RunResult current = ResultFixtures.sweep();
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) ResultJson.tree("r.json", ResultJson.write(List.of(current)));
        tree.put("schema", "lanes.run/4");
        tree.remove(List.of("concurrent", "shard", "mergedFrom"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("spec").get("settings")).remove("stages");
        tree.get("points").forEach(p -> ((com.fasterxml.jackson.databind.node.ObjectNode) p).remove("processCpu"));
        RunResult v4 = ResultJson.fromTree("r.json", tree).get(0);
        assertThat(v4.concurrent()).isEmpty();
        assertThat(v4.spec().settings().stages()).isEqualTo("serial");
        assertThat(v4).isEqualTo(current);
    }

    @Test
    void aVersionFiveFileReadsAsAWholeRunNeitherShardNorMerged() {
        RunResult current = ResultFixtures.sweep();
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) ResultJson.tree("r.json", ResultJson.write(List.of(current)));
        tree.put("schema", "lanes.run/5");
        tree.remove(List.of("shard", "mergedFrom"));
        RunResult v5 = ResultJson.fromTree("r.json", tree).get(0);
        assertThat(v5.shard()).isNull();
        assertThat(v5.mergedFrom()).isEmpty();
        assertThat(v5).isEqualTo(current);
        tree.put("schema", "lanes.run/7");
        assertThatThrownBy(() -> ResultJson.fromTree("r.json", tree)).hasMessageContaining("shard");
    }

    @Test
    void aVersionSixShardReadsAsAShardOfStagePoints() {
        RunResult current = ResultFixtures.sweep();
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) ResultJson.tree("r.json", ResultJson.write(List.of(current)));
        tree.put("schema", "lanes.run/6");
        var shard = tree.putObject("shard");
        shard.put("index", 2).put("count", 3).put("units", 3);
        shard.putArray("own").add(1);
        var positions = shard.putArray("positions");
        current.points().forEach(p -> positions.add(0));
        shard.putArray("concurrent");
        RunResult v6 = ResultJson.fromTree("r.json", tree).get(0);
        assertThat(v6.shard().cutsBlocks()).isFalse();
        assertThat(v6.shard().slices()).isEmpty();
        assertThat(v6.shard().specText()).isNull();
        tree.put("schema", "lanes.run/7");
        assertThatThrownBy(() -> ResultJson.fromTree("r.json", tree)).hasMessageContaining("cutsBlocks");
    }

    @Test
    void theSchemaComesFirstAndEveryFieldIsWrittenEvenWhenNull() {
        String text = ResultJson.write(List.of(ResultFixtures.sweep()));
        assertThat(text).startsWith("{\n  \"schema\" : \"lanes.run/7\",\n  \"complete\" : true,");
        assertThat(text).contains("\"roof\" : null", "\"kind\" : \"strong-scaling\"", "\"min-warmup-ms\" : 300");
    }

    @Test
    void aVersionOneFileIsUpgradedWithItsPointsSortedAndItsRowsDerivedAgain() throws IOException {
        String v1;
        try (InputStream in = getClass().getResourceAsStream("run-v1.json")) {
            v1 = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        RunResult r = ResultJson.parse("old.json", v1).get(0);
        assertThat(r.schema()).isEqualTo(RunResult.SCHEMA);
        assertThat(r.spec().settings().backend()).isEqualTo("auto");
        assertThat(r.spec().settings().threads()).containsExactly(1, 2);
        assertThat(r.points()).hasSize(9);
        PointResult squares = r.points().get(1);
        assertThat(squares.key()).isEqualTo(new PointKey("squares", List.of(new PointParam("data.length", 50_000L)),
            "threads", "simd", 1));
        assertThat(squares.samplesNanos()).hasSize(5);
        assertThat(squares.estimate().nanos()).isPositive();
        assertThat(r.rows(StrongScalingRow.class)).hasSize(3);
        assertThat(r.rows(SizeGrowthRow.class)).hasSize(2).allSatisfy(g -> assertThat(g.exponent()).isNotNull());
        String upgraded = ResultJson.write(List.of(r));
        assertThat(ResultJson.write(ResultJson.parse("new.json", upgraded))).isEqualTo(upgraded);
    }

    @Test
    void aVersionTwoFileReadsWithItsRoofCeilingsUnknown() throws IOException {
        String v2;
        try (InputStream in = getClass().getResourceAsStream("run-v2.json")) {
            v2 = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(v2).contains("\"schema\" : \"lanes.run/2\"").doesNotContain("peakGflops");
        List<RunResult> runs = ResultJson.parse("v2.json", v2);
        assertThat(runs).isNotEmpty().allSatisfy(r -> assertThat(r.schema()).isEqualTo(RunResult.SCHEMA));
        List<RoofShare> roofs = runs.stream().flatMap(r -> r.points().stream()).map(PointResult::roof)
            .filter(java.util.Objects::nonNull).toList();
        assertThat(roofs).isNotEmpty().allSatisfy(roof -> {
            assertThat(roof.ceiling()).isPositive();
            assertThat(roof.peakGflops()).isNull();
            assertThat(roof.bandwidthGbps()).isNull();
        });
    }

    @Test
    void aVersionThreeFileReadsWithNoPhases() throws IOException {
        String v3;
        try (InputStream in = getClass().getResourceAsStream("run-v3.json")) {
            v3 = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(v3).contains("\"schema\" : \"lanes.run/3\"").doesNotContain("\"phases\"");
        List<RunResult> runs = ResultJson.parse("v3.json", v3);
        assertThat(runs).isNotEmpty().allSatisfy(r -> {
            assertThat(r.schema()).isEqualTo(RunResult.SCHEMA);
            assertThat(r.points()).isNotEmpty().allSatisfy(p -> assertThat(p.phases()).isEmpty());
        });
    }

    private String refusal(String name, String text) {
        UsageException e = catchThrowableOfType(UsageException.class, () -> ResultJson.parse(name, text));
        assertThat(e).as(text).isNotNull();
        assertThat(e.exitCode()).isEqualTo(2);
        assertThat(e.getMessage()).startsWith(name + ": ").doesNotContain("\n");
        return e.getMessage();
    }

    @Test
    void badFilesAreRefusedWithOneLineNamingTheFileAndWhat() {
        String good = ResultJson.write(List.of(ResultFixtures.sweep()));
        assertThat(refusal("r.json", good.substring(0, good.length() / 2))).contains("truncated JSON", "line ");
        assertThat(refusal("r.json", "")).isEqualTo("r.json: is empty, not a lanes result");
        assertThat(refusal("r.json", "hello")).contains("not JSON");
        assertThat(refusal("r.json", "[]")).contains("an empty list");
        assertThat(refusal("r.json", "{\"schema\": \"lanes.profile/1\"}"))
            .isEqualTo("r.json: a 'lanes.profile/1' file, not a run result (lanes.run/7)");
        assertThat(refusal("r.json", "{\"schema\": \"lanes.run/8\"}")).contains("lanes.run/8 is newer than this lanes reads");
        assertThat(refusal("r.json", "{\"name\": \"x\"}")).contains("no 'schema' field");
        assertThat(refusal("jmh.json", "[{\"benchmark\": \"a.B.c\", \"mode\": \"avgt\", \"primaryMetric\": {}}]"))
            .isEqualTo("jmh.json: a JMH result, not a lanes result");
        assertThat(refusal("gb.json", "{\"context\": {}, \"benchmarks\": []}")).contains("a Google Benchmark result");
        assertThat(refusal("r.json", good.replaceFirst("\"medianNanos\" : [0-9.E]+", "\"medianNanos\" : \"fast\"")))
            .isEqualTo("r.json: points[0].summary.medianNanos: expected a number, found text \"fast\"");
        assertThat(refusal("r.json", good.replaceFirst("\"threads\" : 4,", "\"threads\" : 4.5,")))
            .matches("r.json: derived\\[[0-9]+\\].rows\\[2\\].threads: expected a whole number, found the number 4.5");
        assertThat(refusal("r.json", good.replaceFirst("\"complete\" : true,", "\"complete\" : true, \"extra\" : 1,")))
            .contains("unknown field").contains("'extra'");
        assertThat(refusal("r.json", good.replaceFirst("  \"startedAt\" : \"[^\"]*\",\n", "")))
            .isEqualTo("r.json: startedAt: missing field");
        assertThat(refusal("r.json", good.replaceFirst("\"kind\" : \"noisy\"|\"kind\" : \"gc\"", "\"kind\" : \"bogus\"")))
            .contains("unknown kind 'bogus'");
    }

    @Test
    void missingFilesAndFoldersAreRefusedByName() throws IOException {
        Path missing = dir.resolve("missing.json");
        assertThat(catchThrowableOfType(LanesException.class, () -> ResultJson.read(missing)).getMessage())
            .isEqualTo(missing + ": no such result file");
        assertThat(catchThrowableOfType(LanesException.class, () -> ResultJson.read(dir)).getMessage())
            .isEqualTo(dir + ": is a directory, not a result file");
        Path file = Files.writeString(dir.resolve("r.json"), ResultJson.write(List.of(ResultFixtures.sweep())));
        assertThat(ResultJson.read(file)).hasSize(1);
    }
}
