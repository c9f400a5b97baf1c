package dev.lanes.core.run;

import dev.lanes.core.ExecutionException;

/** A stage failed while it ran together with others: which one, so that the failure is recorded against it. */
final class MemberFailedException extends ExecutionException {
    private final String stage;

    MemberFailedException(String stage, String message, Throwable cause) {
        super(message, cause);
        this.stage = stage;
    }

    String stage() {
        return stage;
    }
}
