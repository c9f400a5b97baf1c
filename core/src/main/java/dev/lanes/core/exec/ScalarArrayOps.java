package dev.lanes.core.exec;

/**
 * Plain loops, one accumulator: what the JIT makes of straightforward Java. f32 products
 * are formed and summed in f64 (a product of two floats is exact in a double).
 */
public final class ScalarArrayOps implements ArrayOps {

    @Override
    public double sumOfSquares(double[] x, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum = Math.fma(x[i], x[i], sum);
        }
        return sum;
    }

    @Override
    public double sumOfSquares(float[] x, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            double v = x[i];
            sum += v * v;
        }
        return sum;
    }

    @Override
    public double dot(double[] x, double[] y, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum = Math.fma(x[i], y[i], sum);
        }
        return sum;
    }

    @Override
    public double dot(float[] x, float[] y, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) x[i] * y[i];
        }
        return sum;
    }

    @Override
    public void axpy(double a, double[] x, double[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] = Math.fma(a, x[i], y[i]);
        }
    }

    @Override
    public void axpy(float a, float[] x, float[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] = Math.fma(a, x[i], y[i]);
        }
    }
}
