package dev.lanes.core.plan;

import java.util.List;
import java.util.Map;

/**
 * Every candidate the planner weighed for one stage at one sweep point, the choice and why.
 *
 * @param excluded backends the kernel has that were not weighed, each with the reason (e.g. "gpu: no NVIDIA driver")
 * @param traffic  what a device implementation was assumed to copy in and out (less where an earlier GPU stage left
 *                 the inputs on the device): the runner plans again when the device holds other data than this
 */
public record StagePlan(String stage, String kernel, Map<String, Object> point, long elements, double flops,
                        double bytesMoved, List<Estimate> candidates, Estimate chosen, String reason, List<String> excluded,
                        DeviceTraffic traffic) {

    public StagePlan {
        point = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(point));     // in sweep order
        candidates = List.copyOf(candidates);
        excluded = excluded == null ? List.of() : List.copyOf(excluded);
    }

    /** The same plan with another choice, made by measurement. */
    public StagePlan decided(Estimate chosen, String reason) {
        return new StagePlan(stage, kernel, point, elements, flops, bytesMoved, candidates, chosen, reason, excluded, traffic);
    }
}
