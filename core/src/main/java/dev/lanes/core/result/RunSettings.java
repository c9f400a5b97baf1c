package dev.lanes.core.result;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** The settings a run used, with the names and words a spec uses for them. */
public record RunSettings(int warmup, int iterations, @JsonProperty("min-warmup-ms") long minWarmupMs,
                          List<Integer> threads, boolean verify, String backend) {

    public RunSettings {
        threads = List.copyOf(threads);
    }
}
