package dev.lanes.core.spec;

import dev.lanes.core.exec.BackendChoice;

import java.util.List;

/**
 * How every stage is run.
 *
 * @param threads         thread counts for the threads backend; more than one makes a thread sweep
 * @param minWarmupMillis warm-up continues at least this long after the warm-up iterations
 * @param backend         the backend for stages that name none
 * @param stages          serial, or concurrent: independent stages also measured together
 */
public record Settings(int warmup, int iterations, long minWarmupMillis, List<Integer> threads, boolean verify,
                       BackendChoice backend, StageMode stages) {

    public Settings {
        threads = List.copyOf(threads);
    }

    public Settings(int warmup, int iterations, long minWarmupMillis, List<Integer> threads, boolean verify,
                    BackendChoice backend) {
        this(warmup, iterations, minWarmupMillis, threads, verify, backend, StageMode.SERIAL);
    }

    public Settings withIterations(int value) {
        return new Settings(warmup, value, minWarmupMillis, threads, verify, backend, stages);
    }

    public Settings withWarmup(int value) {
        return new Settings(value, iterations, minWarmupMillis, threads, verify, backend, stages);
    }

    public Settings withMinWarmupMillis(long value) {
        return new Settings(warmup, iterations, value, threads, verify, backend, stages);
    }

    public Settings withThreads(List<Integer> value) {
        return new Settings(warmup, iterations, minWarmupMillis, value, verify, backend, stages);
    }

    public Settings withVerify(boolean value) {
        return new Settings(warmup, iterations, minWarmupMillis, threads, value, backend, stages);
    }

    public Settings withStages(StageMode value) {
        return new Settings(warmup, iterations, minWarmupMillis, threads, verify, backend, value);
    }
}
