package dev.lanes.core.plan;

import java.util.List;
import java.util.Map;

/** Every candidate the planner weighed for one stage at one sweep point, the choice and why. */
public record StagePlan(String stage, String kernel, Map<String, Object> point, long elements, double flops,
                        double bytesMoved, List<Estimate> candidates, Estimate chosen, String reason) {

    public StagePlan {
        point = Map.copyOf(point);
        candidates = List.copyOf(candidates);
    }
}
