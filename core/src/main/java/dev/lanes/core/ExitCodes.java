package dev.lanes.core;

/** The exit codes every command uses, as documented in the README. */
public final class ExitCodes {
    public static final int OK = 0;
    /** A performance gate failed. */
    public static final int GATE_FAILED = 1;
    /** Bad usage or an invalid spec: nothing ran. */
    public static final int USAGE = 2;
    /** Execution failed: verification mismatch, kernel error, out of memory, backend unusable. */
    public static final int EXECUTION = 3;
    /** Interrupted (SIGINT). */
    public static final int INTERRUPTED = 130;

    private ExitCodes() {
    }
}
