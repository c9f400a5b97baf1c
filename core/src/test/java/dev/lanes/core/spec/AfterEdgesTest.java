package dev.lanes.core.spec;

import dev.lanes.core.kernels.BuiltInKernels;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@code after:}: an order-only edge, checked like an input and part of the cycle check. */
class AfterEdgesTest {
    private final SpecLoader loader = new SpecLoader(BuiltInKernels.registry(), 4, 1L << 34);

    private Workload parse(String yaml) {
        return loader.parse("spec.yaml", yaml, List.of(), false);
    }

    private String refusal(String yaml) {
        SpecException e = catchThrowableOfType(SpecException.class, () -> parse(yaml));
        assertThat(e).as(yaml).isNotNull();
        return e.getMessage();
    }

    @Test
    void aStageRunsAfterTheStagesItNamesWithoutTakingTheirData() {
        Workload w = parse("""
            stages:
              - { id: bench, kernel: command, params: { run: "true" }, after: [prepare] }
              - { id: prepare, kernel: command, params: { run: "true" } }
            """);
        assertThat(w.stages()).extracting(Stage::id).containsExactly("prepare", "bench");
        assertThat(w.stages().get(1).inputs()).isEmpty();
        assertThat(w.stages().get(1).after()).containsExactly("prepare");
    }

    @Test
    void unknownStagesAndCyclesThroughAfterAreRefusedWhereTheyAre() {
        assertThat(refusal("""
            stages:
              - { id: a, kernel: command, params: { run: "true" }, after: [prepar] }
              - { id: prepare, kernel: command, params: { run: "true" } }
            """)).startsWith("spec.yaml:2:").contains("stage 'a': after: unknown stage 'prepar' (did you mean 'prepare'?)");
        assertThat(refusal("""
            stages:
              - { id: a, kernel: command, params: { run: "true" }, after: b }
              - { id: b, kernel: command, params: { run: "true" }, after: [a] }
            """)).contains("inputs and after: form a cycle").contains("a <- b <- a");
        assertThat(refusal("""
            stages:
              - { id: a, kernel: command, params: { run: "true" }, after: [a] }
            """)).contains("a stage cannot run after itself");
    }
}
