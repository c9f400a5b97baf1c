package dev.lanes.core.kernel;

/**
 * The outcome of checking a result against the scalar reference.
 *
 * @param method what was compared, e.g. "relative error of the sum vs compensated f64 reference"
 * @param error  the error measured, in the unit the method states
 * @param bound  the largest error allowed
 */
public record Check(boolean passed, String method, double error, double bound) {

    public static Check of(String method, double error, double bound) {
        return new Check(error <= bound, method, error, bound);
    }
}
