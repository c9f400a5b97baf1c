package dev.lanes.core.gate;

import dev.lanes.core.result.PointKey;

/**
 * One stage point of the new result against the same point of the old one.
 *
 * @param ratio      new median ÷ old median (above 1: slower)
 * @param ratioLow   the 95% interval of the ratio, widened by the run-to-run variation
 * @param pValue     the Mann–Whitney U test's two-sided p-value
 * @param pAdjusted  the same, adjusted for the false discovery rate over every compared point
 * @param threshold  the threshold that applied (the stage's own, or the flag's)
 * @param variation  which variation the interval holds, e.g. "run-to-run from the baseline's 5 runs: 3.1%"
 * @param oldCv      coefficient of variation of the old samples (of the fork medians with forks)
 * @param oldUnits   samples (or forks) on the old side
 */
public record PointComparison(String spec, PointKey key, String kernel, double oldMedianNanos, double newMedianNanos,
                              double ratio, double ratioLow, double ratioHigh, double pValue, double pAdjusted,
                              Verdict verdict, double threshold, String variation, double oldCv, double newCv,
                              int oldUnits, int newUnits) {

    /** The change in percent, e.g. +7.3. */
    public double changePercent() {
        return (ratio - 1) * 100;
    }
}
