package dev.lanes.core.kernels;

import dev.lanes.core.data.ElementType;

/**
 * The scalar reference of a dense layer, y = x·W (+ b) (then ReLU), in f64 with compensated
 * sums, carrying a rigorous componentwise bound on how far a correct implementation in the
 * stage's element type may be from it. For one layer with inputs known exactly,
 * |ŷ − y| ≤ γ(k+1)·(|x|·|W| + |b|) (Higham, Accuracy and Stability, §3.5), where
 * γ(m) = m·u/(1 − m·u); an error already in x adds |δx|·|W|. ReLU is 1-Lipschitz, so it
 * does not grow a bound. Matrix products and MLPs check their sampled rows against it.
 */
public final class DenseReference {
    private static final double REFERENCE_ERROR = 2 * 0x1p-53;

    private DenseReference() {
    }

    /** A row of values with the bound on each entry's error. */
    public record Row(double[] values, double[] bounds) {
        public static Row exact(double[] values) {
            return new Row(values, new double[values.length]);
        }
    }

    /**
     * One layer applied to one row.
     *
     * @param w    k × n, row-major, as f64 (exact copies of f32 or f64 weights)
     * @param bias n entries or null
     */
    public static Row layer(Row x, double[] w, int n, double[] bias, boolean relu, ElementType type) {
        int k = x.values().length;
        double gamma = gamma(k + 1, type);
        double[] values = new double[n];
        double[] bounds = new double[n];
        CompensatedSum sum = new CompensatedSum();
        for (int j = 0; j < n; j++) {
            sum.reset();
            double magnitude = 0;
            double propagated = 0;
            for (int p = 0; p < k; p++) {
                double wpj = w[p * n + j];
                sum.add(x.values()[p] * wpj);
                magnitude += Math.abs(x.values()[p] * wpj);
                propagated += x.bounds()[p] * Math.abs(wpj);
            }
            double b = bias == null ? 0 : bias[j];
            sum.add(b);
            double value = sum.value();
            values[j] = relu ? Math.max(0, value) : value;
            // The reference's own error (f64 products, compensated sum) is at most 2·u64 of the
            // magnitude; 1.01 covers the rounding of the bound's own arithmetic.
            bounds[j] = 1.01 * (propagated + (gamma + REFERENCE_ERROR) * (magnitude + Math.abs(b)));
        }
        return new Row(values, bounds);
    }

    /** γ(m) for the element type's unit roundoff; infinite where m·u ≥ 1 (no bound). */
    public static double gamma(int m, ElementType type) {
        double mu = m * type.unitRoundoff();
        return mu >= 1 ? Double.POSITIVE_INFINITY : mu / (1 - mu);
    }

    /**
     * The worst ratio |got − reference| / bound over a row (0 where both are equal, infinite
     * where they differ and the bound is 0, or got is NaN).
     */
    public static double worstRatio(Row reference, double[] got) {
        double worst = 0;
        for (int j = 0; j < got.length; j++) {
            double error = Math.abs(got[j] - reference.values()[j]);
            double ratio = error == 0 ? 0 : error / reference.bounds()[j];
            worst = Double.isNaN(ratio) ? Double.POSITIVE_INFINITY : Math.max(worst, ratio);
        }
        return worst;
    }
}
