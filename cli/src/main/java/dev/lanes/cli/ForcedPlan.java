package dev.lanes.cli;

import dev.lanes.core.ExecutionException;
import dev.lanes.core.exec.BackendChoice;
import dev.lanes.core.plan.Estimate;
import dev.lanes.core.plan.StagePlan;

import java.util.Comparator;

/** A stage's plan under {@code --backend}: the candidate that backend runs, and what auto would have chosen. */
final class ForcedPlan {
    private ForcedPlan() {
    }

    /** The forced backend's candidate (for threads, the most threads the settings allow); exit 3 where it has none, as run. */
    static StagePlan of(StagePlan plan, BackendChoice forced) {
        if (forced == BackendChoice.DISTRIBUTED) {
            throw new dev.lanes.core.UsageException("--backend distributed: lanes plan estimates one machine, and the cost "
                + "model knows no cluster; lanes run --backend distributed --members ... measures it");
        }
        Estimate chosen = plan.candidates().stream()
            .filter(e -> e.backend().label().equals(forced.label()))
            .max(Comparator.comparingInt(Estimate::threads))
            .orElseThrow(() -> new ExecutionException("stage '" + plan.stage() + "': --backend " + forced.label()
                + " has no candidate here" + (plan.excluded().isEmpty() ? "" : " (" + String.join("; ", plan.excluded()) + ")")));
        return plan.decided(chosen, "forced by --backend " + forced.label() + "; auto would choose " + plan.chosen().label()
            + " (" + plan.reason() + ")");
    }
}
