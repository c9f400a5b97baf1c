package dev.lanes.core.result;

/**
 * How well the cost model predicted the run: estimate ÷ measured median over every
 * measured point that has an estimate (1 is perfect).
 *
 * @param calibration the calibration the estimates came from
 */
public record PlanAccuracyRow(double median, double min, double max, int measurements, String calibration)
    implements DerivedRow {
}
