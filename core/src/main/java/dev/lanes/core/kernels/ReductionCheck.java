package dev.lanes.core.kernels;

import dev.lanes.core.data.Scalar;
import dev.lanes.core.data.Value;
import dev.lanes.core.kernel.Check;

/** Compares a reduction's scalar output with its reference, relative to Σ|terms|. */
final class ReductionCheck {
    private ReductionCheck() {
    }

    static Check check(String what, double reference, double magnitude, Value actual, double bound) {
        double got = ((Scalar) actual).value();
        double error = Math.abs(got - reference) / (magnitude == 0 ? 1 : magnitude);
        if (Double.isNaN(got)) {
            error = Double.POSITIVE_INFINITY;
        }
        return Check.of(what + " vs compensated f64 reference, |error| / Σ|terms|", error, bound);
    }
}
