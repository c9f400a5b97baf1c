package dev.lanes.core.run;

import dev.lanes.core.UsageException;
import dev.lanes.core.exec.Accelerators;
import dev.lanes.core.exec.Backend;
import dev.lanes.core.exec.ScalarAccelerator;
import dev.lanes.core.kernels.BuiltInKernels;
import dev.lanes.core.machine.MachineInfo;
import dev.lanes.core.plan.ShardSelection;
import dev.lanes.core.result.ConcurrentPoint;
import dev.lanes.core.result.PointResult;
import dev.lanes.core.result.ResultJson;
import dev.lanes.core.result.RunResult;
import dev.lanes.core.result.ShardMerge;
import dev.lanes.core.spec.SpecLoader;
import dev.lanes.core.spec.Workload;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code --shard K/N} and {@code lanes merge}: every shard count deals every stage point to
 * exactly one shard, and the merged partials are the whole run's points, in its order, with
 * the same outputs bit for bit.
 */
class ShardRunTest {
    private static final Accelerators SCALAR = new Accelerators(Map.of(Backend.SCALAR, new ScalarAccelerator()));
    private static final MachineInfo MACHINE = MachineInfo.detect(SCALAR);

    /** A sweep of three points; a chain (scan → scanned) a shard may hold only the end of; a stage no sweep reaches. */
    private static final String SWEEP = """
        settings: { warmup: 0, iterations: 2, min-warmup-ms: 0, threads: [1, 2] }
        stages:
          - { id: data, kernel: generate, params: { length: 20000, seed: 5 } }
          - { id: squares, kernel: sum-of-squares, inputs: [data] }
          - { id: scan, kernel: prefix-sum, inputs: [data] }
          - { id: scanned, kernel: sum-of-squares, inputs: [scan] }
          - { id: fixed, kernel: generate, params: { length: 5000, seed: 9 } }
          - { id: fixed-dot, kernel: dot, inputs: [fixed, fixed] }
        sweep:
          data.length: [10000, 20000, 30000]
        """;

    private static Workload workload(String spec) {
        return new SpecLoader(BuiltInKernels.registry(), 2, 1L << 30).parse("t.yaml", spec, List.of(), false);
    }

    private static RunResult run(Workload w, ShardSelection shard) {
        RunResult r = new Runner(SCALAR, RunListener.NONE, "test").run(w, MACHINE, null, List.of(), shard);
        return ResultJson.parse("r.json", ResultJson.write(List.of(r))).get(0);     // through the file format
    }

    private static List<ShardMerge.Partial> shards(Workload w, int n) {
        List<ShardMerge.Partial> partials = new ArrayList<>();
        for (int k = 1; k <= n; k++) {
            partials.add(new ShardMerge.Partial("part-" + k + ".json", List.of(run(w, new ShardSelection(k, n, "test")))));
        }
        return partials;
    }

    /** What a point computed and how it is named: everything but its times. */
    private static List<String> identities(RunResult r) {
        return r.points().stream().map(ShardRunTest::identity).toList();
    }

    private static String identity(PointResult p) {
        return p.key() + " " + p.kernel() + " " + p.definition() + " source=" + p.source() + " checksum="
            + Double.doubleToRawLongBits(p.checksum()) + " " + p.output() + " " + p.size() + " elements=" + p.elements()
            + " check=" + (p.check() == null ? null : p.check().passed() + " " + p.check().method())
            + " samples=" + p.samplesNanos().size();
    }

    @Test
    void everyShardCountFromOneToSevenMergesIntoTheWholeRun() {
        Workload w = workload(SWEEP);
        RunResult whole = run(w, null);
        assertThat(whole.points()).hasSize(3 * 7 + 3);        // 3 points × (data + 3 stages × 2 thread counts) + fixed, fixed-dot × 2
        for (int n = 1; n <= 7; n++) {
            List<ShardMerge.Partial> partials = shards(w, n);
            int recorded = partials.stream().mapToInt(p -> p.runs().get(0).points().size()).sum();
            assertThat(recorded).as("points recorded over %d shards", n).isEqualTo(whole.points().size());
            Collections.reverse(partials);                    // the order they are given in does not matter
            RunResult merged = ShardMerge.merge(partials).get(0);
            assertThat(identities(merged)).as("merge of %d shards", n).isEqualTo(identities(whole));
            assertThat(merged.complete()).isTrue();
            assertThat(merged.shard()).isNull();
            assertThat(merged.mergedFrom()).extracting(o -> o.index()).containsExactlyElementsOf(
                java.util.stream.IntStream.rangeClosed(1, n).boxed().toList());
            assertThat(merged.spec().digest()).isEqualTo(whole.spec().digest());
            assertThat(merged.derived()).isNotEmpty();         // the scaling rows, computed again over all points
        }
    }

    @Test
    void aShardComputesWhatItsStagesReadWithoutRecordingIt() {
        // 10 units (3 points × 3 measured stages + fixed-dot): with 12 shards each records at most one, and
        // the shard of 'scanned' at the first point must make 'scan' there to read it
        Workload w = workload(SWEEP);
        List<ShardMerge.Partial> partials = shards(w, 12);
        RunResult scannedFirst = partials.stream().map(p -> p.runs().get(0))
            .filter(r -> r.points().stream().anyMatch(p -> p.key().stage().equals("scanned"))).findFirst().orElseThrow();
        assertThat(scannedFirst.points()).extracting(p -> p.key().stage()).containsOnly("scanned");
        assertThat(scannedFirst.points()).allSatisfy(p -> assertThat(p.check().passed()).isTrue());
        assertThat(partials.stream().mapToInt(p -> p.runs().get(0).shard().own().size()).sum()).isEqualTo(10);
        assertThat(partials.get(11).runs().get(0).points()).as("shard 12 of 12: there are 10 units").isEmpty();
        assertThat(identities(ShardMerge.merge(partials).get(0))).isEqualTo(identities(run(w, null)));
    }

    @Test
    void aConcurrentRunIsShardedBySweepPointWithItsReadySets() {
        Workload w = workload("""
            settings: { warmup: 0, iterations: 2, min-warmup-ms: 0, threads: [2], stages: concurrent }
            stages:
              - { id: data, kernel: generate, params: { length: 20000, seed: 5 } }
              - { id: squares, kernel: sum-of-squares, inputs: [data] }
              - { id: scan, kernel: prefix-sum, inputs: [data] }
            sweep:
              data.length: [10000, 20000, 30000]
            """);
        RunResult whole = run(w, null);
        for (int n = 2; n <= 4; n++) {
            List<ShardMerge.Partial> partials = shards(w, n);
            for (ShardMerge.Partial p : partials) {
                RunResult r = p.runs().get(0);
                // a shard holds whole sweep points: the serial points and the ready set of each
                assertThat(r.concurrent()).hasSize(r.points().stream().map(q -> q.key().point()).distinct().toList().size());
            }
            RunResult merged = ShardMerge.merge(partials).get(0);
            assertThat(identities(merged)).isEqualTo(identities(whole));
            assertThat(merged.concurrent()).extracting(ConcurrentPoint::point)
                .containsExactlyElementsOf(whole.concurrent().stream().map(ConcurrentPoint::point).toList());
            assertThat(merged.concurrent()).extracting(c -> c.sets().get(0).members().size()).containsOnly(2);
        }
    }

    @Test
    void aWeakScalingSweepKeepsEachCombinationsThreadCountsTogether() {
        Workload w = workload("""
            settings: { warmup: 0, iterations: 2, min-warmup-ms: 0, threads: [1, 2] }
            stages:
              - { id: data, kernel: generate, params: { length: 4000, seed: 5 } }
              - { id: squares, kernel: sum-of-squares, inputs: [data], scaling: { weak: data.length } }
            """);
        List<ShardMerge.Partial> partials = shards(w, 2);
        assertThat(partials.get(0).runs().get(0).points()).filteredOn(p -> !p.source())
            .extracting(p -> p.key().threads()).containsExactly(1, 2);
        assertThat(partials.get(1).runs().get(0).points()).isEmpty();
        assertThat(identities(ShardMerge.merge(partials).get(0))).isEqualTo(identities(run(w, null)));
    }

    @Test
    void aMissingDuplicatedForeignOrUnfinishedShardIsRefused() {
        Workload w = workload(SWEEP);
        List<ShardMerge.Partial> three = shards(w, 3);
        assertThatThrownBy(() -> ShardMerge.merge(List.of(three.get(0), three.get(2))))
            .isInstanceOf(UsageException.class).hasMessage("shard 2 of 3 is missing (given: 1, 3)");
        assertThatThrownBy(() -> ShardMerge.merge(List.of(three.get(0), three.get(1), three.get(1), three.get(2))))
            .isInstanceOf(UsageException.class).hasMessage("shard 2/3 appears twice: part-2.json and part-2.json");
        ShardMerge.Partial foreign = new ShardMerge.Partial("other.json", List.of(run(workload(SWEEP.replace("seed: 5",
            "seed: 6")), new ShardSelection(2, 3, "test"))));
        assertThatThrownBy(() -> ShardMerge.merge(List.of(three.get(0), foreign, three.get(2))))
            .isInstanceOf(UsageException.class).hasMessageStartingWith("other.json: not a shard of the same run as part-1.json: "
                + "its spec digest");
        ShardMerge.Partial ofFour = new ShardMerge.Partial("four.json", List.of(run(w, new ShardSelection(2, 4, "test"))));
        assertThatThrownBy(() -> ShardMerge.merge(List.of(three.get(0), ofFour, three.get(2))))
            .isInstanceOf(UsageException.class).hasMessageContaining("it is shard 2/4, of 4 shards, not 3");
        ShardMerge.Partial whole = new ShardMerge.Partial("whole.json", List.of(run(w, null)));
        assertThatThrownBy(() -> ShardMerge.merge(List.of(whole)))
            .isInstanceOf(UsageException.class).hasMessageStartingWith("whole.json: not a shard's result");
        RunResult cut = three.get(1).runs().get(0).unfinished();
        assertThatThrownBy(() -> ShardMerge.merge(List.of(three.get(0), new ShardMerge.Partial("cut.json", List.of(cut)),
            three.get(2)))).isInstanceOf(UsageException.class).hasMessage("cut.json: shard 2/3 did not finish (an interrupted "
                + "or killed run); run that shard again");
    }
}
