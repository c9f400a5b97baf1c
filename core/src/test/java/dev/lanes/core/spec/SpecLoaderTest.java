package dev.lanes.core.spec;

import dev.lanes.core.UsageException;
import dev.lanes.core.exec.BackendChoice;
import dev.lanes.core.kernel.KernelRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpecLoaderTest {
    private static final long GIB = 1L << 30;
    private final SpecLoader loader = new SpecLoader(dev.lanes.core.kernels.BuiltInKernels.registry(), 2, 4 * GIB);

    private static final String GOOD = """
        name: demo
        settings: { warmup: 2, iterations: 5, threads: [1, max], verify: true }
        stages:
          - id: data
            kernel: generate
            params: { length: 1M, type: f64, distribution: uniform, seed: 42 }
          - id: squares
            kernel: sum-of-squares
            inputs: [data]
            backend: auto
        sweep:
          data.length: [1M, 64Ki, 1e3]
        """;

    private Workload parse(String yaml, String... overrides) {
        return loader.parse("spec.yaml", yaml, List.of(overrides), false);
    }

    private SpecException refused(String yaml, String... overrides) {
        try {
            parse(yaml, overrides);
        } catch (SpecException e) {
            return e;
        }
        throw new AssertionError("the spec was accepted:\n" + yaml);
    }

    @Test
    void aGoodSpecBecomesAWorkload() {
        Workload w = parse(GOOD);
        assertThat(w.name()).isEqualTo("demo");
        assertThat(w.settings().threads()).containsExactly(1, 2);
        assertThat(w.settings().warmup()).isEqualTo(2);
        assertThat(w.stages()).extracting(Stage::id).containsExactly("data", "squares");
        assertThat(w.stages().get(1).backend()).isEqualTo(BackendChoice.AUTO);
        assertThat(w.points()).hasSize(3);
        assertThat(w.points().get(1).paramsFor(w.stages().get(0)).size("length")).isEqualTo(65536);
        assertThat(w.points().get(2).paramsFor(w.stages().get(0)).size("length")).isEqualTo(1000);
        assertThat(w.digest()).startsWith("sha256:");
    }

    @Test
    void jsonWorksToo() {
        String json = """
            {"stages": [{"id": "x", "kernel": "generate", "params": {"length": 1000}},
                        {"id": "s", "kernel": "sum-of-squares", "inputs": ["x"]}]}
            """;
        Workload w = loader.parse("spec.json", json, List.of(), false);
        assertThat(w.name()).isEqualTo("spec");
        assertThat(w.stages().get(0).params().choice("type")).isEqualTo("f64");
    }

    @Test
    void stagesRunInDependencyOrderWhateverTheSpecOrder() {
        Workload w = parse("""
            stages:
              - { id: dot, kernel: dot, inputs: [a, b] }
              - { id: b, kernel: generate, params: { length: 10 } }
              - { id: a, kernel: generate, params: { length: 10 } }
            """);
        assertThat(w.stages()).extracting(Stage::id).containsExactly("b", "a", "dot");
    }

    @Test
    void malformedYamlSaysWhere() {
        SpecException e = refused("stages:\n  - id: a\n    kernel: [generate\n");
        assertThat(e.getMessage()).startsWith("spec.yaml:").contains("malformed YAML");
        assertThat(e.location().line()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void malformedJsonSaysWhere() {
        SpecException e = assertThrowsSpec(() -> loader.parse("s.json", "{\"stages\": [ {\"id\": }", List.of(), false));
        assertThat(e.getMessage()).startsWith("s.json:1:").contains("malformed JSON");
    }

    @Test
    void duplicateKeysAreRefused() {
        SpecException e = refused("name: a\nname: b\nstages: []\n");
        assertThat(e.getMessage()).contains("spec.yaml:2").contains("Duplicate field 'name'");
    }

    @Test
    void unknownKernelSuggestsTheClosestName() {
        SpecException e = refused("""
            stages:
              - id: data
                kernel: generate
                params: { length: 10 }
              - id: squares
                kernel: sum-of-square
                inputs: [data]
            """);
        assertThat(e.getMessage()).isEqualTo(
            "spec.yaml:6:13: stage 'squares': unknown kernel 'sum-of-square' (did you mean 'sum-of-squares'?)");
    }

    @Test
    void unknownParameterPointsAtItsKey() {
        SpecException e = refused("""
            stages:
              - id: data
                kernel: generate
                params:
                  length: 10
                  lenght: 5
            """);
        assertThat(e.getMessage()).isEqualTo("spec.yaml:6:7: stage 'data': unknown parameter 'lenght' of kernel 'generate' (did you mean 'length'?)");
    }

    @Test
    void unknownTopLevelAndSettingKeys() {
        assertThat(refused("stages: []\nsetings: {}\n").getMessage()).contains("spec.yaml:2:1").contains("did you mean 'settings'");
        assertThat(refused("settings: { iteratons: 3 }\nstages: []\n").getMessage()).contains("did you mean 'iterations'");
    }

    @Test
    void missingRequiredParameter() {
        SpecException e = refused("stages:\n  - id: data\n    kernel: generate\n");
        assertThat(e.getMessage()).contains("spec.yaml:2:5").contains("missing parameter 'length'");
    }

    @Test
    void unknownInputStageSuggests() {
        SpecException e = refused("""
            stages:
              - { id: data, kernel: generate, params: { length: 10 } }
              - { id: squares, kernel: sum-of-squares, inputs: [dat] }
            """);
        assertThat(e.getMessage()).contains("spec.yaml:3:").contains("unknown input stage 'dat' (did you mean 'data'?)");
    }

    @Test
    void missingInputAndWrongInputCount() {
        assertThat(refused("stages:\n  - { id: s, kernel: sum-of-squares }\n").getMessage())
            .contains("kernel 'sum-of-squares' takes 1 input (x), got 0");
        assertThat(refused("""
            stages:
              - { id: a, kernel: generate, params: { length: 10 } }
              - { id: d, kernel: dot, inputs: [a] }
            """).getMessage()).contains("takes 2 inputs (x, y), got 1");
    }

    @Test
    void cyclicInputsAreRefused() {
        SpecException e = refused("""
            stages:
              - { id: a, kernel: axpy, inputs: [b, c] }
              - { id: b, kernel: axpy, inputs: [a, c] }
              - { id: c, kernel: generate, params: { length: 10 } }
            """);
        assertThat(e.getMessage()).contains("inputs and after: form a cycle").contains("a <- b <- a");
    }

    @Test
    void selfInputAndDuplicateIds() {
        assertThat(refused("stages:\n  - { id: a, kernel: sum-of-squares, inputs: [a] }\n").getMessage())
            .contains("cannot be its own input");
        assertThat(refused("""
            stages:
              - { id: a, kernel: generate, params: { length: 10 } }
              - { id: a, kernel: generate, params: { length: 10 } }
            """).getMessage()).contains("spec.yaml:3:").contains("'a' is used twice");
    }

    @Test
    void negativeZeroAndAbsurdSizes() {
        assertThat(refused("stages:\n  - { id: a, kernel: generate, params: { length: -5 } }\n").getMessage())
            .contains("spec.yaml:2:").contains("length: must be at least 1, got -5");
        assertThat(refused("stages:\n  - { id: a, kernel: generate, params: { length: 0 } }\n").getMessage())
            .contains("must be at least 1, got 0");
        assertThat(refused("stages:\n  - { id: a, kernel: generate, params: { length: 1T } }\n").getMessage())
            .contains("must be at most 2147483639");
        assertThat(refused("stages:\n  - { id: a, kernel: generate, params: { length: lots } }\n").getMessage())
            .contains("expected a size such as");
    }

    @Test
    void dataThatWouldNotFitIsRefusedWithTheEstimateAndTheLimit() {
        SpecLoader small = new SpecLoader(dev.lanes.core.kernels.BuiltInKernels.registry(), 2, 100L << 20);
        SpecException e = assertThrowsSpec(() -> small.parse("spec.yaml", """
            stages:
              - { id: x, kernel: generate, params: { length: 10M } }
              - { id: y, kernel: generate, params: { length: 10M } }
              - { id: u, kernel: axpy, inputs: [x, y] }
            """, List.of(), false));
        // x and y are 76.3 MiB each, axpy keeps a pristine copy of y: 228.9 MiB
        assertThat(e.getMessage()).contains("needs 228.9 MiB").contains("more than the 100.0 MiB").contains("-Xmx");
    }

    @Test
    void mismatchedShapesAreRefusedAtTheInputs() {
        SpecException e = refused("""
            stages:
              - { id: a, kernel: generate, params: { length: 10 } }
              - { id: b, kernel: generate, params: { length: 11 } }
              - { id: d, kernel: dot, inputs: [a, b] }
            """);
        assertThat(e.getMessage()).contains("spec.yaml:4:").contains("same length, got 10 and 11");
    }

    @Test
    void unknownBackendAndBadSettings() {
        assertThat(refused("""
            stages:
              - { id: a, kernel: generate, params: { length: 10 } }
              - { id: s, kernel: sum-of-squares, inputs: [a], backend: simdd }
            """).getMessage()).contains("unknown backend 'simdd' (did you mean 'simd'?)");
        assertThat(refused("settings: { iterations: 0 }\nstages: []\n").getMessage()).contains("settings.iterations: must be in 1..");
        assertThat(refused("settings: { threads: [1, lots] }\nstages: []\n").getMessage())
            .contains("spec.yaml:1:26").contains("thread count or 'max'");
        assertThat(refused("settings: { verify: maybe }\nstages: []\n").getMessage()).contains("expected true or false");
    }

    @Test
    void emptyOrMissingStages() {
        assertThat(refused("name: x\n").getMessage()).contains("missing 'stages'");
        assertThat(refused("stages: []\n").getMessage()).contains("non-empty list");
        assertThat(refused("- just\n- a list\n").getMessage()).contains("expected a mapping");
    }

    @Test
    void sweepKeysAreChecked() {
        String base = "stages:\n  - { id: data, kernel: generate, params: { length: 10 } }\nsweep:\n";
        assertThat(refused(base + "  dat.length: [1, 2]\n").getMessage()).contains("spec.yaml:4:3").contains("unknown stage 'dat'");
        assertThat(refused(base + "  data.lenth: [1, 2]\n").getMessage()).contains("did you mean 'length'");
        assertThat(refused(base + "  data.length: []\n").getMessage()).contains("non-empty list");
        assertThat(refused(base + "  data.length: [1, -1]\n").getMessage()).contains("spec.yaml:4:").contains("at least 1");
    }

    @Test
    void setOverridesAParameterAndErrorsNameTheOption() {
        Workload w = parse(GOOD.replace("sweep:\n  data.length: [1M, 64Ki, 1e3]\n", ""), "data.length=100M", "data.type=f32");
        assertThat(w.stages().get(0).params().size("length")).isEqualTo(100_000_000L);
        assertThat(w.stages().get(0).params().choice("type")).isEqualTo("f32");
        assertThat(refused(GOOD, "data.length=-3").getMessage()).isEqualTo("--set data.length=-3: stage 'data': length: must be at least 1, got -3");
        assertThat(refused(GOOD, "data.colour=red").getMessage()).contains("--set data.colour=red").contains("unknown parameter 'colour'");
        assertThatThrownBy(() -> parse(GOOD, "dta.length=5")).isInstanceOf(UsageException.class)
            .hasMessageContaining("no stage 'dta' (did you mean 'data'?)");
        assertThatThrownBy(() -> parse(GOOD, "nonsense")).isInstanceOf(UsageException.class).hasMessageContaining("STAGE.PARAM=VALUE");
    }

    @Test
    void quickCapsSizesAndIterations() {
        Workload w = loader.parse("spec.yaml", GOOD, List.of(), true);
        assertThat(w.quick()).isTrue();
        assertThat(w.settings().iterations()).isLessThanOrEqualTo(3);
        assertThat(w.points()).allSatisfy(p -> assertThat(p.paramsFor(w.stages().get(0)).size("length")).isLessThanOrEqualTo(65536));
        assertThat(w.points()).hasSize(2);   // 1M and 64Ki both cap to 64Ki
        assertThat(w.notices()).containsExactly("--quick: the sweep of data.length runs 2 of its 3 points: [1M, 65536] "
            + "are all capped at 65536 (the quick size) and run once");
    }

    @Test
    void aSetOfASweptParameterReplacesTheSweepAxis() {
        Workload w = loader.parse("spec.yaml", GOOD, List.of("data.length=100M"), false);
        assertThat(w.sweep()).isEmpty();
        assertThat(w.points()).singleElement()
            .satisfies(p -> assertThat(p.paramsFor(w.stages().get(0)).size("length")).isEqualTo(100_000_000L));
        assertThat(w.notices()).containsExactly("--set data.length=100M replaces the sweep of data.length over "
            + "[1M, 64Ki, 1000]: only 100M runs");
        assertThat(parse(GOOD).notices()).isEmpty();
    }

    @Test
    void quickShrinksMatrixDimensionsFarMoreThanLengths() {
        Workload w = loader.parse("mm.yaml", """
            stages:
              - { id: product, kernel: matmul, params: { n: 4096, k: 100 } }
            sweep:
              product.n: [64, 1024, 4096]
            """, List.of(), true);
        assertThat(w.points()).extracting(p -> p.paramsFor(w.stages().get(0)).size("n")).containsExactly(64L, 256L);
        assertThat(w.stages().get(0).params().size("k")).isEqualTo(100);
    }

    @Test
    void missingFileAndDirectoryAreUsageErrors(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> loader.load(dir.resolve("nope.yaml"), List.of(), false))
            .isInstanceOf(UsageException.class).hasMessageEndingWith("nope.yaml: no such spec file");
        assertThatThrownBy(() -> loader.load(dir, List.of(), false)).isInstanceOf(UsageException.class).hasMessageContaining("is a directory");
        Path binary = Files.write(dir.resolve("bin.yaml"), new byte[] {(byte) 0xC3, (byte) 0x28, 0x0A});
        assertThatThrownBy(() -> loader.load(binary, List.of(), false)).hasMessageContaining("not UTF-8");
    }

    @Test
    void threadListFromTheCommandLine() {
        assertThat(loader.threads("1,2,max")).containsExactly(1, 2);
        assertThat(loader.threads("4, 1")).containsExactly(1, 4);
        assertThatThrownBy(() -> loader.threads("1,0")).isInstanceOf(UsageException.class).hasMessageContaining("1..4096");
        assertThatThrownBy(() -> loader.threads("two")).isInstanceOf(UsageException.class).hasMessageContaining("'two'");
    }

    private static final String WEAK = """
        settings: { threads: [1, 2] }
        stages:
          - { id: data, kernel: generate, params: { length: 1000 } }
          - { id: squares, kernel: sum-of-squares, inputs: [data], scaling: WEAK }
        """;

    @Test
    void aWeakScalingStageGrowsItsParameterWithEachThreadCount() {
        Workload w = parse(WEAK.replace("WEAK", "{ weak: data.length }"));
        assertThat(w.weakStage().orElseThrow().id()).isEqualTo("squares");
        assertThat(w.points()).extracting(SweepPoint::weakThreads).containsExactly(1, 2);
        assertThat(w.points()).extracting(p -> p.values().get("data.length")).containsExactly(1000L, 2000L);
        assertThat(parse(WEAK.replace("WEAK", "strong")).weakStage()).isEmpty();
    }

    @Test
    void weakScalingThatCannotWorkIsRefusedWithWhere() {
        assertThat(refused(WEAK.replace("WEAK", "sideways")).getMessage())
            .isEqualTo("spec.yaml:4:69: stage 'squares': scaling: expected strong or { weak: STAGE.PARAM }, e.g. { weak: data.length }");
        assertThat(refused(WEAK.replace("WEAK", "{ weak: dat.length }")).getMessage())
            .contains("scaling: weak: 'dat.length' is not STAGE.PARAM of a stage of this spec (did you mean 'data'?)");
        assertThat(refused(WEAK.replace("WEAK", "{ weak: data.seed }")).getMessage())
            .contains("'data.seed' is not a size parameter of stage 'data'");
        assertThat(refused(WEAK.replace("WEAK", "{ weak: data.length }") + "sweep: { data.length: [10, 20] }\n").getMessage())
            .contains("cannot be both swept and grown for weak scaling");
        assertThat(refused(WEAK.replace("WEAK", "{ weak: data.length }").replace("[1, 2]", "[2, 4]")).getMessage())
            .contains("weak scaling needs a thread list with 1 and more counts");
        assertThat(refused(WEAK.replace("WEAK", "{ weak: data.length }, backend: simd")).getMessage())
            .contains("weak scaling runs the threads backend (or --backend distributed), not simd");
    }

    @Test
    void aStageMaySetItsOwnGateRule() {
        String spec = """
            stages:
              - { id: data, kernel: generate, params: { length: 1000 } }
              - { id: squares, kernel: sum-of-squares, inputs: [data], gate: GATE }
            """;
        assertThat(parse(spec.replace("GATE", "{ max-regression: 10% }")).stage("squares").orElseThrow().gate())
            .isEqualTo(new GateRule(false, 0.10));
        assertThat(parse(spec.replace("GATE", "off")).stage("squares").orElseThrow().gate()).isEqualTo(new GateRule(true, null));
        assertThat(parse(spec.replace("GATE", "on")).stage("squares").orElseThrow().gate()).isNull();
        assertThat(refused(spec.replace("GATE", "{ max-regression: 10 }")).getMessage())
            .isEqualTo("spec.yaml:3:84: stage 'squares': gate: max-regression: expected a percentage such as 5%, got '10'");
        assertThat(refused(spec.replace("GATE", "sometimes")).getMessage())
            .contains("stage 'squares': gate: expected off, on or { max-regression: 10% }");
    }

    private static SpecException assertThrowsSpec(Runnable r) {
        try {
            r.run();
        } catch (SpecException e) {
            return e;
        }
        throw new AssertionError("expected a SpecException");
    }
}
