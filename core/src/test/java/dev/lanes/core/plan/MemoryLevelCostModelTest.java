package dev.lanes.core.plan;

import dev.lanes.core.data.ElementType;
import dev.lanes.core.exec.Backend;
import dev.lanes.core.kernel.Work;
import dev.lanes.core.machine.MachineProfile;
import dev.lanes.core.machine.MemoryLevel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The roofline places a stage in the memory level that holds its working set, for its pattern. */
class MemoryLevelCostModelTest {
    private static final int CORES = 4;
    // name, holds, shared, probe, read scalar/simd/all, triad scalar/simd/all
    private static final MemoryLevel L1 = new MemoryLevel("L1", 48 << 10, false, 24 << 10, 7, 300, 1200, 100, 250, 1000);
    private static final MemoryLevel L2 = new MemoryLevel("L2", 2 << 20, false, 1 << 20, 7, 150, 600, 90, 120, 480);
    private static final MemoryLevel L3 = new MemoryLevel("L3", 32 << 20, true, 16 << 20, 6.9, 30, 55, 45, 40, 74);
    private static final MemoryLevel MEMORY = new MemoryLevel("memory", 0, true, 128 << 20, 5.7, 18, 30, 33, 28, 54);

    private static CostModel model(List<MemoryLevel> levels) {
        return new CostModel(new MachineProfile(MachineProfile.SCHEMA, "t", "now", "synthetic", 0, CORES, 12, 100, 200,
            7, 150, 5.7, 18, 30, 54, Map.of(2, 0.0, 4, 0.0), 32L << 20, null, Map.of(), levels));
    }

    private static double gbps(List<MemoryLevel> levels, double bytes, boolean writes, Backend backend, Backend inner, int threads) {
        Work read = new Work((long) (bytes / 8), 0, bytes);
        Work work = writes ? read.writing(bytes / 3) : read;
        return model(levels).roofline(work, ElementType.F64, backend, inner, threads).gbps();
    }

    private static final List<MemoryLevel> ALL = List.of(L1, L2, L3, MEMORY);

    /** The part the level below holds at its speed, the rest at the level's own. */
    private static double blend(double bytes, double held, double below, double level) {
        return bytes / (held / below + (bytes - held) / level);
    }

    @Test
    void aWorkingSetIsHeldAgainstTheSmallestLevelThatHoldsIt() {
        assertThat(gbps(ALL, 32 << 10, false, Backend.SIMD, Backend.SIMD, 1)).isEqualTo(300);
        assertThat(gbps(ALL, 1 << 20, false, Backend.SIMD, Backend.SIMD, 1))
            .isCloseTo(blend(1 << 20, 48 << 10, 300, 150), within(1e-9)).isBetween(150.0, 160.0);
        assertThat(gbps(ALL, 8 << 20, false, Backend.SIMD, Backend.SIMD, 1)).isCloseTo(blend(8 << 20, 2 << 20, 150, 30), within(1e-9));
        assertThat(gbps(ALL, 8 << 20, false, Backend.SCALAR, Backend.SCALAR, 1)).isCloseTo(blend(8 << 20, 2 << 20, 7, 6.9), within(1e-9));
    }

    @Test
    void pastACachesEdgeTheDataLeavesItGradually() {
        double justPast = gbps(ALL, 33 << 20, false, Backend.SIMD, Backend.SIMD, 1);
        double twice = gbps(ALL, 64 << 20, false, Backend.SIMD, Backend.SIMD, 1);
        double far = gbps(ALL, 1L << 40, false, Backend.SIMD, Backend.SIMD, 1);
        assertThat(justPast).isCloseTo(blend(33 << 20, 32 << 20, 30, 18), within(1e-9)).isBetween(29.0, 30.0);
        assertThat(twice).isCloseTo(blend(64 << 20, 32 << 20, 30, 18), within(1e-9)).isBetween(22.0, 23.0);
        assertThat(far).isCloseTo(18, within(1e-3));
    }

    @Test
    void aPrivateLevelHoldsEachThreadsShareAndGrowsWithTheThreads() {
        // 4 MiB over 4 threads: 1 MiB each, in each core's L2 (each core's L1 holding 48 KiB of it)
        assertThat(gbps(ALL, 4 << 20, false, Backend.THREADS, Backend.SIMD, 4))
            .isCloseTo(blend(4 << 20, 4 * (48 << 10), 4 * 300, 4 * 150), within(1e-9));
        // the same 4 MiB on one thread does not fit its L2: the shared L3, which gets what L2 does not hold
        assertThat(gbps(ALL, 4 << 20, false, Backend.THREADS, Backend.SIMD, 1)).isCloseTo(blend(4 << 20, 2 << 20, 150, 30), within(1e-9));
    }

    @Test
    void aSharedLevelCapsAllThreadsTogether() {
        // 32 MiB over 4 threads: 4 x 2 MiB held in the L2s, the rest at the L3's 55 for all threads together, not 4 x 30
        assertThat(gbps(ALL, 32 << 20, false, Backend.THREADS, Backend.SIMD, 4))
            .isCloseTo(blend(32 << 20, 4 * (2 << 20), 4 * 150, 55), within(1e-9));
        assertThat(gbps(ALL, 1L << 40, false, Backend.THREADS, Backend.SIMD, 4)).isCloseTo(30, within(1e-3));
        assertThat(gbps(ALL, 1L << 40, false, Backend.THREADS, Backend.SCALAR, 2)).isCloseTo(11.4, within(1e-3));
    }

    @Test
    void aStreamThatWritesIsHeldAgainstTheTriad() {
        assertThat(gbps(ALL, 1L << 40, true, Backend.SIMD, Backend.SIMD, 1)).isCloseTo(28, within(1e-3));
        assertThat(gbps(ALL, 1L << 40, true, Backend.THREADS, Backend.SIMD, 4)).isCloseTo(54, within(1e-3));
        assertThat(gbps(ALL, 32 << 10, true, Backend.SCALAR, Backend.SCALAR, 1)).isEqualTo(100);
    }

    @Test
    void withoutLevelsTheModelKnowsCacheAndMemory() {
        assertThat(gbps(List.of(), 8 << 20, false, Backend.SIMD, Backend.SIMD, 1)).isEqualTo(150);
        assertThat(gbps(List.of(), 1L << 30, false, Backend.SIMD, Backend.SIMD, 1)).isEqualTo(18);
        assertThat(gbps(List.of(), 1L << 30, false, Backend.THREADS, Backend.SIMD, 4)).isEqualTo(30);
    }

    @Test
    void aLevelsFiguresFollowItsPattern() {
        assertThat(L3.gbps(true, false, 1)).isEqualTo(30);
        assertThat(L3.gbps(true, false, 4)).isEqualTo(55);
        assertThat(L3.gbps(false, true, 1)).isEqualTo(45);
        // all threads never below one thread's figure, even where the all-thread measurement was unlucky
        MemoryLevel unlucky = new MemoryLevel("L3", 32 << 20, true, 16 << 20, 6.9, 30, 20, 45, 40, 74);
        assertThat(unlucky.gbps(true, false, 2)).isEqualTo(30);
        assertThat(MEMORY.holds(1e15, 1)).isTrue();
        assertThat(L2.holds(3 << 20, 2)).isTrue();
        assertThat(L2.holds(3 << 20, 1)).isFalse();
    }
}
