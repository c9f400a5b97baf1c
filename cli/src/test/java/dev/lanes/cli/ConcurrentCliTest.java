package dev.lanes.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --stages concurrent} on run and plan: the schedule plan prints is the one run measures. */
class ConcurrentCliTest {
    private static final String SPEC = """
        settings: { warmup: 1, iterations: 3, min-warmup-ms: 0, threads: [1, 2] }
        stages:
          - { id: data, kernel: generate, params: { length: 200000, seed: 3 } }
          - { id: squares, kernel: sum-of-squares, inputs: [data] }
          - { id: scan, kernel: prefix-sum, inputs: [data] }
          - { id: total, kernel: sum-of-squares, inputs: [scan] }
        """;

    @TempDir
    Path dir;

    private String spec() throws Exception {
        return Files.writeString(dir.resolve("w.yaml"), SPEC).toString();
    }

    private String cache() {
        return dir.resolve("cache").toString();
    }

    @Test
    void planPrintsTheReadySetsThatRunMeasures() throws Exception {
        CliRun plan = CliRun.of("plan", spec(), "--stages", "concurrent", "--gpu", "off", "--cache-dir", cache());
        assertThat(plan.exit()).as(plan.err()).isZero();
        assertThat(plan.out()).contains("concurrent schedule: 2 threads shared by the stages of each ready set",
            "  1. squares (1 thread) + scan (1 thread)", "  2. total (2 threads), alone");
        CliRun run = CliRun.of("run", spec(), "--stages", "concurrent", "--gpu", "off", "--cache-dir", cache(), "--format", "json",
            "--quiet");
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode result = new ObjectMapper().readTree(run.out());
        assertThat(result.at("/spec/settings/stages").asText()).isEqualTo("concurrent");
        assertThat(result.at("/spec/flags/0").asText()).isEqualTo("--stages concurrent");
        JsonNode sets = result.at("/concurrent/0/sets");
        assertThat(sets.size()).isEqualTo(2);
        assertThat(sets.at("/0/members/0/stage").asText()).isEqualTo("squares");
        assertThat(sets.at("/0/members/1/stage").asText()).isEqualTo("scan");
        assertThat(sets.at("/0/members/1/threads").asInt()).isEqualTo(1);
        assertThat(sets.at("/0/wallNanos").size()).isEqualTo(3);
        assertThat(sets.at("/1/wallNanos").size()).isZero();
    }

    @Test
    void runMeasuresEveryStageOnWhatPlanPrints() throws Exception {
        CliRun plan = CliRun.of("plan", spec(), "--gpu", "off", "--cache-dir", cache(), "--format", "json");
        assertThat(plan.exit()).as(plan.err()).isZero();
        java.util.Map<String, String> planned = new java.util.TreeMap<>();
        for (JsonNode stage : new ObjectMapper().readTree(plan.out()).at("/0/stages")) {
            planned.put(stage.get("stage").asText(), stage.at("/chosen/backend").asText() + " " + stage.at("/chosen/inner").asText());
        }
        CliRun run = CliRun.of("run", spec(), "--gpu", "off", "--cache-dir", cache(), "--format", "json", "--quiet");
        assertThat(run.exit()).as(run.err()).isZero();
        java.util.Map<String, String> ran = new java.util.TreeMap<>();
        for (JsonNode point : new ObjectMapper().readTree(run.out()).get("points")) {
            if (!point.get("source").asBoolean()) {
                ran.merge(point.at("/key/stage").asText(), point.at("/key/backend").asText() + " " + point.at("/key/inner").asText(),
                    (a, b) -> a.equals(b) ? a : a + " / " + b);
            }
        }
        planned.keySet().retainAll(ran.keySet());
        assertThat(ran).hasSize(3).isEqualTo(planned);
    }

    @Test
    void aWrongModeAndForksWithConcurrentStagesAreRefusedBeforeAnythingRuns() throws Exception {
        CliRun wrong = CliRun.of("run", spec(), "--stages", "paralel", "--cache-dir", cache());
        assertThat(wrong.exit()).isEqualTo(2);
        assertThat(wrong.err()).contains("--stages: expected serial or concurrent, got 'paralel'");
        CliRun forks = CliRun.of("run", spec(), "--stages", "concurrent", "--forks", "2", "--cache-dir", cache());
        assertThat(forks.exit()).isEqualTo(2);
        assertThat(forks.err()).contains("--forks and concurrent stages do not combine yet");
        assertThat(dir.resolve("cache")).doesNotExist();
    }
}
