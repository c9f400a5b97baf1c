package dev.lanes.core.exec;

/**
 * The chunk functions of {@code mlp-train}: the forward products of {@link GemmOps}, and the
 * product the backward pass adds, C = Aᵀ·B, for the weight gradients Hᵀ·dZ of a slice of the
 * batch (the other backward product, dZ·Wᵀ, is a plain {@link #multiply} by Wᵀ packed with
 * {@link #packTransposed}), and ReLU's derivative. Every C element is summed over k
 * in order, as in {@link #multiply}, so an implementation gives the same bits for any split of
 * C's rows.
 *
 * <p>Everything else a step does to its arrays goes through these functions too — packing,
 * the softmax, bias gradients, the update — so a device runs the whole step on data it holds
 * across steps; the defaults are the CPU's loops ({@link TrainingLoops}), on the JVM's arrays.
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
     * A weight gradient and the SGD update it makes, without a reduction between (one shard):
     * rows [r0, r1) of G = Aᵀ·B as {@link #multiplyTransposed} makes them into {@code g} (from
     * {@code offset}), then p ← p − η·G over the same elements of {@code p}, as
     * {@link #sumAndUpdate} of {@code g} alone does it — the same bits. An implementation may
     * update each tile of p as its gradient is made, and then writes g only where it needs to
     * keep partial sums (what g holds afterwards is unspecified).
     */
    default void multiplyTransposedUpdate(float[] a, int aOffset, int m, int k, float[] packedB, int n, float[] g, float[] p,
                                          int offset, double learningRate, int r0, int r1) {
        multiplyTransposed(a, aOffset, m, k, packedB, n, g, offset, r0, r1);
        sumAndUpdate(new float[][] {g}, p, learningRate, offset + r0 * n, offset + r1 * n);
    }

    default void multiplyTransposedUpdate(double[] a, int aOffset, int m, int k, double[] packedB, int n, double[] g, double[] p,
                                          int offset, double learningRate, int r0, int r1) {
        multiplyTransposed(a, aOffset, m, k, packedB, n, g, offset, r0, r1);
        sumAndUpdate(new double[][] {g}, p, learningRate, offset + r0 * n, offset + r1 * n);
    }

    /**
     * ReLU's derivative applied to a gradient, elements [from, to): g ← g where the layer's
     * output h (max(0, z), so never negative) is positive, else 0. Half the outputs of a
     * trained layer are 0 and which half is random, so a branch per element mispredicts.
     */
    void reluGradient(float[] g, float[] h, int from, int to);

    void reluGradient(double[] g, double[] h, int from, int to);

    /** Rows [p0, p1) of the k × n row-major matrix from {@code b[offset]} packed in {@code layout}: a layer's W, a shard's dZ. */
    default void pack(GemmLayout layout, float[] b, int offset, int k, int n, int p0, int p1, float[] packed) {
        layout.packAt(b, offset, k, n, p0, p1, packed);
    }

    default void pack(GemmLayout layout, double[] b, int offset, int k, int n, int p0, int p1, double[] packed) {
        layout.packAt(b, offset, k, n, p0, p1, packed);
    }

    /** Rows [p0, p1) of B = Tᵀ packed in {@code layout}, T n × k row-major from {@code t[offset]}: a layer's Wᵀ. */
    default void packTransposed(GemmLayout layout, float[] t, int offset, int k, int n, int p0, int p1, float[] packed) {
        layout.packTransposed(t, offset, k, n, p0, p1, packed);
    }

    default void packTransposed(GemmLayout layout, double[] t, int offset, int k, int n, int p0, int p1, double[] packed) {
        layout.packTransposed(t, offset, k, n, p0, p1, packed);
    }

    /** {@code to[toOffset, +n) = from[fromOffset, +n)}: a layer's biases out of the parameters. */
    default void copy(float[] from, int fromOffset, float[] to, int toOffset, int n) {
        System.arraycopy(from, fromOffset, to, toOffset, n);
    }

    default void copy(double[] from, int fromOffset, double[] to, int toOffset, int n) {
        System.arraycopy(from, fromOffset, to, toOffset, n);
    }

    /** As {@link TrainingLoops#softmaxGradient(float[], int, int[], int, float[], double[], int, int)}. */
    default void softmaxGradient(float[] logits, int classes, int[] labels, int batch, float[] gradient, double[] rowLoss,
                                 int r0, int r1) {
        TrainingLoops.softmaxGradient(logits, classes, labels, batch, gradient, rowLoss, r0, r1);
    }

    default void softmaxGradient(double[] logits, int classes, int[] labels, int batch, double[] gradient, double[] rowLoss,
                                 int r0, int r1) {
        TrainingLoops.softmaxGradient(logits, classes, labels, batch, gradient, rowLoss, r0, r1);
    }

    /** As {@link TrainingLoops#biasGradient(float[], int, int, int, float[], int)}. */
    default void biasGradient(float[] dz, int n, int r0, int r1, float[] g, int offset) {
        TrainingLoops.biasGradient(dz, n, r0, r1, g, offset);
    }

    default void biasGradient(double[] dz, int n, int r0, int r1, double[] g, int offset) {
        TrainingLoops.biasGradient(dz, n, r0, r1, g, offset);
    }

    /** As {@link TrainingLoops#sumAndUpdate(float[][], float[], double, int, int)}. */
    default void sumAndUpdate(float[][] shards, float[] p, double learningRate, int from, int to) {
        TrainingLoops.sumAndUpdate(shards, p, learningRate, from, to);
    }

    default void sumAndUpdate(double[][] shards, double[] p, double learningRate, int from, int to) {
        TrainingLoops.sumAndUpdate(shards, p, learningRate, from, to);
    }

    /**
     * The host reads {@code array} next (the step's losses): a device copies back what its
     * kernels wrote of it; on the CPU the array is the host's already.
     */
    default void toHost(double[] array) {
    }
}
