package dev.lanes.core.kernel;

import dev.lanes.core.data.Value;
import dev.lanes.core.exec.BlockTask;

import java.util.function.Function;

/** A kernel bound to one stage's parameters and input values: ready to run and to check. */
public interface StageInstance {

    /** The computation every backend runs. */
    BlockTask<?, ?> task();

    /**
     * Compares a backend's output with the scalar reference, within a bound that suits the
     * arithmetic. The reference is computed on first use and kept for later checks.
     */
    Check verify(Value actual);

    /** The output in brief for the report; a kernel may say more than the value can (a training run's loss). */
    default String describe(Value actual) {
        return actual.describe();
    }

    /** A task and its check; a check that needs a costly reference keeps it (see {@code Memo}). */
    static StageInstance of(BlockTask<?, ?> task, Function<Value, Check> verify) {
        return new StageInstance() {
            @Override
            public BlockTask<?, ?> task() {
                return task;
            }

            @Override
            public Check verify(Value actual) {
                return verify.apply(actual);
            }
        };
    }
}
