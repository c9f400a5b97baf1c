package dev.lanes.core.run;

import dev.lanes.core.exec.Accelerators;
import dev.lanes.core.exec.Backend;
import dev.lanes.core.exec.ScalarAccelerator;
import dev.lanes.core.kernels.BuiltInKernels;
import dev.lanes.core.machine.MachineInfo;
import dev.lanes.core.report.Format;
import dev.lanes.core.result.ConcurrentPoint;
import dev.lanes.core.result.ResultJson;
import dev.lanes.core.result.RunResult;
import dev.lanes.core.result.ScheduleRow;
import dev.lanes.core.spec.SpecException;
import dev.lanes.core.spec.SpecLoader;
import dev.lanes.core.spec.Workload;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code stages: concurrent}: ready sets measured with their stages started together, against the serial schedule. */
class ConcurrentRunTest {
    private static final Accelerators SCALAR = new Accelerators(Map.of(Backend.SCALAR, new ScalarAccelerator()));

    private static RunResult run(String spec) {
        Workload w = new SpecLoader(BuiltInKernels.registry(), 2, 1L << 30).parse("t.yaml", spec, List.of(), false);
        return new Runner(SCALAR, RunListener.NONE, "test").run(w, MachineInfo.detect(SCALAR), null);
    }

    @Test
    @Tag("slow")
    void twoIndependentBranchesTakeAboutTheirLongerBranch() {
        RunResult r = run("""
            settings: { warmup: 0, iterations: 3, min-warmup-ms: 0, threads: [2], stages: concurrent }
            stages:
              - { id: slow, kernel: command, params: { run: "sleep 0.2" } }
              - { id: fast, kernel: command, params: { run: "sleep 0.1" } }
            """);
        ConcurrentPoint.ReadySet set = r.concurrent().get(0).sets().get(0);
        assertThat(set.members()).extracting(ConcurrentPoint.Member::stage).containsExactly("slow", "fast");
        assertThat(set.members()).allSatisfy(m -> assertThat(m.threads()).isEqualTo(1));
        ScheduleRow row = r.rows(ScheduleRow.class).get(0);
        // the sleeps overlap: the pair takes one sleep of 0.2 s plus process start-up, not 0.3 s (generous bounds)
        assertThat(row.concurrentNanos()).isBetween(0.19e9, 0.28e9);
        assertThat(row.serialNanos()).isGreaterThan(0.29e9);
        assertThat(row.speedup()).isGreaterThan(1.15);
        assertThat(row.criticalPath()).containsExactly("slow");
        assertThat(row.criticalPathNanos()).isLessThanOrEqualTo(row.concurrentNanos() * 1.05);
    }

    @Test
    void readySetsRunInGraphOrderTheirResultsAreCheckedAndTheyReadBack() {
        RunResult r = run("""
            settings: { warmup: 1, iterations: 4, min-warmup-ms: 0, threads: [1, 2], stages: concurrent }
            stages:
              - { id: data, kernel: generate, params: { length: 300000, seed: 5 } }
              - { id: squares, kernel: sum-of-squares, inputs: [data] }
              - { id: scan, kernel: prefix-sum, inputs: [data] }
              - { id: scanned, kernel: sum-of-squares, inputs: [scan] }
              - { id: last, kernel: dot, inputs: [data, data], after: [squares] }
            """);
        assertThat(r.complete()).isTrue();
        ConcurrentPoint c = r.concurrent().get(0);
        assertThat(c.budget()).isEqualTo(2);
        assertThat(c.sets()).extracting(s -> s.members().stream().map(ConcurrentPoint.Member::stage).toList())
            .containsExactly(List.of("squares", "scan"), List.of("scanned", "last"));
        for (ConcurrentPoint.ReadySet set : c.sets()) {
            assertThat(set.wallNanos()).hasSize(4);
            assertThat(set.members()).allSatisfy(m -> {
                assertThat(m.samplesNanos()).hasSize(4);
                assertThat(m.check()).isNotNull();
                assertThat(m.check().passed()).isTrue();
            });
            // a member's time lies within its set's wall time, iteration by iteration
            for (int i = 0; i < 4; i++) {
                int at = i;
                assertThat(set.members()).allSatisfy(m -> assertThat(m.samplesNanos().get(at)).isLessThanOrEqualTo(set.wallNanos().get(at)));
            }
        }
        assertThat(c.sets().get(1).members().get(0).waitsFor()).containsExactly("scan");
        ScheduleRow row = r.rows(ScheduleRow.class).get(0);
        assertThat(row.stages()).hasSize(4);
        assertThat(row.criticalPath()).hasSize(2);
        assertThat(row.criticalPath().get(1)).isIn("scanned", "last");
        assertThat(row.speedup()).isEqualTo(row.serialNanos() / row.concurrentNanos());
        RunResult back = ResultJson.parse("r.json", ResultJson.write(List.of(r))).get(0);
        assertThat(back.concurrent()).isEqualTo(r.concurrent());
        assertThat(back.spec().settings().stages()).isEqualTo("concurrent");
        for (Format f : List.of(Format.TABLE, Format.MARKDOWN)) {
            assertThat(f.renderer().render(List.of(back))).as(f.label())
                .contains("Concurrent schedule · 2 threads shared within each ready set")
                .contains("critical path: " + String.join(" → ", row.criticalPath()))
                .contains("speedup " + String.format(java.util.Locale.ROOT, "%.2f", row.speedup()) + "x");
        }
    }

    @Test
    void stagesThatRewriteASharedInputRunOneAfterAnother() {
        RunResult r = run("""
            settings: { warmup: 0, iterations: 2, min-warmup-ms: 0, threads: [2], stages: concurrent }
            stages:
              - { id: x, kernel: generate, params: { length: 10000, seed: 1 } }
              - { id: y, kernel: generate, params: { length: 10000, seed: 2 } }
              - { id: first, kernel: axpy, params: { a: 2 }, inputs: [x, y] }
              - { id: second, kernel: axpy, params: { a: 3 }, inputs: [x, y] }
            """);
        ConcurrentPoint.ReadySet set = r.concurrent().get(0).sets().get(0);
        assertThat(set.together()).isFalse();
        assertThat(set.note()).contains("rewrites an input it shares with");
        assertThat(r.complete()).isTrue();
    }

    @Test
    void aSerialRunMeasuresNoReadySetsAndWeakScalingIsRefused() {
        assertThat(run("""
            settings: { warmup: 0, iterations: 2, min-warmup-ms: 0, threads: [2] }
            stages:
              - { id: a, kernel: command, params: { run: "true" } }
              - { id: b, kernel: command, params: { run: "true" } }
            """).concurrent()).isEmpty();
        assertThatThrownBy(() -> run("""
            settings: { warmup: 0, iterations: 2, min-warmup-ms: 0, threads: [1, 2], stages: concurrent }
            stages:
              - { id: data, kernel: generate, params: { length: 1000 }, scaling: { weak: data.length } }
              - { id: s, kernel: sum-of-squares, inputs: [data] }
            """)).isInstanceOf(SpecException.class).hasMessageContaining("weak scaling fixes each point's threads");
    }
}
