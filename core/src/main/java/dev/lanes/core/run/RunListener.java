package dev.lanes.core.run;

import dev.lanes.core.result.PointResult;
import dev.lanes.core.result.RunResult;

import java.util.function.Supplier;

/** Progress of a run, for a progress display and for writing results as they come. Called on the running thread. */
public interface RunListener {
    RunListener NONE = new RunListener() {
    };

    /**
     * A measurement is about to start.
     *
     * @param index                  1-based, of {@code total} in this run
     * @param expectedNanos          what it should take, from the planner's estimate (0 without one)
     * @param remainingExpectedNanos what the measurements after it should take together
     */
    record Measuring(String stage, String pointLabel, String implementation, int index, int total, double expectedNanos,
                     double remainingExpectedNanos) {
    }

    default void started(Measuring measuring) {
    }

    /**
     * A stage point finished.
     *
     * @param soFar the run so far, marked incomplete; built only when asked for (derived rows cost time)
     */
    default void finished(PointResult point, Supplier<RunResult> soFar) {
    }
}
