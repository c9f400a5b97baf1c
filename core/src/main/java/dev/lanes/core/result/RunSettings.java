package dev.lanes.core.result;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * The settings a run used, with the names and words a spec uses for them.
 *
 * @param stages serial or concurrent
 */
public record RunSettings(int warmup, int iterations, @JsonProperty("min-warmup-ms") long minWarmupMs,
                          List<Integer> threads, boolean verify, String backend, String stages) {

    public RunSettings {
        threads = List.copyOf(threads);
    }

    /** The settings of a serial run. */
    public RunSettings(int warmup, int iterations, long minWarmupMs, List<Integer> threads, boolean verify, String backend) {
        this(warmup, iterations, minWarmupMs, threads, verify, backend, "serial");
    }
}
