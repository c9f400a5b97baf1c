package dev.lanes.cli;

import dev.lanes.core.ExitCodes;
import dev.lanes.core.LanesException;
import picocli.CommandLine;

import java.io.PrintWriter;

/**
 * Maps what a command throws to the documented exit codes: a {@link LanesException}
 * prints its one-line message; anything else is an internal error (exit 3). The stack
 * trace is printed only with {@code --verbose}.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        boolean verbose = parseResult.hasMatchedOption("--verbose")
            || parseResult.subcommands().stream().anyMatch(s -> s.hasMatchedOption("--verbose"));
        if (ex instanceof LanesException le) {
            err.println("lanes: " + le.getMessage());
            if (verbose) {
                ex.printStackTrace(err);
            }
            err.flush();
            return le.exitCode();
        }
        err.println("lanes: internal error: " + ex + (verbose ? "" : " (run with --verbose for the stack trace)"));
        if (verbose) {
            ex.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.EXECUTION;
    }
}
