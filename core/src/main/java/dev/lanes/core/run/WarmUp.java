package dev.lanes.core.run;

import dev.lanes.core.exec.JitActivity;

import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * Warm-up: at least {@code warmup} iterations and {@code minWarmupMillis}, then on until
 * the code runs at a steady speed — the median of the last {@value #STEADY_WINDOW}
 * iterations within {@value #STEADY_PERCENT}% of the best — because C2 may still be
 * compiling it (the Vector API runs tens of times slower before it does) — and until the
 * JIT compiled nothing during those iterations and has nothing in progress or queued
 * ({@link JitActivity}): a kernel can sit on a plateau of half-compiled code (on-stack
 * replacement, tier 3) that looks steady, then halve its time when C2 finishes (a 512²
 * matmul: 2.4 ms for 20 iterations, then 1.05 ms). Capped at
 * {@value #MIN_WARMUP_CAP_MILLIS} ms or ten times the minimum, whichever is longer. One
 * stage's executions, or a concurrent ready set's together, are what it repeats.
 */
final class WarmUp {
    /** Warm-up stops after this many iterations even if the minimum time has not passed. */
    private static final int MAX_WARMUP_ITERATIONS = 1_000_000;
    private static final int STEADY_WINDOW = 5;
    private static final int STEADY_PERCENT = 25;
    private static final long MIN_WARMUP_CAP_MILLIS = 2_000;

    private WarmUp() {
    }

    /**
     * @param once             one timed iteration, its nanoseconds
     * @param checkInterrupted throws when the run was interrupted
     */
    static void run(LongSupplier once, int warmup, long minWarmupMillis, Runnable checkInterrupted) {
        long start = System.nanoTime();
        long minUntil = start + minWarmupMillis * 1_000_000;
        long capUntil = start + Math.max(MIN_WARMUP_CAP_MILLIS, 10 * minWarmupMillis) * 1_000_000;
        long[] recent = new long[STEADY_WINDOW];
        long[] compileMillis = new long[STEADY_WINDOW];
        long best = Long.MAX_VALUE;
        for (int i = 0; i < MAX_WARMUP_ITERATIONS; i++) {
            checkInterrupted.run();
            long t = once.getAsLong();
            best = Math.min(best, t);
            recent[i % STEADY_WINDOW] = t;
            long compiled = JitActivity.totalMillis();
            boolean jitQuiet = compileMillis[i % STEADY_WINDOW] == compiled;
            compileMillis[i % STEADY_WINDOW] = compiled;
            long now = System.nanoTime();
            boolean minimumDone = i + 1 >= warmup && now >= minUntil;
            if (minimumDone && (now >= capUntil || i + 1 >= STEADY_WINDOW && jitQuiet && steady(recent, best) && !JitActivity.compiling())) {
                return;
            }
        }
    }

    private static boolean steady(long[] recent, long best) {
        long[] sorted = recent.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2] <= best * (100 + STEADY_PERCENT) / 100;
    }
}
