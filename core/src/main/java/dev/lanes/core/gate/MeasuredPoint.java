package dev.lanes.core.gate;

import dev.lanes.core.result.PointKey;

import java.util.Arrays;
import java.util.List;

/**
 * One stage point (or benchmark) as a gate sees it, whatever tool measured it: its key,
 * what it is, and its samples, in nanoseconds per execution, grouped by the JVM (fork) that
 * measured them.
 *
 * @param definition a digest of what was measured; {@code null} where the file did not say
 */
public record MeasuredPoint(PointKey key, String kernel, String definition, List<double[]> forks) {

    public MeasuredPoint {
        forks = List.copyOf(forks);
    }

    public double[] samples() {
        return forks.stream().flatMapToDouble(Arrays::stream).toArray();
    }

    public double median() {
        return dev.lanes.core.stats.Bootstrap.median(samples());
    }

    /** Standard deviation over mean of the samples. */
    public double cv() {
        return Stats.cv(samples());
    }
}
