package dev.lanes.core.run;

import dev.lanes.core.plan.Planner;
import dev.lanes.core.store.WisdomStore;

/**
 * How {@code auto} is decided in a run: by the cost model alone ({@code wisdom} null, the
 * default), or by measurement, with decisions kept in and reused from {@code wisdom}.
 */
public record Planning(Planner planner, WisdomStore wisdom) {

    public boolean measures() {
        return wisdom != null;
    }
}
