package dev.lanes.core.kernel;

import dev.lanes.core.ExecutionException;

/**
 * A stage's task failed while it ran, for a reason the kernel states (a command's exit
 * status and stderr, a timeout, a setup that failed). The kernel does not know the stage's
 * id; whoever runs the task names the stage and the implementation in front of the message.
 */
public final class TaskFailedException extends ExecutionException {
    public TaskFailedException(String message) {
        super(message);
    }
}
