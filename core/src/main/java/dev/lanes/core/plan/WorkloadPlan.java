package dev.lanes.core.plan;

import dev.lanes.core.spec.StageMode;

import java.util.List;
import java.util.Map;

/**
 * What a run of a workload will do, decided before anything runs: each measured stage's
 * plan at every sweep point and, in a concurrent run, each point's schedule of ready sets
 * and thread shares.
 *
 * @param schedules one per sweep point in a concurrent run; empty in a serial one
 */
public record WorkloadPlan(StageMode mode, List<StagePlan> stages, List<PointSchedule> schedules) {

    public WorkloadPlan {
        stages = List.copyOf(stages);
        schedules = List.copyOf(schedules);
    }

    /** The plan of a measured stage at a sweep point (given by its values), if this plan has it. */
    public java.util.Optional<StagePlan> stagePlan(String stage, Map<String, Object> point) {
        return stages.stream().filter(p -> p.stage().equals(stage) && p.point().equals(point)).findFirst();
    }

    /** The schedule of one sweep point. */
    public record PointSchedule(Map<String, Object> point, ConcurrentSchedule schedule) {
        public PointSchedule {
            point = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(point));
        }
    }
}
