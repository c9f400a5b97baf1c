package dev.lanes.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** --forks: every point measured in fresh JVMs, the forks kept apart, and a comparison over their medians. */
@Tag("slow")
class ForksCliTest {
    private static final String SPEC = """
        name: forked
        settings: { warmup: 1, iterations: 4, min-warmup-ms: 0, threads: [1] }
        stages:
          - { id: data, kernel: generate, params: { length: 20000 } }
          - { id: squares, kernel: sum-of-squares, inputs: [data], backend: scalar }
        """;

    @TempDir
    Path dir;

    @Test
    void forksKeepTheirSamplesApartAndAComparisonUsesTheirMedians() throws Exception {
        Path spec = Files.writeString(dir.resolve("spec.yaml"), SPEC);
        Path first = dir.resolve("first.json");
        Path second = dir.resolve("second.json");
        String cache = dir.resolve("cache").toString();
        for (Path out : new Path[] {first, second}) {
            CliRun r = CliRun.of("run", spec.toString(), "--forks", "3", "--cache-dir", cache, "-o", out.toString(),
                "--save-dir", dir.resolve("saved").toString());
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.err()).contains("lanes: fork 1 of 3", "lanes: fork 3 of 3");
        }
        JsonNode json = new ObjectMapper().readTree(first.toFile());
        JsonNode squares = json.get("points").get(1);
        assertThat(squares.get("forkSizes")).hasSize(3).allSatisfy(n -> assertThat(n.asInt()).isEqualTo(4));
        assertThat(squares.get("samplesNanos")).hasSize(12);
        assertThat(json.at("/spec/flags/0").asText()).isEqualTo("--forks 3");
        CliRun compare = CliRun.of("compare", first.toString(), second.toString(), "--max-regression", "100%");
        assertThat(compare.exit()).as(compare.out() + compare.err()).isZero();
        assertThat(compare.out()).contains("variation: between forks: 3 old and 3 new JVMs");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> !n.equals("cache")))
                .containsExactlyInAnyOrder("spec.yaml", "first.json", "second.json", "saved");
        }
        try (var files = Files.list(dir.resolve("saved"))) {
            assertThat(files.map(p -> p.getFileName().toString())).as("the forks saved the outputs")
                .containsExactlyInAnyOrder("data.npy", "squares.npy");
        }
        CliRun bad = CliRun.of("run", spec.toString(), "--forks", "0");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("--forks: must be in 1..1000, got 0");
    }
}
