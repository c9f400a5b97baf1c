package dev.lanes.core.exec;

/** Left to right, one element at a time: the reference order. */
final class ScalarScanOps implements ScanOps {

    @Override
    public double sum(double[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += x[i];
        }
        return s;
    }

    @Override
    public double sum(float[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += x[i];
        }
        return s;
    }

    @Override
    public void scan(double[] x, int from, int to, double offset, double[] out) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += x[i];
            out[i] = offset + s;
        }
    }

    @Override
    public void scan(float[] x, int from, int to, float offset, float[] out) {
        float s = 0;
        for (int i = from; i < to; i++) {
            s += x[i];
            out[i] = offset + s;
        }
    }
}
