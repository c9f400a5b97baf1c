package dev.lanes.core.spec;

import dev.lanes.core.ExitCodes;
import dev.lanes.core.LanesException;

/** An invalid spec, refused before anything runs. Prints as {@code file:line:col: what}. Exit 2. */
public final class SpecException extends LanesException {
    private final SourceLocation location;
    private final String problem;

    public SpecException(SourceLocation location, String problem) {
        super(location + ": " + problem);
        this.location = location;
        this.problem = problem;
    }

    public SourceLocation location() {
        return location;
    }

    /** The message without its location. */
    public String problem() {
        return problem;
    }

    @Override
    public int exitCode() {
        return ExitCodes.USAGE;
    }
}
