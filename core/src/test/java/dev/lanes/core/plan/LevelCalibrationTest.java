package dev.lanes.core.plan;

import dev.lanes.core.exec.ScalarAccelerator;
import dev.lanes.core.exec.WorkerPool;
import dev.lanes.core.machine.CacheTopology;
import dev.lanes.core.machine.MemoryLevel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The ladder's shape on a small made-up hierarchy (its figures are this machine's, so only their sanity is asserted). */
class LevelCalibrationTest {

    private static List<MemoryLevel> measure(CacheTopology caches, AtomicInteger warmUps) {
        try (WorkerPool pool = new WorkerPool(2)) {
            LevelCalibration probe = new LevelCalibration(new ScalarAccelerator(), Optional.empty(), pool, 2,
                pass -> {
                    warmUps.incrementAndGet();
                    for (int i = 0; i < 50; i++) {
                        pass.run();
                    }
                }, new LevelCalibration.Budget(3, 1_000_000), 8L << 20);
            return probe.measure(caches);
        }
    }

    @Test
    void everyReportedCacheThenMemoryUnbounded() {
        CacheTopology caches = new CacheTopology(List.of(new CacheTopology.Cache(1, 16 << 10, 1),
            new CacheTopology.Cache(2, 128 << 10, 1), new CacheTopology.Cache(3, 8L << 20, 2)), "test");
        AtomicInteger warmUps = new AtomicInteger();

        List<MemoryLevel> levels = measure(caches, warmUps);

        assertThat(levels).extracting(MemoryLevel::name).containsExactly("L1", "L2", "L3", "memory");
        assertThat(levels.get(0)).satisfies(l -> {
            assertThat(l.bytes()).isEqualTo(16 << 10);
            assertThat(l.shared()).isFalse();
            assertThat(l.probeBytes()).isEqualTo(12 << 10);
        });
        assertThat(levels.get(1).bytes()).isEqualTo(128 << 10);
        MemoryLevel l3 = levels.get(2);
        assertThat(l3.shared()).isTrue();
        // the probe sits well past both cores' L2s and inside the L3; the edge found is at least the probe
        assertThat(l3.probeBytes()).isEqualTo(4L << 20);
        assertThat(l3.bytes()).isGreaterThanOrEqualTo(l3.probeBytes());
        MemoryLevel memory = levels.getLast();
        assertThat(memory.bytes()).isZero();
        assertThat(memory.probeBytes()).as("past the edge, or at the cap where no drop was seen").isGreaterThanOrEqualTo(l3.bytes());
        for (MemoryLevel l : levels) {
            assertThat(l.scalarReadGbps()).as(l.name()).isPositive();
            assertThat(l.scalarTriadGbps()).as(l.name()).isPositive();
            assertThat(l.readAllGbps()).as(l.name()).isPositive();
            assertThat(l.simdReadGbps()).as("no SIMD here").isZero();
        }
        for (int i = 0; i + 1 < levels.size(); i++) {
            assertThat(levels.get(i).scalarReadGbps()).as("never slower than the next level")
                .isGreaterThanOrEqualTo(levels.get(i + 1).scalarReadGbps());
            assertThat(levels.get(i).triadAllGbps()).isGreaterThanOrEqualTo(levels.get(i + 1).triadAllGbps());
        }
        assertThat(warmUps.get()).as("each pass compiled before it is timed").isGreaterThanOrEqualTo(4);
    }

    @Test
    void aLevelMeasuredSlowerThanTheNextTakesTheNextOnesFigures() {
        MemoryLevel l1 = new MemoryLevel("L1", 48 << 10, false, 36 << 10, 7, 140, 280, 300, 280, 560);
        MemoryLevel l2 = new MemoryLevel("L2", 2 << 20, false, 1 << 20, 7.5, 175, 350, 150, 150, 300);
        MemoryLevel memory = new MemoryLevel("memory", 0, true, 1 << 28, 5, 18, 30, 26, 25, 50);

        List<MemoryLevel> fixed = LevelCalibration.noSlowerThanTheNext(List.of(l1, l2, memory));

        assertThat(fixed.get(0)).isEqualTo(new MemoryLevel("L1", 48 << 10, false, 36 << 10, 7.5, 175, 350, 300, 280, 560));
        assertThat(fixed.subList(1, 3)).containsExactly(l2, memory);
    }

    @Test
    void withoutAnL3TheLevelAfterTheCoresCachesIsMemory() {
        CacheTopology caches = new CacheTopology(List.of(new CacheTopology.Cache(1, 16 << 10, 1),
            new CacheTopology.Cache(2, 128 << 10, 1)), "test");

        List<MemoryLevel> levels = measure(caches, new AtomicInteger());

        assertThat(levels).extracting(MemoryLevel::name).containsExactly("L1", "L2", "memory");
        assertThat(levels.getLast().bytes()).isZero();
    }
}
