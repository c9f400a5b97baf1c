package dev.lanes.core.exec;

/**
 * Chunk functions of the level-1 array kernels over the index range {@code [from, to)}.
 * Each backend implements them once; the threaded backend calls them per block.
 * Reductions return the block's partial as f64; how a block accumulates is the
 * implementation's, within the error bound its kernel states.
 */
public interface ArrayOps {

    double sumOfSquares(double[] x, int from, int to);

    double sumOfSquares(float[] x, int from, int to);

    double dot(double[] x, double[] y, int from, int to);

    double dot(float[] x, float[] y, int from, int to);

    /** y[i] ← a·x[i] + y[i]. */
    void axpy(double a, double[] x, double[] y, int from, int to);

    /** y[i] ← a·x[i] + y[i]. */
    void axpy(float a, float[] x, float[] y, int from, int to);
}
