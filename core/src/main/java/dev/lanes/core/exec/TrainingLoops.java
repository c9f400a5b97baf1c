package dev.lanes.core.exec;

/**
 * The element-wise parts of a training step around its matrix products, as the CPU backends
 * run them: the softmax cross-entropy gradient, bias gradients, and the sum of the shards'
 * gradients with the update. Plain loops, each summing in a fixed order, which C2 vectorises
 * where the order allows; a device implements the same orders in its own kernels.
 */
public final class TrainingLoops {
    private TrainingLoops() {
    }

    /** Where a computed gradient entry goes, so the softmax is written once for both element types. */
    @FunctionalInterface
    private interface Store {
        void set(int index, double value);
    }

    /** Reads one logit. */
    @FunctionalInterface
    private interface Load {
        double get(int index);
    }

    /**
     * Rows [r0, r1) of the loss's gradient at the logits (classes wide, row-major), and each
     * row's loss in {@code rowLoss[r]}: with p = softmax(z), loss = −log p_y and ∂loss/∂z =
     * (p − onehot(y)) / batch, for the mean over the batch. Computed in f64 whatever the
     * element type (a row is a handful of classes), stored in it.
     */
    public static void softmaxGradient(float[] logits, int classes, int[] labels, int batch, float[] gradient,
                                       double[] rowLoss, int r0, int r1) {
        softmaxGradient(i -> logits[i], classes, labels, batch, (i, v) -> gradient[i] = (float) v, rowLoss, r0, r1);
    }

    public static void softmaxGradient(double[] logits, int classes, int[] labels, int batch, double[] gradient,
                                       double[] rowLoss, int r0, int r1) {
        softmaxGradient(i -> logits[i], classes, labels, batch, (i, v) -> gradient[i] = v, rowLoss, r0, r1);
    }

    private static void softmaxGradient(Load logits, int classes, int[] labels, int batch, Store gradient,
                                        double[] rowLoss, int r0, int r1) {
        double[] e = new double[classes];
        for (int r = r0; r < r1; r++) {
            int row = r * classes;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, logits.get(row + c));
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                e[c] = Math.exp(logits.get(row + c) - max);
                sum += e[c];
            }
            int label = labels[r];
            rowLoss[r] = Math.log(sum) - (logits.get(row + label) - max);
            for (int c = 0; c < classes; c++) {
                gradient.set(row + c, (e[c] / sum - (c == label ? 1 : 0)) / batch);
            }
        }
    }

    /** g[offset + j] = Σ over rows [r0, r1) of dz[r·n + j], in row order. */
    public static void biasGradient(float[] dz, int n, int r0, int r1, float[] g, int offset) {
        java.util.Arrays.fill(g, offset, offset + n, 0f);
        for (int r = r0; r < r1; r++) {
            for (int j = 0; j < n; j++) {
                g[offset + j] += dz[r * n + j];
            }
        }
    }

    public static void biasGradient(double[] dz, int n, int r0, int r1, double[] g, int offset) {
        java.util.Arrays.fill(g, offset, offset + n, 0.0);
        for (int r = r0; r < r1; r++) {
            for (int j = 0; j < n; j++) {
                g[offset + j] += dz[r * n + j];
            }
        }
    }

    /**
     * Parameters [from, to): the shards' gradients added into the first shard's, left to right,
     * then p ← p − η·g with one rounding (a fused multiply-add).
     */
    public static void sumAndUpdate(float[][] shards, float[] p, double learningRate, int from, int to) {
        float[] sum = shards[0];
        for (int s = 1; s < shards.length; s++) {
            float[] g = shards[s];
            for (int i = from; i < to; i++) {
                sum[i] += g[i];
            }
        }
        float rate = (float) -learningRate;
        for (int i = from; i < to; i++) {
            p[i] = Math.fma(rate, sum[i], p[i]);
        }
    }

    public static void sumAndUpdate(double[][] shards, double[] p, double learningRate, int from, int to) {
        double[] sum = shards[0];
        for (int s = 1; s < shards.length; s++) {
            double[] g = shards[s];
            for (int i = from; i < to; i++) {
                sum[i] += g[i];
            }
        }
        for (int i = from; i < to; i++) {
            p[i] = Math.fma(-learningRate, sum[i], p[i]);
        }
    }
}
