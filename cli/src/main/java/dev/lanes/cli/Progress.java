package dev.lanes.cli;

import dev.lanes.core.result.PointResult;
import dev.lanes.core.run.RunListener;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress on stderr: on a terminal one line rewritten in place (stage, measurement k of n,
 * elapsed, and an estimate of what remains); elsewhere a plain line per measurement, never
 * a carriage return; nothing with {@code --quiet}. What remains is the planner's estimate
 * of the measurements still to come, scaled by how the finished ones compared with theirs.
 * Small enough that a library (and its terminal handling) would be more than it saves.
 */
final class Progress {
    enum Mode { TERMINAL, LINES, QUIET }

    /**
     * Set by the launcher to 1 when stderr is a terminal, else 0: the JVM can only tell
     * whether stdin and stdout are ({@code System.console()}), so {@code lanes run x > out.txt}
     * would otherwise lose its progress line.
     */
    static final String STDERR_TERMINAL = "LANES_STDERR_TERMINAL";

    private final PrintWriter err;
    private final Mode mode;
    private final long startNanos = System.nanoTime();
    private double expectedDone;
    private double expectedCurrent;
    private double remaining;
    private int lastLength;
    /** Set when the JVM shuts down on Ctrl-C: the run's thread goes on until it halts, silently. */
    private volatile boolean stopped;

    private Progress(PrintWriter err, Mode mode) {
        this.err = err;
        this.mode = mode;
    }

    static Progress forStderr(PrintWriter err, boolean quiet) {
        return new Progress(err, mode(quiet, System.getenv(STDERR_TERMINAL),
            System.console() != null && System.console().isTerminal()));
    }

    /** Quiet wins; then what the launcher says of stderr; without it (java -jar), whether the JVM has a terminal. */
    static Mode mode(boolean quiet, String stderrTerminal, boolean consoleIsTerminal) {
        if (quiet) {
            return Mode.QUIET;
        }
        if (stderrTerminal != null && !stderrTerminal.isBlank()) {
            return stderrTerminal.strip().equals("1") ? Mode.TERMINAL : Mode.LINES;
        }
        return consoleIsTerminal ? Mode.TERMINAL : Mode.LINES;
    }

    void started(RunListener.Measuring m) {
        if (mode == Mode.QUIET || stopped) {
            return;
        }
        expectedCurrent = m.expectedNanos();
        remaining = m.remainingExpectedNanos();
        double elapsed = System.nanoTime() - startNanos;
        String line = "[" + m.index() + "/" + m.total() + "] " + m.stage() + " " + m.implementation()
            + (m.pointLabel().isEmpty() ? "" : " (" + m.pointLabel() + ")") + " · " + seconds(elapsed) + " elapsed"
            + left(elapsed, m.index());
        if (mode == Mode.TERMINAL) {
            err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
            lastLength = line.length();
        } else {
            err.println("lanes: " + line);
        }
        err.flush();
    }

    void finished(PointResult point) {
        if (!point.source()) {
            expectedDone += expectedCurrent;
        }
    }

    /** ", about 12 s left": the estimates still to come, scaled by how the finished ones fared. */
    private String left(double elapsed, int index) {
        if (index <= 1 || expectedDone <= 0) {
            return "";
        }
        double scale = elapsed / expectedDone;
        return ", about " + seconds((expectedCurrent + remaining) * scale) + " left";
    }

    private static String seconds(double nanos) {
        double s = nanos / 1e9;
        return s < 10 ? String.format(Locale.ROOT, "%.1f s", s) : s < 120 ? String.format(Locale.ROOT, "%.0f s", s)
            : String.format(Locale.ROOT, "%d min %02d s", (long) s / 60, (long) s % 60);
    }

    void stop() {
        stopped = true;
    }

    void clear() {
        if (mode == Mode.TERMINAL && lastLength > 0) {
            err.print("\r" + " ".repeat(lastLength) + "\r");
            err.flush();
            lastLength = 0;
        }
    }
}
