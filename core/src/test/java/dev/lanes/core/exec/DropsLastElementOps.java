package dev.lanes.core.exec;

/** Correct except that each block's last element is left out: the bug verification must catch. */
public final class DropsLastElementOps implements ArrayOps {
    private final ScalarArrayOps scalar = new ScalarArrayOps();

    @Override
    public double sumOfSquares(double[] x, int from, int to) {
        return scalar.sumOfSquares(x, from, Math.max(from, to - 1));
    }

    @Override
    public double sumOfSquares(float[] x, int from, int to) {
        return scalar.sumOfSquares(x, from, Math.max(from, to - 1));
    }

    @Override
    public double dot(double[] x, double[] y, int from, int to) {
        return scalar.dot(x, y, from, Math.max(from, to - 1));
    }

    @Override
    public double dot(float[] x, float[] y, int from, int to) {
        return scalar.dot(x, y, from, Math.max(from, to - 1));
    }

    @Override
    public void axpy(double a, double[] x, double[] y, int from, int to) {
        scalar.axpy(a, x, y, from, Math.max(from, to - 1));
    }

    @Override
    public void axpy(float a, float[] x, float[] y, int from, int to) {
        scalar.axpy(a, x, y, from, Math.max(from, to - 1));
    }
}
