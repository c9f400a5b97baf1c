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

    /** The schedule of one sweep point. */
    public record PointSchedule(Map<String, Object> point, ConcurrentSchedule schedule) {
        public PointSchedule {
            point = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(point));
        }
    }
}
