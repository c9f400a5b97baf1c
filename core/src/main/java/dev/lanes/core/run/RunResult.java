package dev.lanes.core.run;

import dev.lanes.core.machine.MachineInfo;

import java.util.List;

/**
 * Everything a run measured. Serialised as JSON with {@link #schema} so readers can
 * refuse files they do not understand.
 *
 * @param profile which calibration the estimates came from (e.g. "calibrate 2026-11-25T05:10:00Z"),
 *                {@code null} when none was used
 */
public record RunResult(String schema, String lanesVersion, String startedAt, MachineInfo machine, String profile,
                        WorkloadInfo workload, List<StageResult> stages, List<ScalingResult> scaling,
                        List<GrowthResult> growth) {

    /** The schema this version writes. */
    public static final String SCHEMA = "lanes.run/1";

    public RunResult {
        stages = List.copyOf(stages);
        scaling = List.copyOf(scaling);
        growth = List.copyOf(growth);
    }

    /** The first stage whose result did not match the reference, if any. */
    public java.util.Optional<StageResult> firstFailure() {
        return stages.stream().filter(StageResult::failed).findFirst();
    }
}
