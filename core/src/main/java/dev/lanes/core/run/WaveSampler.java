package dev.lanes.core.run;

import dev.lanes.core.ExecutionException;
import dev.lanes.core.LanesException;
import dev.lanes.core.data.Value;
import dev.lanes.core.exec.Backend;
import dev.lanes.core.exec.BlockExecutor;
import dev.lanes.core.exec.BlockTask;
import dev.lanes.core.exec.Implementation;
import dev.lanes.core.exec.WorkerPool;
import dev.lanes.core.kernel.TaskFailedException;
import dev.lanes.core.spec.Stage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Measures a ready set of independent stages together: every iteration resets every
 * member's inputs (untimed), then starts all members at once, each on its own thread with
 * its own pool of its share of the threads, and ends when the last one finishes. Each
 * member's time runs from its own start to its own end; the iteration's wall time from the
 * first start to the last end. The members are started as the threads backend starts its
 * workers (spinning, so they begin within about a microsecond of each other).
 *
 * <p>Process-wide measures cover the whole set, because they cannot be split: one full GC
 * before the warm-up (not before each member), an iteration during which a GC ran is flagged
 * for every member, and the warm-up waits until the JIT is quiet for all of them.
 */
final class WaveSampler {
    private final GcWatch gc = new GcWatch();

    /** One stage of the set, bound, on the implementation its share allows (CPU backends only). */
    record Member<O, P>(Stage stage, BlockTask<O, P> task, Implementation impl) {
    }

    /**
     * @param wallNanos  per iteration, from the first member's start to the last member's end
     * @param stageNanos per member, in the members' order, its time in every iteration
     * @param gcSamples  iterations during which a garbage collection ran
     * @param outputs    each member's output of the last iteration, for verification
     */
    record Measurement(long[] wallNanos, List<long[]> stageNanos, List<Integer> gcSamples, List<Value> outputs) {
    }

    Measurement measure(List<Member<?, ?>> members, int warmup, int iterations, long minWarmupMillis) {
        try (Crew crew = new Crew(members)) {
            System.gc();            // garbage from the serial measurements, collected before the set's first sample
            WarmUp.run(crew::once, warmup, minWarmupMillis, () -> Sampler.checkInterrupted(members.get(0).stage()));
            long[] wall = new long[iterations];
            List<long[]> each = new ArrayList<>();
            members.forEach(m -> each.add(new long[iterations]));
            List<Integer> gcSamples = new ArrayList<>();
            for (int i = 0; i < iterations; i++) {
                Sampler.checkInterrupted(members.get(0).stage());
                long collections = gc.collections();
                wall[i] = crew.once();
                if (gc.collections() != collections) {
                    gcSamples.add(i);
                }
                for (int m = 0; m < members.size(); m++) {
                    each.get(m)[i] = crew.ends[m] - crew.starts[m];
                }
            }
            return new Measurement(wall, each, gcSamples, List.of(crew.outputs));
        } catch (OutOfMemoryError e) {
            throw new ExecutionException("stages " + ids(members) + " run together: out of memory; "
                + "lower the sizes or raise the heap with LANES_JAVA_OPTS=-Xmx<size>");
        }
    }

    private static String ids(List<Member<?, ?>> members) {
        return String.join(" + ", members.stream().map(m -> "'" + m.stage().id() + "'").toList());
    }

    /** The members' threads: one per member (the caller runs the first), and each member's own pool. */
    private static final class Crew implements AutoCloseable {
        private final List<Member<?, ?>> members;
        private final List<Object> ops = new ArrayList<>();
        private final List<WorkerPool> pools = new ArrayList<>();
        private final WorkerPool starter;
        final long[] starts;
        final long[] ends;
        final Value[] outputs;
        private final Throwable[] failures;

        Crew(List<Member<?, ?>> members) {
            this.members = members;
            for (Member<?, ?> m : members) {
                if (m.impl().backend() == Backend.GPU) {
                    throw new IllegalArgumentException("stage '" + m.stage().id() + "': a concurrent set runs on the CPU");
                }
                ops.add(Sampler.opsOf(m.stage(), m.task(), m.impl()));
            }
            for (Member<?, ?> m : members) {
                m.task().runsOn(m.impl().threads());
                pools.add(m.impl().backend() == Backend.THREADS && m.impl().threads() > 1 ? new WorkerPool(m.impl().threads()) : null);
            }
            starter = new WorkerPool(members.size());
            starts = new long[members.size()];
            ends = new long[members.size()];
            outputs = new Value[members.size()];
            failures = new Throwable[members.size()];
        }

        /** One iteration of the whole set: its wall time; each member's times and output are left in the arrays. */
        long once() {
            members.forEach(m -> m.task().reset());
            java.util.Arrays.fill(failures, null);
            AtomicInteger next = new AtomicInteger();
            starter.runOnAll(() -> {
                int me = next.getAndIncrement();
                long start = System.nanoTime();
                try {
                    outputs[me] = run(members.get(me), ops.get(me), pools.get(me));
                } catch (RuntimeException | Error e) {
                    failures[me] = e;
                }
                ends[me] = System.nanoTime();
                starts[me] = start;
            });
            for (int m = 0; m < members.size(); m++) {
                if (failures[m] != null) {
                    throw failure(members.get(m), failures[m]);
                }
            }
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            for (int m = 0; m < members.size(); m++) {
                first = Math.min(first, starts[m]);
                last = Math.max(last, ends[m]);
            }
            return last - first;
        }

        @SuppressWarnings("unchecked")
        private static <O, P> Value run(Member<O, P> member, Object ops, WorkerPool pool) {
            O typed = (O) ops;
            BlockTask<O, P> task = member.task();
            return pool == null ? BlockExecutor.runSequential(task, typed) : BlockExecutor.run(task, typed, pool);
        }

        private static RuntimeException failure(Member<?, ?> m, Throwable t) {
            if (t instanceof OutOfMemoryError oom) {
                throw oom;
            }
            String id = m.stage().id();
            String where = "stage '" + id + "' (" + m.impl().label() + ", run together with others): ";
            return new MemberFailedException(id, t instanceof TaskFailedException failed ? where + failed.getMessage()
                : t instanceof LanesException le ? le.getMessage() + " (run together with others)"
                : where + "kernel " + m.stage().kernel().name() + " error: " + t, t);
        }

        @Override
        public void close() {
            starter.close();
            pools.stream().filter(java.util.Objects::nonNull).forEach(WorkerPool::close);
        }
    }
}
