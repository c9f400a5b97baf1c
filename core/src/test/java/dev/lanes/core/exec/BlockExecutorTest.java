package dev.lanes.core.exec;

import dev.lanes.core.data.F64Array;
import dev.lanes.core.data.Scalar;
import dev.lanes.core.data.Value;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class BlockExecutorTest {
    private static WorkerPool two;
    private static WorkerPool three;

    @BeforeContainer
    static void pools() {
        two = new WorkerPool(2);
        three = new WorkerPool(3);
    }

    @AfterContainer
    static void close() {
        two.close();
        three.close();
    }

    /** A sum whose partials record which blocks they covered, so coverage and order are checkable. */
    private record CountingSum(double[] x, int blockSize, AtomicInteger calls) implements BlockTask<ArrayOps, Double> {
        @Override
        public Class<ArrayOps> opsType() {
            return ArrayOps.class;
        }

        @Override
        public int length() {
            return x.length;
        }

        @Override
        public Double identity() {
            return 0.0;
        }

        @Override
        public Double block(ArrayOps ops, int from, int to) {
            calls.incrementAndGet();
            return ops.sumOfSquares(x, from, to);
        }

        @Override
        public Double combine(Double left, Double right) {
            return left + right;
        }

        @Override
        public Value result(Double total) {
            return new Scalar(total);
        }
    }

    @Property(tries = 200)
    void everyThreadCountGivesTheSameBitsAsOneThread(@ForAll @IntRange(min = 0, max = 5000) int length,
                                                     @ForAll @IntRange(min = 1, max = 300) int blockSize) {
        double[] x = new double[length];
        java.util.SplittableRandom random = new java.util.SplittableRandom(length * 31L + blockSize);
        for (int i = 0; i < length; i++) {
            x[i] = random.nextDouble(-1e3, 1e3);
        }
        ArrayOps ops = new ScalarArrayOps();
        AtomicInteger calls = new AtomicInteger();
        double sequential = ((Scalar) BlockExecutor.runSequential(new CountingSum(x, blockSize, calls), ops)).value();
        int blocks = Math.ceilDiv(length, blockSize);
        assertThat(calls.get()).isEqualTo(blocks);
        for (WorkerPool pool : new WorkerPool[] {two, three}) {
            AtomicInteger parallelCalls = new AtomicInteger();
            double parallel = ((Scalar) BlockExecutor.run(new CountingSum(x, blockSize, parallelCalls), ops, pool)).value();
            assertThat(Double.doubleToLongBits(parallel)).isEqualTo(Double.doubleToLongBits(sequential));
            assertThat(parallelCalls.get()).isEqualTo(blocks);
        }
        double direct = 0;
        for (int from = 0; from < length; from += blockSize) {
            direct += ops.sumOfSquares(x, from, Math.min(length, from + blockSize));
        }
        assertThat(sequential).isEqualTo(direct);
    }

    @Property(tries = 50)
    void mapTasksWriteEveryElementOnce(@ForAll @IntRange(min = 0, max = 20000) int length) {
        double[] x = new double[length];
        double[] y = new double[length];
        for (int i = 0; i < length; i++) {
            x[i] = i + 1;
            y[i] = -i;
        }
        BlockTask<ArrayOps, Void> axpy = new BlockTask<>() {
            @Override
            public Class<ArrayOps> opsType() {
                return ArrayOps.class;
            }

            @Override
            public int length() {
                return length;
            }

            @Override
            public int blockSize() {
                return 64;
            }

            @Override
            public Void identity() {
                return null;
            }

            @Override
            public Void block(ArrayOps ops, int from, int to) {
                ops.axpy(1.0, x, y, from, to);
                return null;
            }

            @Override
            public Void combine(Void left, Void right) {
                return null;
            }

            @Override
            public Value result(Void total) {
                return new F64Array(y);
            }
        };
        BlockExecutor.run(axpy, new ScalarArrayOps(), three);
        for (int i = 0; i < length; i++) {
            assertThat(y[i]).isEqualTo(1.0);
        }
    }

    /** The ranges a writing task is called over, recorded; it joins blocks or not as told. */
    private record RangeRecorder(int length, boolean joinsBlocks, java.util.List<int[]> calls) implements BlockTask<ArrayOps, Void> {
        @Override
        public Class<ArrayOps> opsType() {
            return ArrayOps.class;
        }

        @Override
        public int blockSize() {
            return 64;
        }

        @Override
        public Void identity() {
            return null;
        }

        @Override
        public Void block(ArrayOps ops, int from, int to) {
            synchronized (calls) {
                calls.add(new int[] {from, to});
            }
            return null;
        }

        @Override
        public Void combine(Void left, Void right) {
            return null;
        }

        @Override
        public Value result(Void total) {
            return null;
        }
    }

    @Property(tries = 60)
    void aTaskThatJoinsBlocksIsCalledOncePerGroupAndOnceOnOneThread(@ForAll @IntRange(min = 1, max = 5000) int length,
                                                                    @ForAll boolean joins) {
        int blocks = Math.ceilDiv(length, 64);
        for (WorkerPool pool : new WorkerPool[] {null, two, three}) {
            RangeRecorder task = new RangeRecorder(length, joins, new java.util.ArrayList<>());
            if (pool == null) {
                BlockExecutor.runSequential(task, new ScalarArrayOps());
            } else {
                BlockExecutor.run(task, new ScalarArrayOps(), pool);
            }
            java.util.List<int[]> calls = new java.util.ArrayList<>(task.calls());
            calls.sort(java.util.Comparator.comparingInt(c -> c[0]));
            int covered = 0;
            for (int[] call : calls) {
                assertThat(call[0]).as("calls are disjoint, in whole blocks, and leave no gap").isEqualTo(covered);
                assertThat(call[1] == length || call[1] % 64 == 0).isTrue();
                assertThat(call[1] - call[0]).as("a task that does not join blocks is called per block")
                    .isLessThanOrEqualTo(joins ? length : 64);
                covered = call[1];
            }
            assertThat(covered).isEqualTo(length);
            int threads = pool == null ? 1 : pool.threads();
            int groups = threads == 1 ? 1 : Math.min(blocks, threads * BlockExecutor.GROUPS_PER_THREAD);
            assertThat(calls).hasSize(joins ? groups : blocks);
        }
    }

    @Property(tries = 20)
    void aFailingBlockFailsTheRunAndThePoolStaysUsable(@ForAll @IntRange(min = 2, max = 64) int blocks) {
        BlockTask<ArrayOps, Double> task = new BlockTask<>() {
            @Override
            public Class<ArrayOps> opsType() {
                return ArrayOps.class;
            }

            @Override
            public int length() {
                return blocks * 64;
            }

            @Override
            public int blockSize() {
                return 64;
            }

            @Override
            public Double identity() {
                return 0.0;
            }

            @Override
            public Double block(ArrayOps ops, int from, int to) {
                if (from == (blocks - 1) * 64) {
                    throw new IllegalStateException("block " + from + " failed");
                }
                return 1.0;
            }

            @Override
            public Double combine(Double left, Double right) {
                return left + right;
            }

            @Override
            public Value result(Double total) {
                return new Scalar(total);
            }
        };
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> BlockExecutor.run(task, new ScalarArrayOps(), two))
            .hasMessageContaining("block " + (blocks - 1) * 64 + " failed");
        double[] ones = new double[blocks * 64];
        java.util.Arrays.fill(ones, 1.0);
        Value after = BlockExecutor.run(new CountingSum(ones, 64, new AtomicInteger()), new ScalarArrayOps(), two);
        assertThat(((Scalar) after).value()).isEqualTo(blocks * 64.0);
    }
}
