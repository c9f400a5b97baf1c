package dev.lanes.core.kernels;

/**
 * The element-wise parts of a training step around its matrix products that are the same on
 * every CPU backend: bias gradients, and the sum of the shards' gradients with the update. Plain loops,
 * each summing in a fixed order, which C2 vectorises where the order allows.
 */
final class Backward {
    private Backward() {
    }

    /** g[offset + j] = Σ over rows [r0, r1) of dz[r][j], in row order. */
    static void biasGradient(Matrix dz, int r0, int r1, Matrix g, int offset) {
        int n = dz.cols();
        if (dz.f32() != null) {
            float[] d = dz.f32();
            float[] out = g.f32();
            java.util.Arrays.fill(out, offset, offset + n, 0f);
            for (int r = r0; r < r1; r++) {
                for (int j = 0; j < n; j++) {
                    out[offset + j] += d[r * n + j];
                }
            }
        } else {
            double[] d = dz.f64();
            double[] out = g.f64();
            java.util.Arrays.fill(out, offset, offset + n, 0.0);
            for (int r = r0; r < r1; r++) {
                for (int j = 0; j < n; j++) {
                    out[offset + j] += d[r * n + j];
                }
            }
        }
    }

    /**
     * Parameters [from, to): the shards' gradients added into the first shard's, left to right,
     * then p ← p − η·g with one rounding (a fused multiply-add).
     */
    static void sumAndUpdate(Matrix[] shards, Matrix parameters, double learningRate, int from, int to) {
        if (parameters.f32() != null) {
            float[] sum = shards[0].f32();
            for (int s = 1; s < shards.length; s++) {
                float[] g = shards[s].f32();
                for (int i = from; i < to; i++) {
                    sum[i] += g[i];
                }
            }
            float[] p = parameters.f32();
            float rate = (float) -learningRate;
            for (int i = from; i < to; i++) {
                p[i] = Math.fma(rate, sum[i], p[i]);
            }
        } else {
            double[] sum = shards[0].f64();
            for (int s = 1; s < shards.length; s++) {
                double[] g = shards[s].f64();
                for (int i = from; i < to; i++) {
                    sum[i] += g[i];
                }
            }
            double[] p = parameters.f64();
            for (int i = from; i < to; i++) {
                p[i] = Math.fma(-learningRate, sum[i], p[i]);
            }
        }
    }
}
