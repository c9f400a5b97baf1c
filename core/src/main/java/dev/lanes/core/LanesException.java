package dev.lanes.core;

/**
 * An error a user can cause or meet: its message is fit to print on one line and says
 * what to change; {@link #exitCode()} is the documented process exit code.
 */
public abstract class LanesException extends RuntimeException {
    protected LanesException(String message) {
        super(message);
    }

    protected LanesException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The documented exit code (see {@link ExitCodes}). */
    public abstract int exitCode();
}
