package dev.lanes.core.exec;

/**
 * The chunk functions of {@code mlp-train}: the forward products of {@link GemmOps}, and the
 * product the backward pass adds, C = Aᵀ·B, for the weight gradients Hᵀ·dZ of a slice of the
 * batch. (The other backward product, dZ·Wᵀ, is a plain {@link #multiply} by Wᵀ packed with
 * {@link GemmLayout#packTransposed}.) Every C element is summed over k in order, as in
 * {@link #multiply}, so an implementation gives the same bits for any split of C's rows.
 */
public interface TrainingOps extends GemmOps {

    /**
     * Rows {@code [r0, r1)} of C = Aᵀ·B, where A is k × m row-major starting at {@code aOffset}
     * (so C is m × n, row-major from {@code cOffset}) and B is k × n packed in {@link #layout}.
     */
    void multiplyTransposed(float[] a, int aOffset, int m, int k, float[] packedB, int n, float[] c, int cOffset, int r0, int r1);

    /** The f64 twin of {@link #multiplyTransposed(float[], int, int, int, float[], int, float[], int, int, int)}. */
    void multiplyTransposed(double[] a, int aOffset, int m, int k, double[] packedB, int n, double[] c, int cOffset, int r0, int r1);
}
