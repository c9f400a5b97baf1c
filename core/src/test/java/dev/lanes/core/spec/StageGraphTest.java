package dev.lanes.core.spec;

import dev.lanes.core.kernels.BuiltInKernels;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The stage graph: its order, its ready sets, what a stage waits for. */
class StageGraphTest {
    private final SpecLoader loader = new SpecLoader(BuiltInKernels.registry(), 4, 1L << 34);

    private Workload parse(String yaml) {
        return loader.parse("spec.yaml", yaml, List.of(), false);
    }

    private static List<List<String>> ids(List<List<Stage>> waves) {
        return waves.stream().map(w -> w.stream().map(Stage::id).toList()).toList();
    }

    @Test
    void readySetsStartEachStageAsEarlyAsItsPredecessorsAllow() {
        Workload w = parse("""
            stages:
              - { id: data, kernel: generate, params: { length: 1000 } }
              - { id: a, kernel: sum-of-squares, inputs: [data] }
              - { id: b, kernel: prefix-sum, inputs: [data] }
              - { id: c, kernel: sum-of-squares, inputs: [b] }
              - { id: d, kernel: command, params: { run: "true" }, after: [a] }
              - { id: e, kernel: command, params: { run: "true" } }
            """);
        List<List<Stage>> waves = w.graph().waves(s -> !s.kernel().isSource());
        // the data source is left out and delays nothing: a, b and e are ready at once
        assertThat(ids(waves)).containsExactly(List.of("a", "b", "e"), List.of("c", "d"));
        assertThat(ids(w.graph().waves(s -> true))).containsExactly(List.of("data", "e"), List.of("a", "b"), List.of("c", "d"));
    }

    @Test
    void aStageWaitsForWhatItsLeftOutPredecessorsWaitFor() {
        Workload w = parse("""
            stages:
              - { id: first, kernel: command, params: { run: "true" } }
              - { id: data, kernel: generate, params: { length: 1000 }, after: [first] }
              - { id: total, kernel: sum-of-squares, inputs: [data] }
            """);
        Stage total = w.stage("total").orElseThrow();
        assertThat(w.graph().allPredecessors(total)).containsExactlyInAnyOrder("data", "first");
        assertThat(w.graph().allInputs(total)).as("data edges only: 'first' is an order edge").containsExactly("data");
        assertThat(ids(w.graph().waves(s -> !s.kernel().isSource()))).containsExactly(List.of("first"), List.of("total"));
    }

    @Test
    void aCycleIsRefusedWithItsPathAtItsFirstStage() {
        SpecException e = catchThrowableOfType(SpecException.class, () -> parse("""
            stages:
              - { id: x, kernel: command, params: { run: "true" } }
              - { id: a, kernel: command, params: { run: "true" }, after: [c] }
              - { id: b, kernel: command, params: { run: "true" }, after: [a] }
              - { id: c, kernel: command, params: { run: "true" }, after: [b, x] }
            """));
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).startsWith("spec.yaml:3:").contains("stage 'a': inputs and after: form a cycle: a <- c <- b <- a");
    }

    @Test
    void theScheduleModeIsASettingWithAOneLineRefusal() {
        assertThat(parse("settings: { stages: concurrent }\nstages:\n  - { id: a, kernel: command, params: { run: \"true\" } }\n")
            .settings().stages()).isEqualTo(StageMode.CONCURRENT);
        assertThat(parse("stages:\n  - { id: a, kernel: command, params: { run: \"true\" } }\n").settings().stages())
            .isEqualTo(StageMode.SERIAL);
        SpecException e = catchThrowableOfType(SpecException.class, () -> parse(
            "settings: { stages: concurent }\nstages:\n  - { id: a, kernel: command, params: { run: \"true\" } }\n"));
        assertThat(e.getMessage()).startsWith("spec.yaml:1:")
            .contains("settings.stages: expected serial or concurrent, got 'concurent' (did you mean 'concurrent'?)");
    }
}
