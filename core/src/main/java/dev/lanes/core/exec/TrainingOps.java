package dev.lanes.core.exec;

/**
 * The chunk functions of {@code mlp-train}: the forward products of {@link GemmOps}, and the
 * product the backward pass adds, C = Aᵀ·B, for the weight gradients Hᵀ·dZ of a slice of the
 * batch (the other backward product, dZ·Wᵀ, is a plain {@link #multiply} by Wᵀ packed with
 * {@link GemmLayout#packTransposed}), and ReLU's derivative. Every C element is summed over k
 * in order, as in {@link #multiply}, so an implementation gives the same bits for any split of
 * C's rows.
 */
public interface TrainingOps extends GemmOps {

    /**
     * Rows {@code [r0, r1)} of C = Aᵀ·B, where A is k × m row-major starting at {@code aOffset}
     * (so C is m × n, row-major from {@code cOffset}) and B is k × n packed in {@link #layout}.
     */
    void multiplyTransposed(float[] a, int aOffset, int m, int k, float[] packedB, int n, float[] c, int cOffset, int r0, int r1);

    /** The f64 twin of {@link #multiplyTransposed(float[], int, int, int, float[], int, float[], int, int, int)}. */
    void multiplyTransposed(double[] a, int aOffset, int m, int k, double[] packedB, int n, double[] c, int cOffset, int r0, int r1);

    /**
     * ReLU's derivative applied to a gradient, elements [from, to): g ← g where the layer's
     * output h (max(0, z), so never negative) is positive, else 0. Half the outputs of a
     * trained layer are 0 and which half is random, so a branch per element mispredicts.
     */
    void reluGradient(float[] g, float[] h, int from, int to);

    void reluGradient(double[] g, double[] h, int from, int to);
}
