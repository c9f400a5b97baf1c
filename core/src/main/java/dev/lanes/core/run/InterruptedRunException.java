package dev.lanes.core.run;

import dev.lanes.core.ExitCodes;
import dev.lanes.core.LanesException;

/** The run was interrupted (SIGINT or a cancelled thread). Exit code 130. */
public final class InterruptedRunException extends LanesException {
    public InterruptedRunException(String where) {
        super("interrupted during " + where);
    }

    @Override
    public int exitCode() {
        return ExitCodes.INTERRUPTED;
    }
}
