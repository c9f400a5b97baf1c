package dev.lanes.core.exec;

/** One value at a time through {@link HistogramOps#bin}: the reference. */
final class ScalarHistogramOps implements HistogramOps {

    @Override
    public void count(double[] x, int from, int to, double low, double high, long[] counts) {
        double scale = HistogramOps.scale(counts.length, low, high);
        for (int i = from; i < to; i++) {
            int b = HistogramOps.bin(x[i], low, high, scale, counts.length);
            if (b >= 0) {
                counts[b]++;
            }
        }
    }

    @Override
    public void count(float[] x, int from, int to, double low, double high, long[] counts) {
        double scale = HistogramOps.scale(counts.length, low, high);
        for (int i = from; i < to; i++) {
            int b = HistogramOps.bin(x[i], low, high, scale, counts.length);
            if (b >= 0) {
                counts[b]++;
            }
        }
    }
}
