package dev.lanes.cli;

import dev.lanes.core.run.RunListener;
import dev.lanes.core.run.StageResult;

import java.io.PrintWriter;

/** A one-line progress display on stderr, only when stderr is a terminal. */
final class Progress implements RunListener {
    private final PrintWriter err;
    private final boolean enabled;
    private int lastLength;

    Progress(PrintWriter err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    @Override
    public void started(String stage, String pointLabel, String implementation) {
        if (enabled) {
            String line = "running " + stage + (pointLabel.isEmpty() ? "" : " [" + pointLabel + "]") + " on " + implementation + " …";
            err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
            err.flush();
            lastLength = line.length();
        }
    }

    @Override
    public void finished(StageResult result) {
        // the next start or clear() overwrites the line
    }

    void clear() {
        if (enabled && lastLength > 0) {
            err.print("\r" + " ".repeat(lastLength) + "\r");
            err.flush();
            lastLength = 0;
        }
    }
}
