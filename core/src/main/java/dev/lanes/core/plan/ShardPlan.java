package dev.lanes.core.plan;

import dev.lanes.core.spec.Stage;
import dev.lanes.core.spec.StageMode;
import dev.lanes.core.spec.SweepPoint;
import dev.lanes.core.spec.Workload;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How a workload's stage points are dealt out to N shards ({@code --shard K/N}), the same
 * in every shard: each <em>unit</em> — a measured stage at a sweep point, with all its
 * thread counts, so its scaling table comes from one machine — goes to shard
 * {@code (unit mod N) + 1}, round robin so the larger points of a size sweep spread out. A
 * weak-scaling sweep keeps all thread counts of a combination in one unit (its scaling is
 * a comparison across them), and a concurrent run's unit is a whole sweep point (its ready
 * sets run together). A data stage (generate, load) is recorded by the shard of the first
 * unit at its point that reads it. A shard also computes, unmeasured and unrecorded, every
 * stage its own units read that another shard records: the data a stage reads is a
 * function of the spec, so every shard makes the same. With {@code --shard-by blocks} every
 * shard runs every unit instead, over the K-th of N parts of the stage's block range (see
 * {@link #cutsBlocks}); data stages are then measured by the first shard and made by all.
 */
public final class ShardPlan {
    /** What a shard does with one stage at one sweep point. */
    public enum Role {
        /** measure and record it: one of the shard's units, or a data stage one of them reads */
        RECORD,
        /** run once for its output, which a stage this shard records reads; not measured, not recorded */
        COMPUTE,
        /** not needed here */
        SKIP
    }

    /** One unit: a stage (or, in a concurrent run, every stage: {@code null}) over the points of a group. */
    public record Unit(int index, int group, String stage) {
    }

    private final Workload workload;
    private final ShardSelection selection;
    private final List<Unit> units;
    /** Each unit by its group and stage ("group stage", or "group *" in a concurrent run). */
    private final java.util.Map<String, Unit> byPlace = new java.util.HashMap<>();
    private final int groupSize;
    private final boolean together;
    private final Set<String> swept;
    private final dev.lanes.core.spec.StageGraph graph;

    private ShardPlan(Workload workload, ShardSelection selection) {
        this.workload = workload;
        this.selection = selection;
        this.together = workload.settings().stages() == StageMode.CONCURRENT;
        this.groupSize = workload.weakStage().isPresent() ? workload.settings().threads().size() : 1;
        this.swept = workload.sweptStages();
        this.graph = workload.graph();
        this.units = enumerate();
        units.forEach(u -> byPlace.put(u.group() + " " + (u.stage() == null ? "*" : u.stage()), u));
    }

    /** The plan of shard K of N; {@code null} selection: the whole workload, every stage point recorded. */
    public static ShardPlan of(Workload workload, ShardSelection selection) {
        return new ShardPlan(workload, selection);
    }

    public ShardSelection selection() {
        return selection;
    }

    /** Every unit of the workload, in run order. */
    public List<Unit> units() {
        return units;
    }

    /** The indexes of this shard's units. */
    public List<Integer> own() {
        return units.stream().filter(this::owns).map(Unit::index).toList();
    }

    /** Where a stage point stands in a whole run's order: points ordered by it are in the order one run makes them. */
    public int position(SweepPoint point, Stage stage) {
        return point.index() * workload.stages().size() + workload.stages().indexOf(stage);
    }

    /** Whether this shard runs anything at the point. */
    public boolean runs(SweepPoint point) {
        return workload.stages().stream().anyMatch(s -> role(point, s) == Role.RECORD);
    }

    /** Whether this shard measures the point's ready sets together (a concurrent run's unit is its sweep point). */
    public boolean runsTogether(SweepPoint point) {
        return selection == null || owns(unitAt(group(point), null));
    }

    public Role role(SweepPoint point, Stage stage) {
        Set<String> recorded = recordedAt(point);
        if (recorded.contains(stage.id())) {
            return Role.RECORD;
        }
        return needed(recorded).contains(stage.id()) ? Role.COMPUTE : Role.SKIP;
    }

    /** The stages this shard records at the point: its units' stages, and the data stages they read first. */
    private Set<String> recordedAt(SweepPoint point) {
        Set<String> recorded = new LinkedHashSet<>();
        int group = group(point);
        for (Stage stage : workload.stages()) {
            if (!stage.kernel().isSource() && recordedHere(point, stage) && owns(unitAt(group, together ? null : stage.id()))) {
                recorded.add(stage.id());
            }
        }
        for (Stage source : workload.stages()) {
            if (source.kernel().isSource() && recordedHere(point, source) && ownsSource(point, source)) {
                recorded.add(source.id());
            }
        }
        return recorded;
    }

    /** The unit whose shard records a data stage at a point: the first that reads it there, else the point's first. */
    private Unit sourceOwner(SweepPoint point, Stage source) {
        int group = group(point);
        if (together) {
            return unitAt(group, null);
        }
        for (Stage stage : workload.stages()) {
            if (!stage.kernel().isSource() && recordedHere(point, stage) && graph.allInputs(stage).contains(source.id())) {
                return unitAt(group, stage.id());
            }
        }
        for (Stage stage : workload.stages()) {
            Unit first = unitAt(group, stage.id());
            if (first != null) {
                return first;
            }
        }
        return null;
    }

    /** Every stage the recorded ones read, directly or through others, that this shard does not record. */
    private Set<String> needed(Set<String> recorded) {
        Set<String> needed = new HashSet<>();
        for (String id : recorded) {
            needed.addAll(graph.allInputs(workload.stage(id).orElseThrow()));
        }
        needed.removeAll(recorded);
        return needed;
    }

    /** A stage no sweep reaches is measured once, at the first point; a swept one at every point. */
    private boolean recordedHere(SweepPoint point, Stage stage) {
        return swept.contains(stage.id()) || point.index() == 0;
    }

    private int group(SweepPoint point) {
        return point.index() / groupSize;
    }

    /**
     * A {@code null} unit: a data stage that no unit reads in a workload of data stages only; the first shard records it.
     * Cutting blocks, every shard runs every unit (over its part of the blocks, or, for a stage whose blocks cannot be cut,
     * the first shard whole: {@link #cutsBlocks}).
     */
    private boolean owns(Unit unit) {
        if (selection == null || selection.cutsBlocks()) {
            return true;
        }
        return unit == null ? selection.index() == 1 : unit.index() % selection.count() == selection.index() - 1;
    }

    /** A data stage is measured whole by one shard: the unit's that reads it first, or, cutting blocks, the first. */
    private boolean ownsSource(SweepPoint point, Stage source) {
        if (selection != null && selection.cutsBlocks()) {
            return selection.index() == 1;
        }
        return owns(sourceOwner(point, source));
    }

    /**
     * Whether every shard runs every stage point over its part of the block range ({@code --shard-by blocks}): the runner
     * then cuts each stage whose blocks can travel, and leaves one whose blocks cannot (a command, an update in place, a
     * device) to the first shard, whole.
     */
    public boolean cutsBlocks() {
        return selection != null && selection.cutsBlocks();
    }

    private Unit unitAt(int group, String stage) {
        return byPlace.get(group + " " + (stage == null ? "*" : stage));
    }

    private List<Unit> enumerate() {
        List<Unit> all = new ArrayList<>();
        List<SweepPoint> points = workload.points();
        for (int first = 0; first < points.size(); first += groupSize) {
            SweepPoint point = points.get(first);
            int group = group(point);
            if (together) {
                all.add(new Unit(all.size(), group, null));
                continue;
            }
            for (Stage stage : workload.stages()) {
                if (!stage.kernel().isSource() && recordedHere(point, stage)) {
                    all.add(new Unit(all.size(), group, stage.id()));
                }
            }
        }
        return List.copyOf(all);
    }
}
