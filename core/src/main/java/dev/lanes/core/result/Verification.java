package dev.lanes.core.result;

/**
 * The check of a result against the scalar reference.
 *
 * @param method what was compared, e.g. "sum vs compensated f64 reference, |error| / Σ|terms|"
 * @param error  the error measured, in the unit the method states (a count of wrong entries when bound is 0)
 * @param bound  the largest error allowed
 */
public record Verification(boolean passed, String method, double error, double bound) {
}
