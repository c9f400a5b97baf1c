package dev.lanes.core.spec;

import dev.lanes.core.kernels.BuiltInKernels;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@code sweep: { zip: {...} }}: parameters that vary together, next to axes that multiply. */
class ZipSweepTest {
    private final SpecLoader loader = new SpecLoader(BuiltInKernels.registry(), 4, 1L << 34);

    private static final String DOT = """
        stages:
          - { id: a, kernel: generate, params: { length: 1000, type: f64, seed: 1 } }
          - { id: b, kernel: generate, params: { length: 1000, type: f64, seed: 2 } }
          - { id: ab, kernel: dot, inputs: [a, b] }
        sweep:
        """;

    private Workload parse(String sweep, List<String> overrides, boolean quick) {
        return loader.parse("spec.yaml", DOT + sweep, overrides, quick);
    }

    private static List<Map<String, Object>> values(Workload w) {
        return w.points().stream().map(SweepPoint::values).toList();
    }

    @Test
    void zippedParametersTakeTheirValuesTogether() {
        Workload w = parse("  zip: { a.length: [1000, 2000], b.length: [1000, 2000] }\n", List.of(), false);
        assertThat(values(w)).containsExactly(Map.of("a.length", 1000L, "b.length", 1000L),
            Map.of("a.length", 2000L, "b.length", 2000L));
    }

    @Test
    void aZipMultipliesWithTheOtherAxesAsOneAxis() {
        Workload w = parse("  a.seed: [1, 2, 3]\n  zip: { a.length: [1000, 2000], b.length: [1000, 2000] }\n", List.of(), false);
        assertThat(w.points()).hasSize(6);
        assertThat(values(w)).allSatisfy(v -> assertThat(v.get("a.length")).isEqualTo(v.get("b.length")));
        assertThat(values(w).get(0).keySet()).containsExactly("a.seed", "a.length", "b.length");
        Workload two = parse("  zip:\n    - { a.length: [1000, 2000], b.length: [1000, 2000] }\n"
            + "    - { a.seed: [1, 2], b.seed: [3, 4] }\n", List.of(), false);
        assertThat(two.points()).hasSize(4);
        assertThat(values(two)).allSatisfy(v -> assertThat((Long) v.get("b.seed") - (Long) v.get("a.seed")).isEqualTo(2));
    }

    @Test
    void zippedListsOfDifferentLengthsAreRefusedWhereTheyAre() {
        SpecException e = catchThrowableOfType(SpecException.class,
            () -> parse("  zip: { a.length: [1000, 2000], b.length: [1000, 2000, 3000] }\n", List.of(), false));
        assertThat(e.getMessage()).isEqualTo("spec.yaml:6:44: sweep: zip: b.length has 3 values but a.length has 2: a zip's "
            + "parameters vary together, so each needs as many values");
        SpecException twice = catchThrowableOfType(SpecException.class,
            () -> parse("  a.length: [1000]\n  zip: { a.length: [1000, 2000], b.length: [1000, 2000] }\n", List.of(), false));
        assertThat(twice.getMessage()).contains("sweep: a.length is swept twice");
        SpecException notAMapping = catchThrowableOfType(SpecException.class,
            () -> parse("  zip: [1, 2]\n", List.of(), false));
        assertThat(notAMapping.getMessage()).contains("sweep: zip: expected a mapping of STAGE.PARAM to lists of equal length");
    }

    @Test
    void aSetTakesItsParameterOutOfAZipAndTheRestVaryOn() {
        Workload w = parse("  zip: { a.seed: [1, 2], b.seed: [3, 4] }\n", List.of("a.seed=9"), false);
        assertThat(values(w)).containsExactly(Map.of("b.seed", 3L), Map.of("b.seed", 4L));
        assertThat(w.stages().get(0).params().integer("seed")).isEqualTo(9);
        assertThat(w.notices()).containsExactly("--set a.seed=9 replaces the sweep of a.seed over [1, 2]: only 9 runs");
        Workload both = parse("  zip: { a.seed: [1, 2], b.seed: [3, 4] }\n", List.of("a.seed=9", "b.seed=8"), false);
        assertThat(both.sweep()).isEmpty();
        assertThat(both.points()).hasSize(1);
    }

    @Test
    void aQuickRunMergesZipPointsOnlyWhereEveryValueCapsAlike() {
        Workload w = parse("  zip: { a.length: [10M, 20M, 1000], b.length: [10M, 20M, 1000] }\n", List.of(), true);
        assertThat(values(w)).containsExactly(Map.of("a.length", 65536L, "b.length", 65536L),
            Map.of("a.length", 1000L, "b.length", 1000L));
        assertThat(w.notices()).singleElement().asString()
            .startsWith("--quick: the sweep of a.length and b.length runs 2 of its 3 points");
    }
}
