package dev.lanes.cli;

import dev.lanes.core.UsageException;
import dev.lanes.core.gate.GateOptions;
import dev.lanes.core.text.Percent;
import picocli.CommandLine.Option;

/** How a comparison decides: the flags {@code compare} and {@code run --baseline} share. */
final class GateFlags {
    @Option(names = "--max-regression", paramLabel = "5%",
        description = "Slower than this (the whole 95%% interval of the change beyond it, and significant) is a regression. "
            + "A stage's gate: { max-regression: ... } overrides it. Default: 5%%.")
    String maxRegression;

    @Option(names = "--alpha", paramLabel = "0.01",
        description = "False discovery rate of the Mann–Whitney tests over all compared points. Default: 0.01.")
    Double alpha;

    @Option(names = "--noisy", paramLabel = "fail|warn", defaultValue = "warn",
        description = "What a NOISY point (undecided, its samples varying over 10%%) does to the exit code. Default: warn.")
    String noisy;

    @Option(names = "--inconclusive", paramLabel = "fail|pass", defaultValue = "pass",
        description = "What an INCONCLUSIVE point (its interval straddling the threshold) does. Default: pass.")
    String inconclusive;

    @Option(names = "--drift", paramLabel = "fail|warn", defaultValue = "warn",
        description = "What machine drift (nearly every point moved together) does. Default: warn.")
    String drift;

    @Option(names = "--allow-other-machine",
        description = "Compare results of other machines or lanes versions, with a warning, instead of refusing.")
    boolean allowOtherMachine;

    @Option(names = "--allow-incomplete", description = "Compare an incomplete result (an interrupted run), with a warning.")
    boolean allowIncomplete;

    GateOptions options() {
        GateOptions d = GateOptions.defaults();
        double threshold = d.maxRegression();
        if (maxRegression != null) {
            try {
                threshold = Percent.parse(maxRegression);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--max-regression: " + e.getMessage());
            }
        }
        double a = d.alpha();
        if (alpha != null) {
            if (!(alpha > 0 && alpha < 1)) {
                throw new UsageException("--alpha: expected a number between 0 and 1, e.g. 0.01, got " + alpha);
            }
            a = alpha;
        }
        return new GateOptions(threshold, a, d.noisyCv(), choice("--noisy", noisy, "fail", "warn"),
            choice("--inconclusive", inconclusive, "fail", "pass"), choice("--drift", drift, "fail", "warn"), allowOtherMachine,
            allowIncomplete, d.assumedRunSpread());
    }

    /** True for {@code yes}, false for {@code no}, exit 2 for anything else. */
    private static boolean choice(String flag, String value, String yes, String no) {
        String v = value.strip();
        if (v.equals(yes) || v.equals(no)) {
            return v.equals(yes);
        }
        throw new UsageException(flag + ": expected " + yes + " or " + no + ", got '" + value + "'");
    }
}
