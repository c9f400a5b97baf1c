package dev.lanes.core.result;

import java.util.List;

/**
 * One named part of a stage (a training step's "reduce+update") timed in every sample, apart
 * from the rest: wall-clock from the part's first block to its last, summed over its steps.
 *
 * @param samplesNanos one per sample, in the order of the point's samples
 */
public record PhaseSamples(String name, List<Long> samplesNanos) {
    public PhaseSamples {
        samplesNanos = List.copyOf(samplesNanos);
    }
}
