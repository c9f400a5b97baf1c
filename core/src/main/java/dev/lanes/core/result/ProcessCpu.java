package dev.lanes.core.result;

import java.util.List;

/**
 * The CPU time of the processes a stage started, per sample, summed over its tasks (the
 * kernel's accounts of ended children, in 10 ms ticks): against the wall time it gives the
 * commands' CPU utilisation.
 *
 * @param userNanos   per sample, in the order of the point's samples
 * @param systemNanos per sample
 */
public record ProcessCpu(List<Long> userNanos, List<Long> systemNanos) {
    public ProcessCpu {
        userNanos = List.copyOf(userNanos);
        systemNanos = List.copyOf(systemNanos);
    }
}
