package dev.lanes.cli;

/** The process entry point. */
public final class Lanes {
    private Lanes() {
    }

    public static void main(String[] args) {
        System.exit(LanesCommand.commandLine().execute(args));
    }
}
