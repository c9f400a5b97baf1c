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

    /**
     * out[r] ← Σ x[r·cols + c]² for rows [fromRow, toRow) of a row-major matrix: each row
     * summed over column blocks of {@code colBlock} with {@link #sumOfSquares}, the block
     * partials folded in f64. A device overrides it with one launch for all the rows.
     */
    default void rowSumsOfSquares(double[] x, int cols, int colBlock, double[] out, int fromRow, int toRow) {
        // The call to sumOfSquares here is one call site for every implementation, which the
        // JIT cannot inline as well as a final class's own: SimdArrayOps overrides this.
        for (int r = fromRow; r < toRow; r++) {
            int start = r * cols;
            double sum = 0;
            for (int c = 0; c < cols; c += colBlock) {
                sum += sumOfSquares(x, start + c, start + Math.min(cols, c + colBlock));
            }
            out[r] = sum;
        }
    }

    /** The f32 twin of {@link #rowSumsOfSquares(double[], int, int, double[], int, int)}. */
    default void rowSumsOfSquares(float[] x, int cols, int colBlock, double[] out, int fromRow, int toRow) {
        for (int r = fromRow; r < toRow; r++) {
            int start = r * cols;
            double sum = 0;
            for (int c = 0; c < cols; c += colBlock) {
                sum += sumOfSquares(x, start + c, start + Math.min(cols, c + colBlock));
            }
            out[r] = sum;
        }
    }
}
