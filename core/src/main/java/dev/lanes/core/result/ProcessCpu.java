package dev.lanes.core.result;

import java.util.List;

/**
 * The CPU time of the processes a stage started, per sample, summed over its tasks: each
 * task's own accounts from {@code wait4} (µs) where lanes starts the process itself, else the
 * JVM's totals for its ended children (10 ms ticks). Against the wall time it gives the
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
