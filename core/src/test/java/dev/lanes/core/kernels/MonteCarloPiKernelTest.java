package dev.lanes.core.kernels;

import dev.lanes.core.data.Scalar;
import dev.lanes.core.data.Value;
import dev.lanes.core.exec.BlockExecutor;
import dev.lanes.core.exec.BlockTask;
import dev.lanes.core.exec.RandomOps;
import dev.lanes.core.exec.ScalarAccelerator;
import dev.lanes.core.exec.WorkerPool;
import dev.lanes.core.kernel.Params;
import dev.lanes.core.kernel.StageInstance;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MonteCarloPiKernelTest {
    private static final RandomOps SCALAR = new ScalarAccelerator().ops(RandomOps.class).orElseThrow();

    @SuppressWarnings("unchecked")
    static Value run(StageInstance s, RandomOps ops, WorkerPool pool) {
        BlockTask<RandomOps, Object> task = (BlockTask<RandomOps, Object>) s.task();
        return pool == null ? BlockExecutor.runSequential(task, ops) : BlockExecutor.run(task, ops, pool);
    }

    static StageInstance bind(long samples, long seed) {
        return new MonteCarloPiKernel().bind(new Params(Map.of("samples", samples, "seed", seed)), List.of());
    }

    @Property(tries = 40)
    void theSameSeedGivesTheSameEstimateOnAnyThreadCount(@ForAll @IntRange(min = 1, max = 400_000) int samples,
                                                        @ForAll long seed, @ForAll @IntRange(min = 2, max = 4) int threads) {
        StageInstance s = bind(samples, seed);
        double one = ((Scalar) run(s, SCALAR, null)).value();
        try (WorkerPool pool = new WorkerPool(threads)) {
            assertThat(((Scalar) run(s, SCALAR, pool)).value()).isEqualTo(one);
        }
        assertThat(one).isEqualTo(4.0 * MonteCarloPiKernel.reference(seed, samples) / samples);
        assertThat(s.verify(new Scalar(one)).passed()).isTrue();
    }

    @Test
    void aMillionPointsEstimatePiAndAWrongCountIsCaught() {
        StageInstance s = bind(1 << 20, 7);
        double estimate = ((Scalar) run(s, SCALAR, null)).value();
        assertThat(estimate).isCloseTo(Math.PI, org.assertj.core.data.Offset.offset(0.01));
        assertThat(s.verify(new Scalar(estimate + 4.0 / (1 << 20))).passed()).as("one hit too many").isFalse();
    }
}
