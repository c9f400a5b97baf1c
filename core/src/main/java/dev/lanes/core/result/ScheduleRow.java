package dev.lanes.core.result;

import java.util.List;

/**
 * What a concurrent schedule gained at one sweep point: the serial schedule's time (every
 * stage one after another, each on its fastest serial measurement of this run), the
 * concurrent schedule's (the ready sets one after another, each set's median wall time), the
 * ratio, and the critical path: the longest chain of waiting stages by their times in the
 * concurrent schedule, which no schedule beats.
 *
 * @param serialNanos     Σ of every measured stage's fastest serial median
 * @param concurrentNanos Σ over ready sets: a set's median wall time, or its one stage's serial median
 * @param speedup         serial ÷ concurrent
 * @param criticalPath    the chain, first stage to last
 */
public record ScheduleRow(List<PointParam> point, int budget, double serialNanos, double concurrentNanos, double speedup,
                          List<String> criticalPath, double criticalPathNanos, List<StageTime> stages, List<SetTime> sets)
    implements DerivedRow {

    public ScheduleRow {
        point = List.copyOf(point);
        criticalPath = List.copyOf(criticalPath);
        stages = List.copyOf(stages);
        sets = List.copyOf(sets);
    }

    /**
     * One ready set in the concurrent schedule.
     *
     * @param wallNanos its median wall time together, or its one stage's serial median
     * @param together  whether its stages ran at once (a set of one, or one whose stages conflict, did not)
     * @param note      why it is not what the plan said, or {@code null}
     */
    public record SetTime(int set, List<String> stages, double wallNanos, boolean together, String note) {
        public SetTime {
            stages = List.copyOf(stages);
        }
    }

    /**
     * One stage in both schedules.
     *
     * @param set             its ready set, 1-based
     * @param threads         its threads in the concurrent schedule
     * @param concurrentNanos its median while its set ran together; its serial median when it ran alone
     * @param serialNanos     its fastest serial median
     * @param serialLabel     what that serial measurement ran on, e.g. "threads(simd) x2"
     */
    public record StageTime(String stage, int set, int threads, double concurrentNanos, double serialNanos,
                            String serialLabel) {
    }
}
