package dev.lanes.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Ctrl-C in a real process: exit 130, the files keep what finished, marked incomplete, and nothing else is left. */
@Tag("slow")
class InterruptTest {
    private static final String SPEC = """
        settings: { warmup: 1, iterations: 3000, min-warmup-ms: 0, threads: [1] }
        stages:
          - { id: data, kernel: generate, params: { length: 200000 } }
          - { id: squares, kernel: sum-of-squares, inputs: [data], backend: scalar }
        sweep:
          data.seed: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28]
        """;

    @TempDir
    Path dir;

    @Test
    void ctrlCKeepsTheFinishedPointsAndExits130() throws Exception {
        Path spec = Files.writeString(dir.resolve("long.yaml"), SPEC);
        Path json = dir.resolve("r.json");
        Path csv = dir.resolve("r.csv");
        // env --default-signal: a child of a process that ignores SIGINT (a background job) would ignore it too
        List<String> command = List.of("env", "--default-signal=INT",
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--add-modules", "jdk.incubator.vector",
            "-cp", System.getProperty("java.class.path"), Lanes.class.getName(), "run", spec.toString(), "--gpu", "off",
            "--cache-dir", dir.resolve("cache").toString(), "-o", json.toString(), "-o", csv.toString());
        Process run = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(run.getErrorStream().readAllBytes());
            } catch (java.io.IOException e) {
                return e.toString();
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!(Files.exists(json) && new ObjectMapper().readTree(json.toFile()).get("points").size() >= 4)
            && System.nanoTime() < deadline && run.isAlive()) {
            Thread.sleep(100);
        }
        assertThat(run.isAlive()).as("still running after its first points").isTrue();
        new ProcessBuilder("kill", "-INT", Long.toString(run.pid())).start().waitFor();
        assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String stderr = err.get(10, TimeUnit.SECONDS);
        assertThat(run.exitValue()).as(stderr).isEqualTo(130);
        JsonNode kept = new ObjectMapper().readTree(json.toFile());
        assertThat(kept.get("complete").asBoolean()).isFalse();
        int measured = 0;
        for (JsonNode p : kept.get("points")) {
            measured += p.get("source").asBoolean() ? 0 : 1;
        }
        assertThat(measured).isPositive().isLessThan(28);
        assertThat(stderr).contains("lanes: interrupted; kept " + measured + " finished stage point")
            .contains("in " + json + ", " + csv + " (marked incomplete)");
        assertThat(Files.readAllLines(csv)).hasSize(1 + kept.get("points").size());
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(name -> !name.equals("cache")))
                .containsExactlyInAnyOrder("long.yaml", "r.json", "r.csv");
        }
    }
}
