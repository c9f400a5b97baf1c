package dev.lanes.core.exec;

import dev.lanes.core.data.ElementType;

/**
 * Chunk functions of the dense matrix kernels ({@code matmul}, {@code mlp-forward}): rows
 * {@code [r0, r1)} of C = A·B (+ bias) (then ReLU), with A m × k and C m × n row-major and
 * B packed in this implementation's {@link #layout}. Row ranges are independent, so the
 * threaded backend splits C's rows; each C element is summed over k in the same order
 * whatever the split.
 */
public interface GemmOps {

    /** The packing of B this implementation reads. */
    GemmLayout layout(ElementType type, int n);

    /**
     * C[r0..r1) = A[r0..r1)·B, plus {@code bias[j]} on every row when bias is not null, then
     * max(0, ·) when {@code relu}.
     */
    void multiply(float[] a, int k, float[] packedB, int n, float[] bias, boolean relu, float[] c, int r0, int r1);

    /** The f64 twin of {@link #multiply(float[], int, float[], int, float[], boolean, float[], int, int)}. */
    void multiply(double[] a, int k, double[] packedB, int n, double[] bias, boolean relu, double[] c, int r0, int r1);
}
