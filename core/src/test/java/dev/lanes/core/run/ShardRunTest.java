package dev.lanes.core.run;

import dev.lanes.core.UsageException;
import dev.lanes.core.exec.Accelerators;
import dev.lanes.core.exec.Backend;
import dev.lanes.core.exec.ScalarAccelerator;
import dev.lanes.core.kernels.BuiltInKernels;
import dev.lanes.core.machine.MachineInfo;
import dev.lanes.core.plan.ShardSelection;
import dev.lanes.core.result.BlockSlice;
import dev.lanes.core.result.ConcurrentPoint;
import dev.lanes.core.result.PointResult;
import dev.lanes.core.result.ResultJson;
import dev.lanes.core.result.RunResult;
import dev.lanes.core.result.ShardInfo;
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

    /**
     * A reduction, a histogram, a product swept over two sizes and a stage that reads it, a network's rows, an image's
     * rows, messages' digests, and two stages whose blocks cannot be cut: an update in place, and a scan whose blocks
     * depend on the blocks before them.
     */
    private static final String BLOCKS = """
        settings: { warmup: 0, iterations: 2, min-warmup-ms: 0, threads: [1, 2] }
        stages:
          - { id: data, kernel: generate, params: { length: 600000, seed: 5 } }
          - { id: squares, kernel: sum-of-squares, inputs: [data] }
          - { id: y, kernel: generate, params: { length: 600000, seed: 6 } }
          - { id: update, kernel: axpy, params: { a: 1.5 }, inputs: [data, y] }
          - { id: counts, kernel: histogram, params: { bins: 64, low: 0, high: 1 }, inputs: [data] }
          - { id: scan, kernel: prefix-sum, inputs: [data] }
          - { id: product, kernel: matmul, params: { n: 150, seed: 3 } }
          - { id: product-squares, kernel: sum-of-squares, inputs: [product] }
          - { id: net, kernel: mlp-forward, params: { batch: 300, layers: [20, 16, 3], seed: 7 } }
          - { id: image, kernel: generate, params: { length: 196608, type: f32, seed: 11 } }
          - { id: blur, kernel: stencil2d, params: { width: 256, stencil: [3, 3] }, inputs: [image] }
          - { id: words, kernel: generate, params: { length: 200000, type: i64, seed: 31 } }
          - { id: digests, kernel: sha256, params: { message-bytes: 64 }, inputs: [words] }
        sweep:
          product.n: [96, 150]
        """;

    private static List<ShardMerge.Partial> blockShards(Workload w, int n) {
        List<ShardMerge.Partial> partials = new ArrayList<>();
        for (int k = 1; k <= n; k++) {
            partials.add(new ShardMerge.Partial("part-" + k + ".json",
                List.of(run(w, new ShardSelection(k, n, "test").cuttingBlocks()))));
        }
        return partials;
    }

    private static RunResult mergeBlocks(List<ShardMerge.Partial> partials) {
        try (BlockJoin join = new BlockJoin(new SpecLoader(BuiltInKernels.registry(), 2, 1L << 30), SCALAR, 2)) {
            return ShardMerge.merge(partials, join).get(0);
        }
    }

    @Test
    void everyShardCountFromOneToSevenCutsTheBlockRangesAndMergesIntoTheWholeRun() {
        Workload w = workload(BLOCKS);
        RunResult whole = run(w, null);
        for (int n = 1; n <= 7; n++) {
            List<ShardMerge.Partial> partials = blockShards(w, n);
            long most = (long) Math.ceilDiv(10, n) * 65536;   // a shard's part: at most ⌈10/n⌉ blocks of 65536
            for (ShardMerge.Partial p : partials) {
                RunResult r = p.runs().get(0);
                assertThat(r.shard().cutsBlocks()).isTrue();
                // every shard measured its part of the cut stages (10 blocks of squares): no check there, a share of the work
                assertThat(r.points()).filteredOn(q -> q.key().stage().equals("squares")).isNotEmpty()
                    .allSatisfy(q -> assertThat(q.check()).isNull())
                    .allSatisfy(q -> assertThat(q.elements()).isLessThanOrEqualTo(most));
            }
            Collections.reverse(partials);
            RunResult merged = mergeBlocks(partials);
            assertThat(identities(merged)).as("merge of %d block shards", n).isEqualTo(identities(whole));
            assertThat(merged.points()).filteredOn(p -> !p.source()).allSatisfy(p -> assertThat(p.check().passed()).isTrue());
            PointResult squares = merged.points().stream().filter(p -> p.key().stage().equals("squares")).findFirst()
                .orElseThrow();
            int blocks = squares.cluster().members().getLast().endBlock();
            assertThat(squares.cluster().apart()).isTrue();
            assertThat(squares.cluster().members()).as("one member per shard with blocks")
                .hasSize(Math.min(n, blocks));
            assertThat(squares.cluster().members().stream().mapToLong(m -> m.elements()).sum()).isEqualTo(600000);
            assertThat(merged.derived()).isNotEmpty();
        }
    }

    @Test
    void aStageWhoseBlocksCannotBeCutIsTheFirstShardsWhole() {
        Workload w = workload(BLOCKS);
        List<ShardMerge.Partial> partials = blockShards(w, 3);
        // prefix-sum's blocks depend on the blocks before them, axpy updates its input: only the first shard runs
        // them, whole, and checks them
        for (String stage : List.of("scan", "update")) {
            assertThat(partials.get(0).runs().get(0).points()).filteredOn(p -> p.key().stage().equals(stage))
                .hasSize(2).allSatisfy(p -> assertThat(p.check().passed()).isTrue());
            assertThat(partials.get(1).runs().get(0).points()).noneMatch(p -> p.key().stage().equals(stage));
        }
        // every other stage was cut: each kept its parts' answers for the merge
        assertThat(partials.stream().flatMap(p -> p.runs().get(0).shard().slices().stream()).map(c -> c.stage())
            .distinct()).containsExactlyInAnyOrder("squares", "counts", "product", "product-squares", "net", "blur",
            "digests");
        // the data stages are the first shard's too; the others make them unrecorded
        assertThat(partials.get(2).runs().get(0).points()).noneMatch(PointResult::source);
        // a stage that reads a cut one reads its whole output: each shard's part of it checks out after the merge
        assertThat(mergeBlocks(partials).points()).filteredOn(p -> p.key().stage().equals("product-squares"))
            .hasSize(4).allSatisfy(p -> assertThat(p.check().passed()).isTrue());
    }

    @Test
    void blockShardsWithAPartMissingTwiceOrEditedAreRefused() {
        Workload w = workload(BLOCKS);
        List<ShardMerge.Partial> three = blockShards(w, 3);
        assertThatThrownBy(() -> mergeBlocks(List.of(three.get(0), three.get(2))))
            .isInstanceOf(UsageException.class).hasMessage("shard 2 of 3 is missing (given: 1, 3)");
        List<ShardMerge.Partial> units = shards(w, 3);
        assertThatThrownBy(() -> mergeBlocks(List.of(three.get(0), units.get(1), three.get(2))))
            .isInstanceOf(UsageException.class).hasMessageContaining("it shares out stage points (--shard-by units), not blocks");
        assertThatThrownBy(() -> ShardMerge.merge(three)).isInstanceOf(UsageException.class)
            .hasMessageContaining("cut blocks (--shard-by blocks), which this merge cannot join");
        // shard 2's kept answers swapped for shard 3's: the ranges no longer tile the stage
        RunResult second = three.get(1).runs().get(0);
        RunResult third = three.get(2).runs().get(0);
        List<BlockSlice> swapped = new ArrayList<>();
        for (int i = 0; i < second.shard().slices().size(); i++) {
            BlockSlice mine = second.shard().slices().get(i);
            BlockSlice theirs = third.shard().slices().get(i);
            swapped.add(new BlockSlice(mine.result(), mine.sweepPoint(), mine.stage(), theirs.firstBlock(), theirs.endBlock(),
                mine.blocks(), mine.elements(), mine.flops(), mine.bytesMoved(), theirs.reply()));
        }
        RunResult forged = withSlices(second, swapped);
        assertThatThrownBy(() -> mergeBlocks(List.of(three.get(0), new ShardMerge.Partial("forged.json", List.of(forged)),
            three.get(2)))).isInstanceOf(UsageException.class).hasMessageContaining("were run by no shard");
        // a kept answer that is not one: refused by name, not a stack trace
        RunResult bad = withSlices(second, second.shard().slices().stream().map(c -> new BlockSlice(c.result(),
            c.sweepPoint(), c.stage(), c.firstBlock(), c.endBlock(), c.blocks(), c.elements(), c.flops(), c.bytesMoved(),
            new byte[] {1, 2, 3})).toList());
        assertThatThrownBy(() -> mergeBlocks(List.of(three.get(0), new ShardMerge.Partial("bad.json", List.of(bad)),
            three.get(2)))).isInstanceOf(UsageException.class).hasMessageStartingWith("bad.json: the answer kept for stage");
    }

    /** The shard's result with other kept parts, as an edited file would hold. */
    private static RunResult withSlices(RunResult r, List<BlockSlice> slices) {
        ShardInfo s = r.shard();
        ShardInfo edited = new ShardInfo(s.index(), s.count(), s.units(), s.own(), s.positions(), s.concurrent(), true,
            s.specText(), slices);
        return new RunResult(r.schema(), r.complete(), r.lanesVersion(), r.startedAt(), r.machine(), r.calibration(),
            r.spec(), r.points(), r.derived(), r.failures(), r.concurrent(), edited, r.mergedFrom());
    }

    @Test
    void aConcurrentRunCannotCutBlocks() {
        Workload w = workload("""
            settings: { warmup: 0, iterations: 2, min-warmup-ms: 0, threads: [2], stages: concurrent }
            stages:
              - { id: data, kernel: generate, params: { length: 20000, seed: 5 } }
              - { id: squares, kernel: sum-of-squares, inputs: [data] }
            """);
        assertThatThrownBy(() -> run(w, new ShardSelection(1, 2, "--shard 1/2").cuttingBlocks()))
            .isInstanceOf(UsageException.class).hasMessageContaining("use --shard-by units");
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
