package dev.lanes.core.plan;

import java.util.List;
import java.util.Map;

/**
 * Every candidate the planner weighed for one stage at one sweep point, the choice and why.
 *
 * @param excluded backends the kernel has that were not weighed, each with the reason (e.g. "gpu: no NVIDIA driver")
 */
public record StagePlan(String stage, String kernel, Map<String, Object> point, long elements, double flops,
                        double bytesMoved, List<Estimate> candidates, Estimate chosen, String reason, List<String> excluded) {

    public StagePlan {
        point = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(point));     // in sweep order
        candidates = List.copyOf(candidates);
        excluded = excluded == null ? List.of() : List.copyOf(excluded);
    }

    /** The same plan with another choice, made by measurement. */
    public StagePlan decided(Estimate chosen, String reason) {
        return new StagePlan(stage, kernel, point, elements, flops, bytesMoved, candidates, chosen, reason, excluded);
    }
}
