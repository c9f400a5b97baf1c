package dev.lanes.core.exec;

/**
 * Chunk functions of the histogram kernel. A value x falls in bin
 * {@code min((int) ((x - low) * scale), bins - 1)} when {@code low ≤ x ≤ high}, computed in
 * f64 (f32 values are widened exactly), with {@code scale = bins / (high - low)}; values
 * outside the range and NaN are not counted (numpy's rule: the last bin is closed). Every
 * implementation evaluates this same expression, so counts are exact and equal.
 */
public interface HistogramOps {

    /** Adds the counts of {@code x[from, to)} to {@code counts} (length = bins). */
    void count(double[] x, int from, int to, double low, double high, long[] counts);

    /** Adds the counts of {@code x[from, to)} to {@code counts} (length = bins). */
    void count(float[] x, int from, int to, double low, double high, long[] counts);

    /** The bin of x, or -1 when it is not counted: the reference expression. */
    static int bin(double x, double low, double high, double scale, int bins) {
        if (!(x >= low && x <= high)) {
            return -1;
        }
        return Math.min((int) ((x - low) * scale), bins - 1);
    }

    static double scale(int bins, double low, double high) {
        return bins / (high - low);
    }
}
