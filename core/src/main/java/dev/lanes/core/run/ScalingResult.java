package dev.lanes.core.run;

import dev.lanes.core.stats.StrongScaling;

import java.util.Map;

/** The strong-scaling table of one stage at one sweep point. */
public record ScalingResult(String stage, Map<String, Object> point, String backend, long elements,
                            StrongScaling scaling) {

    public ScalingResult {
        point = Map.copyOf(point);
    }
}
