package dev.lanes.core.gate;

/**
 * How a comparison decides.
 *
 * @param maxRegression     the threshold, a fraction (0.05); a stage's own {@code gate:} rule overrides it
 * @param alpha             the false discovery rate the Mann–Whitney tests are held to over all points
 * @param noisyCv           above this coefficient of variation of either side's samples, an undecided point is NOISY
 * @param failOnNoisy       {@code --noisy fail}: a NOISY point fails the gate (default: a warning)
 * @param failOnInconclusive {@code --inconclusive fail}: an INCONCLUSIVE point fails the gate (default: it passes)
 * @param failOnDrift       {@code --drift fail}: machine drift fails the gate (default: a warning)
 * @param allowOtherMachine compare results of other machines or lanes versions with a warning, not an error
 * @param allowIncomplete   compare an incomplete result (an interrupted run) with a warning, not an error
 * @param assumedRunSpread  the run-to-run spread (standard deviation of log medians) assumed where it was not measured
 */
public record GateOptions(double maxRegression, double alpha, double noisyCv, boolean failOnNoisy, boolean failOnInconclusive,
                          boolean failOnDrift, boolean allowOtherMachine, boolean allowIncomplete, double assumedRunSpread) {

    public static final double DEFAULT_MAX_REGRESSION = 0.05;
    public static final double DEFAULT_ALPHA = 0.01;
    public static final double DEFAULT_NOISY_CV = 0.10;
    /**
     * Measured on the 2-core development VM by bench/gate.sh: the medians of one stage point
     * over ten fresh JVMs spread by 3.6% to 69% (standard deviation of their logs;
     * docs/ci.md). A gate that has not measured a point's spread assumes about the middle.
     */
    public static final double DEFAULT_ASSUMED_RUN_SPREAD = 0.10;

    public static GateOptions defaults() {
        return new GateOptions(DEFAULT_MAX_REGRESSION, DEFAULT_ALPHA, DEFAULT_NOISY_CV, false, false, false, false, false,
            DEFAULT_ASSUMED_RUN_SPREAD);
    }

    public GateOptions withMaxRegression(double value) {
        return new GateOptions(value, alpha, noisyCv, failOnNoisy, failOnInconclusive, failOnDrift, allowOtherMachine,
            allowIncomplete, assumedRunSpread);
    }
}
