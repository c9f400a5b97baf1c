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

    /**
     * Runs once before the stage's first measurement at a point (a command's {@code setup});
     * a failure is the stage's ({@link TaskFailedException}). {@link #close} runs
     * after it even then.
     */
    default void open() {
    }

    /**
     * Runs once after the stage's last measurement at a point, and after a failed
     * {@link #open} (a command's {@code cleanup}, its temporary folder removed).
     *
     * @return what went wrong, in one line, or {@code null}
     */
    default String close() {
        return null;
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
