package dev.lanes.core;

/** A run that started but could not finish correctly. Exit code 3. */
public class ExecutionException extends LanesException {
    public ExecutionException(String message) {
        super(message);
    }

    public ExecutionException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int exitCode() {
        return ExitCodes.EXECUTION;
    }
}
