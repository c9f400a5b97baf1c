package dev.lanes.core.run;

/** Progress of a run, for a progress display. Called on the running thread. */
public interface RunListener {
    RunListener NONE = new RunListener() {
    };

    /** A stage is about to be measured on an implementation. */
    default void started(String stage, String pointLabel, String implementation) {
    }

    /** A stage's measurement ended. */
    default void finished(StageResult result) {
    }
}
