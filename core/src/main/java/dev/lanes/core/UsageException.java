package dev.lanes.core;

/** Bad usage: an unknown option value, a missing file, an invalid override. Exit code 2. */
public class UsageException extends LanesException {
    public UsageException(String message) {
        super(message);
    }

    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int exitCode() {
        return ExitCodes.USAGE;
    }
}
