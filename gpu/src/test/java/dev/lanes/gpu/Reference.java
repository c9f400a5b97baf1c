package dev.lanes.gpu;

import static org.assertj.core.api.Assertions.assertThat;

/** What the GPU kernel tests (on a device or emulated) compare against: near-exact sums and checked products. */
final class Reference {
    static final double U64 = 0x1.0p-53;
    static final double U32 = 0x1.0p-24;

    private Reference() {
    }

    /**
     * Σ x·y over [from, to) to about twice the working precision: each product split exactly
     * into value and error with an FMA, both summed with Neumaier's compensation.
     */
    static double dot(double[] x, double[] y, int from, int to) {
        double sum = 0;
        double compensation = 0;
        for (int i = from; i < to; i++) {
            double p = x[i] * y[i];
            double e = Math.fma(x[i], y[i], -p);
            for (double term : new double[] {p, e}) {
                double t = sum + term;
                compensation += Math.abs(sum) >= Math.abs(term) ? (sum - t) + term : (term - t) + sum;
                sum = t;
            }
        }
        return sum + compensation;
    }

    static double dot(float[] x, float[] y, int from, int to) {
        return dot(toDouble(x), toDouble(y), from, to);
    }

    /** Σ |x·y| over [from, to): the scale of a sum's error. */
    static double absDot(double[] x, double[] y, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += Math.abs(x[i] * y[i]);
        }
        return sum;
    }

    static double absDot(float[] x, float[] y, int from, int to) {
        return absDot(toDouble(x), toDouble(y), from, to);
    }

    static void assertClose(double got, double exact, double magnitude, double bound, String what) {
        double error = Math.abs(got - exact) / (magnitude == 0 ? 1 : magnitude);
        assertThat(error).as(what + ": got " + got + ", exact " + exact).isLessThanOrEqualTo(bound);
    }

    /**
     * Checks C = A·B (+ bias) (ReLU) element by element: |C − exact| ≤ γ(k+2)·(Σ|a·b| + |bias|)
     * in the unit roundoff of the type the product was computed in (a's values are that type's).
     */
    static void assertProduct(double[] a, double[] b, double[] bias, boolean relu, double[] c, int m, int n, int k, double u,
                              String what) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double exact = 0;
                double magnitude = 0;
                for (int p = 0; p < k; p++) {
                    exact += a[i * k + p] * b[p * n + j];
                    magnitude += Math.abs(a[i * k + p] * b[p * n + j]);
                }
                double bj = bias == null ? 0 : bias[j];
                double expected = relu ? Math.max(0, exact + bj) : exact + bj;
                assertThat(Math.abs(c[i * n + j] - expected)).as("%s: C[%d][%d] of %dx%dx%d", what, i, j, m, n, k)
                    .isLessThanOrEqualTo((k + 2) * u * (magnitude + Math.abs(bj)) + 1e-300);
            }
        }
    }

    /**
     * n uniform values in [−1.2, 1.2) for a histogram over [−1, 1], with the cases that
     * matter at its edges: a NaN, exactly high (the closed last bin) and exactly low.
     */
    static double[] histogramInput(java.util.Random random, int n) {
        double[] x = random.doubles(n, -1.2, 1.2).toArray();
        if (n > 3) {
            x[0] = Double.NaN;
            x[1] = 1.0;
            x[2] = -1.0;
        }
        return x;
    }

    static double[] toDouble(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
        }
        return d;
    }

    static float[] toFloat(double[] x) {
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = (float) x[i];
        }
        return f;
    }
}
