package dev.lanes.core.result;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ForkMergeTest {
    @Test
    void forksJoinTheirSamplesInOrderAndKeepEachCount() {
        RunResult a = ResultFixtures.sweep();
        RunResult b = ResultFixtures.sweep();
        RunResult merged = ForkMerge.merge(List.of(a, b));
        assertThat(merged.points()).hasSameSizeAs(a.points());
        PointResult p = merged.points().get(3);                      // squares x4 at 1M: a GC in sample 3 of each fork
        PointResult one = a.points().get(3);
        assertThat(p.key()).isEqualTo(one.key());
        assertThat(p.samplesNanos()).hasSize(20).startsWith(one.samplesNanos().toArray(Long[]::new));
        assertThat(p.forkSizes()).containsExactly(10, 10);
        assertThat(p.samplesByFork()).hasSize(2);
        assertThat(p.gcSamples()).containsExactly(3, 13);
        assertThat(p.workerBusyNanos().get(0)).isEqualTo(2 * one.workerBusyNanos().get(0));
        assertThat(p.summary().count()).isEqualTo(20);
        assertThat(merged.rows(StrongScalingRow.class)).hasSize(3);
        assertThat(ForkMerge.merge(List.of(a)).points().get(3).forkSizes()).isEmpty();
    }
}
