package dev.lanes.core.result;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A fact derived from a run's points, computed once ({@link Analysis}) and kept in the
 * result as a row of a tagged kind, as Google Benchmark keeps its aggregates: every format
 * shows them, none computes them.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = NoisyRow.class, name = "noisy"),
    @JsonSubTypes.Type(value = GcRow.class, name = "gc"),
    @JsonSubTypes.Type(value = PlanAccuracyRow.class, name = "plan-accuracy"),
    @JsonSubTypes.Type(value = StrongScalingRow.class, name = "strong-scaling"),
    @JsonSubTypes.Type(value = WeakScalingRow.class, name = "weak-scaling"),
    @JsonSubTypes.Type(value = SizeGrowthRow.class, name = "size-growth"),
    @JsonSubTypes.Type(value = LoadBalanceRow.class, name = "load-balance"),
    @JsonSubTypes.Type(value = PhaseRow.class, name = "phases"),
    @JsonSubTypes.Type(value = ScheduleRow.class, name = "schedule"),
    @JsonSubTypes.Type(value = ProcessRow.class, name = "processes"),
})
public sealed interface DerivedRow
    permits NoisyRow, GcRow, PlanAccuracyRow, StrongScalingRow, WeakScalingRow, SizeGrowthRow, LoadBalanceRow, PhaseRow,
    ScheduleRow, ProcessRow {
}
