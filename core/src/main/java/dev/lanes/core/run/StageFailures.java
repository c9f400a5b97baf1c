package dev.lanes.core.run;

import dev.lanes.core.result.PointParam;
import dev.lanes.core.result.StageFailure;
import dev.lanes.core.spec.Stage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which stages failed in a run and which were cancelled with them: a stage that fails is
 * recorded and the run goes on; a stage whose inputs or order-only predecessors failed, or
 * were cancelled, is not run. A stage no sweep reaches runs once, so its failure holds at
 * every point. Used by the runner's one thread.
 */
final class StageFailures {
    private final class Failure {
        final String stage;
        final List<PointParam> point;
        final String error;
        final Set<String> cancelled = new LinkedHashSet<>();

        Failure(String stage, List<PointParam> point, String error) {
            this.stage = stage;
            this.point = point;
            this.error = error;
        }
    }

    private final List<Failure> failures = new ArrayList<>();
    /** The stages no sweep reaches that failed, by id. */
    private final Map<String, Failure> unswept = new HashMap<>();
    /** At the current point: each failed or cancelled stage, with the failure that stopped it. */
    private final Map<String, Failure> blocked = new HashMap<>();

    /** A new sweep point: only the unswept failures carry over. */
    void pointStarts() {
        blocked.clear();
        blocked.putAll(unswept);
    }

    /** True when the stage cannot run because something it depends on failed; it is then recorded as cancelled. */
    boolean cancels(Stage stage) {
        for (String before : stage.predecessors()) {
            Failure cause = blocked.get(before);
            if (cause != null) {
                cause.cancelled.add(stage.id());
                blocked.put(stage.id(), cause);
                return true;
            }
        }
        return false;
    }

    /** True when this unswept stage already failed at an earlier point (it is not run again). */
    boolean failedBefore(Stage stage) {
        return unswept.containsKey(stage.id());
    }

    void failed(Stage stage, List<PointParam> point, String error, boolean reachedBySweep) {
        Failure f = new Failure(stage.id(), point, error);
        failures.add(f);
        blocked.put(stage.id(), f);
        if (!reachedBySweep) {
            unswept.put(stage.id(), f);
        }
    }

    /**
     * A stage that failed after its serial measurement: while it ran together with others
     * (or gave a wrong result then), or in its cleanup. Recorded (the run fails), but nothing
     * is cancelled, because its measurement, which the stages after it used, stands.
     */
    void failedLate(String stage, List<PointParam> point, String error) {
        failures.add(new Failure(stage, point, error));
    }

    List<StageFailure> records() {
        return failures.stream().map(f -> new StageFailure(f.stage, f.point, f.error, List.copyOf(f.cancelled))).toList();
    }
}
