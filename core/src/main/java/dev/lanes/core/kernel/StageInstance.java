package dev.lanes.core.kernel;

import dev.lanes.core.data.Value;
import dev.lanes.core.exec.BlockTask;

/** A kernel bound to one stage's parameters and input values: ready to run and to check. */
public interface StageInstance {

    /** The computation every backend runs. */
    BlockTask<?, ?> task();

    /**
     * Compares a backend's output with the scalar reference, within a bound that suits the
     * arithmetic. The reference is computed on first use and kept for later checks.
     */
    Check verify(Value actual);
}
