package dev.lanes.core.kernels;

/**
 * Neumaier's compensated summation in f64: the references use it so their own error
 * (about u·Σ|terms|, independent of n) is far below any implementation's bound.
 */
final class CompensatedSum {
    private double sum;
    private double compensation;

    void add(double term) {
        double t = sum + term;
        if (Math.abs(sum) >= Math.abs(term)) {
            compensation += (sum - t) + term;
        } else {
            compensation += (term - t) + sum;
        }
        sum = t;
    }

    void reset() {
        sum = 0;
        compensation = 0;
    }

    double value() {
        return sum + compensation;
    }
}
