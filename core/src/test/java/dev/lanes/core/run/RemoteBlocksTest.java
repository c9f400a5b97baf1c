package dev.lanes.core.run;

import dev.lanes.core.exec.Accelerators;
import dev.lanes.core.exec.Backend;
import dev.lanes.core.exec.BackendChoice;
import dev.lanes.core.exec.Cluster;
import dev.lanes.core.exec.RangeCodec;
import dev.lanes.core.exec.ScalarAccelerator;
import dev.lanes.core.kernels.BuiltInKernels;
import dev.lanes.core.machine.MachineInfo;
import dev.lanes.core.result.ClusterTimes;
import dev.lanes.core.result.PointResult;
import dev.lanes.core.result.ResultJson;
import dev.lanes.core.result.RunResult;
import dev.lanes.core.spec.SpecLoader;
import dev.lanes.core.spec.Workload;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The distributed backend's core half, with members in this JVM ({@link RangeHost}s behind a
 * loopback {@link Cluster}, every request and reply through the codec): the block range is
 * cut into one contiguous range per member, and the result is the bits one machine gives.
 */
class RemoteBlocksTest {
    private static final ScalarAccelerator SCALAR_ONLY = new ScalarAccelerator();
    private static final Accelerators LOCAL = new Accelerators(Map.of(Backend.SCALAR, SCALAR_ONLY));
    private static final SpecLoader LOADER = new SpecLoader(BuiltInKernels.registry(), 2, 1L << 30);

    /** Members as hosts in this JVM, each answering on its own thread as a remote one would. */
    private record Loopback(List<RangeHost> hosts) implements Cluster {
        @Override
        public List<Member> members() {
            List<Member> members = new ArrayList<>();
            for (int i = 0; i < hosts.size(); i++) {
                members.add(new Member("127.0.0.1:" + (5701 + i), ProcessHandle.current().pid(), "localhost"));
            }
            return members;
        }

        @Override
        public CompletableFuture<byte[]> submit(int member, byte[] request) {
            return CompletableFuture.supplyAsync(() -> hosts.get(member).handle(request));
        }

        @Override
        public long timeoutMillis() {
            return 60_000;
        }
    }

    private static Accelerators withMembers(int count) {
        List<RangeHost> hosts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            hosts.add(new RangeHost(LOADER, LOCAL, 1 + i % 2));
        }
        Cluster cluster = new Loopback(hosts);
        return LOCAL.with(new dev.lanes.core.exec.ClusterAccelerator(cluster));
    }

    private static RunResult run(String spec, Accelerators accelerators, BackendChoice backend) {
        Workload w = LOADER.parse("/tmp/distributed-test.yaml", spec, List.of(), false);
        return new Runner(accelerators, RunListener.NONE, "test").run(w, MachineInfo.detect(accelerators), backend);
    }

    private static String spec(int length, int n, int bins) {
        return """
            settings: { warmup: 0, iterations: 2, min-warmup-ms: 0, threads: [1] }
            stages:
              - { id: data, kernel: generate, params: { length: %d, seed: 11 } }
              - { id: squares, kernel: sum-of-squares, inputs: [data] }
              - { id: other, kernel: generate, params: { length: %d, seed: 12, distribution: normal } }
              - { id: pair, kernel: dot, inputs: [data, other] }
              - { id: hist, kernel: histogram, inputs: [data], params: { bins: %d } }
              - { id: product, kernel: matmul, params: { n: %d, type: f32, seed: 3 } }
              - { id: pi, kernel: monte-carlo-pi, params: { samples: %d, seed: 5 } }
            """.formatted(length, length, bins, n, length);
    }

    private static PointResult point(RunResult r, String stage) {
        assertThat(r.failures()).as("failures").isEmpty();
        return r.points().stream().filter(p -> p.key().stage().equals(stage)).findFirst().orElseThrow();
    }

    @Property(tries = 12)
    void spreadOverMembersGivesTheBitsOfOneMachine(@ForAll @IntRange(min = 1, max = 300_000) int length,
                                                    @ForAll @IntRange(min = 1, max = 150) int n,
                                                    @ForAll @IntRange(min = 1, max = 4) int members,
                                                    @ForAll @IntRange(min = 1, max = 300) int bins) {
        String spec = spec(length, n, bins);
        RunResult local = run(spec, LOCAL, BackendChoice.SCALAR);
        RunResult spread = ResultJson.parse("r.json", ResultJson.write(List.of(run(spec, withMembers(members),
            BackendChoice.DISTRIBUTED)))).get(0);
        // members make only the parts of 'data' and 'other' their blocks read: the same bits all the same
        for (String stage : List.of("squares", "pair", "hist", "product", "pi")) {
            PointResult one = point(local, stage);
            PointResult many = point(spread, stage);
            assertThat(many.key().backend()).isEqualTo("distributed");
            assertThat(Double.doubleToRawLongBits(many.checksum())).as(stage).isEqualTo(Double.doubleToRawLongBits(one.checksum()));
            assertThat(many.output()).isEqualTo(one.output());
            assertThat(many.check().passed()).isTrue();
            ClusterTimes c = many.cluster();
            assertThat(c).isNotNull();
            assertThat(c.sharedHost()).isEqualTo(c.members().size() > 1);
            // the members' ranges are contiguous, in order, and cover every block once
            int next = 0;
            for (ClusterTimes.MemberWork w : c.members()) {
                assertThat(w.firstBlock()).isEqualTo(next);
                assertThat(w.endBlock()).isGreaterThan(w.firstBlock());
                assertThat(w.bytesIn()).isPositive();
                assertThat(w.roundTripNanos()).as("a ping before the warm-up").isPositive();
                assertThat(w.setupNanos()).as("the member bound the stage in the warm-up").isPositive();
                next = w.endBlock();
            }
        }
    }

    @Test
    void theThreadCountsAreMemberCountsAndGiveAScalingTableThatSaysTheHostIsShared() {
        RunResult r = run("""
            settings: { warmup: 0, iterations: 3, min-warmup-ms: 0, threads: [1, 2, 3] }
            stages:
              - { id: data, kernel: generate, params: { length: 400000 } }
              - { id: squares, kernel: sum-of-squares, inputs: [data] }
            """, withMembers(3), BackendChoice.DISTRIBUTED);
        List<PointResult> spread = r.points().stream().filter(p -> p.cluster() != null).toList();
        assertThat(spread).extracting(p -> p.key().threads()).containsExactly(1, 2, 3);
        assertThat(spread).extracting(p -> p.cluster().members().size()).containsExactly(1, 2, 3);
        assertThat(spread.get(0).cluster().sharedHost()).as("one member shares nothing").isFalse();
        assertThat(spread.get(1).cluster().members().get(0).setupNanos()).as("bound already at one member").isZero();
        assertThat(spread.get(1).cluster().members().get(1).setupNanos()).as("the second member's first request").isPositive();
        assertThat(r.rows(dev.lanes.core.result.StrongScalingRow.class)).hasSize(1);
        String table = dev.lanes.core.report.Format.TABLE.renderer().render(List.of(r));
        assertThat(table).containsPattern("members +median").contains("the members share one host's");
        // refused before anything runs, as an unusable backend is
        assertThatThrownBy(() -> run("""
            settings: { warmup: 0, iterations: 1, min-warmup-ms: 0, threads: [4] }
            stages:
              - { id: data, kernel: generate, params: { length: 1000 } }
              - { id: squares, kernel: sum-of-squares, inputs: [data] }
            """, withMembers(3), BackendChoice.DISTRIBUTED)).hasMessage("stage 'squares': 4 members asked for, the cluster has 3");
    }

    @Test
    void weakScalingOverMembersGrowsTheDataWithTheMembers() {
        RunResult r = run("""
            settings: { warmup: 0, iterations: 3, min-warmup-ms: 0, threads: [1, 2] }
            stages:
              - { id: data, kernel: generate, params: { length: 200000 } }
              - { id: squares, kernel: sum-of-squares, inputs: [data], scaling: { weak: data.length } }
            """, withMembers(2), BackendChoice.DISTRIBUTED);
        List<PointResult> spread = r.points().stream().filter(p -> p.cluster() != null).toList();
        assertThat(spread).extracting(p -> p.key().threads()).containsExactly(1, 2);
        assertThat(spread).extracting(PointResult::elements).containsExactly(200_000L, 400_000L);
        assertThat(spread).extracting(p -> p.cluster().members().size()).containsExactly(1, 2);
        assertThat(r.rows(dev.lanes.core.result.WeakScalingRow.class)).singleElement()
            .satisfies(w -> assertThat(w.backend()).isEqualTo("distributed"));
    }

    @Test
    void aStageWhoseBlocksCannotTravelFailsWithTheReason() {
        RunResult r = run("""
            settings: { warmup: 0, iterations: 1, min-warmup-ms: 0, threads: [1] }
            stages:
              - { id: data, kernel: generate, params: { length: 5000 } }
              - { id: sorted, kernel: sort, inputs: [data] }
              - { id: command, kernel: exec, params: { command: [true] } }
            """, withMembers(2), BackendChoice.DISTRIBUTED);
        assertThat(r.failures()).hasSize(2);
        assertThat(r.failures().get(0).error()).contains("stage 'sorted'", "cannot spread over members",
            "cannot be cut into parts");
        assertThat(r.failures().get(1).error()).contains("stage 'command'", "members run no commands a driver sends");
    }

    @Test
    void theCodecReadsOnlyLanesRequestsAndReplies() {
        byte[] foreign = RangeCodec.encode(new java.util.HashMap<>(Map.of("a", 1)));
        assertThatThrownBy(() -> RangeCodec.decode(foreign, dev.lanes.core.exec.RangeReply.class))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("refused to read it: it holds a class that is not one of lanes' request or reply types");
    }
}
