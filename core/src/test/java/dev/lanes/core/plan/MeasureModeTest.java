package dev.lanes.core.plan;

import dev.lanes.core.run.Planning;
import dev.lanes.core.data.ElementType;
import dev.lanes.core.exec.Accelerators;
import dev.lanes.core.exec.Backend;
import dev.lanes.core.exec.ScalarAccelerator;
import dev.lanes.core.kernel.KernelRegistry;
import dev.lanes.core.machine.MachineInfo;
import dev.lanes.core.store.WisdomStore;
import dev.lanes.core.run.RunListener;
import dev.lanes.core.result.RunResult;
import dev.lanes.core.run.Runner;
import dev.lanes.core.result.PointResult;
import dev.lanes.core.spec.SpecLoader;
import dev.lanes.core.spec.Workload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class MeasureModeTest {
    private static final String SPEC = """
        settings: { warmup: 1, iterations: 3, min-warmup-ms: 0, threads: [2] }
        stages:
          - { id: data, kernel: generate, params: { length: 300000 } }
          - { id: squares, kernel: sum-of-squares, inputs: [data] }
        """;
    private static final Accelerators SCALAR_ONLY = new Accelerators(Map.of(Backend.SCALAR, new ScalarAccelerator()));

    @TempDir
    Path dir;

    private final List<String> warnings = new CopyOnWriteArrayList<>();

    private PointResult run(WisdomStore wisdom) {
        Workload w = new SpecLoader(dev.lanes.core.kernels.BuiltInKernels.registry(), 2, 1L << 30).parse("t.yaml", SPEC, List.of(), false);
        Planner planner = new Planner(new CostModel(PlannerTest.profile(1_000)), SCALAR_ONLY);
        RunResult r = new Runner(SCALAR_ONLY, RunListener.NONE, "test", new Planning(planner, wisdom))
            .run(w, MachineInfo.detect(SCALAR_ONLY), null);
        return r.points().stream().filter(s -> s.key().stage().equals("squares")).findFirst().orElseThrow();
    }

    @Test
    void everyMeasuredStageIsHeldAgainstTheRooflineOfWhatRan() {
        PointResult squares = run(null);
        Roofline roof = new CostModel(PlannerTest.profile(1_000)).roofline(new dev.lanes.core.kernel.Work(300_000, 600_000, 2_400_000),
            ElementType.F64, Backend.THREADS, Backend.SCALAR, squares.key().threads());
        assertThat(squares.roof()).isNotNull();
        assertThat(squares.roof().share()).isCloseTo(roof.nanos() / squares.summary().medianNanos(), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(squares.roof().bound()).isEqualTo(roof.bound());
    }

    @Test
    void trialsAreStoredAsWisdomAndReused() throws Exception {
        WisdomStore store = new WisdomStore(dir, "fp", warnings::add);
        PointResult first = run(store);
        String key = Wisdom.key("sum-of-squares", ElementType.F64, 300_000);
        Wisdom wisdom = store.load();
        assertThat(wisdom.entries()).containsKey(key);
        Wisdom.Entry entry = wisdom.entries().get(key);
        // threads: [2] caps the plan at two threads, so of the synthetic 8-core profile's
        // candidates only scalar and two threads remain to be tried
        assertThat(entry.trialMedianNanos()).containsOnlyKeys("scalar", "threads(scalar) x2");
        assertThat(first.notes()).anySatisfy(n -> assertThat(n).startsWith("auto by measurement"));
        String before = Files.readString(store.path());
        run(store);
        assertThat(Files.readString(store.path())).isEqualTo(before);
        assertThat(warnings).isEmpty();
    }

    @Test
    void storedWisdomDecidesEvenAgainstTheModel() {
        WisdomStore store = new WisdomStore(dir, "fp", warnings::add);
        String key = Wisdom.key("sum-of-squares", ElementType.F64, 300_000);
        Estimate scalar = new Estimate(Backend.SCALAR, Backend.SCALAR, 1, 1, "memory", 0, 1, 0);
        store.save(Wisdom.empty("fp").with(key, new Wisdom.Entry(scalar, Map.of("scalar", 1.0), "earlier")));
        assertThat(run(store).key().label()).isEqualTo("scalar");
        // the model alone picks two threads for this size on the synthetic 8-core profile
        assertThat(run(null).key().label()).isEqualTo("threads(scalar)");
    }

    @Test
    void corruptWisdomIsIgnoredWithAWarning() throws Exception {
        WisdomStore store = new WisdomStore(dir, "fp", warnings::add);
        Files.writeString(store.path(), "[1, 2");
        PointResult r = run(store);
        assertThat(r.check().passed()).isTrue();
        assertThat(warnings).singleElement().asString().contains("unreadable wisdom file");
        assertThat(store.load().entries()).hasSize(1);
    }
}
