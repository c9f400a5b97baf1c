package dev.lanes.core.exec;

import dev.lanes.core.data.ElementType;

/**
 * Plain loops over B unpacked (the layout with one strip of n columns is row-major B):
 * for each row of C, an axpy of B's rows scaled by A's entries — the i-k-j order, so the
 * inner loop walks memory contiguously. Each C element is summed over k in order, with
 * fused multiply-adds, as the SIMD micro-kernels sum it.
 */
final class ScalarGemmOps implements TrainingOps {
    @Override
    public GemmLayout layout(ElementType type, int n) {
        return new GemmLayout(Math.max(1, n));
    }

    @Override
    public void multiply(float[] a, int k, float[] b, int n, float[] bias, boolean relu, float[] c, int r0, int r1) {
        for (int i = r0; i < r1; i++) {
            int row = i * n;
            for (int j = 0; j < n; j++) {
                c[row + j] = bias == null ? 0f : bias[j];
            }
            for (int p = 0; p < k; p++) {
                float aip = a[i * k + p];
                int bRow = p * n;
                for (int j = 0; j < n; j++) {
                    c[row + j] = Math.fma(aip, b[bRow + j], c[row + j]);
                }
            }
            if (relu) {
                for (int j = 0; j < n; j++) {
                    c[row + j] = Math.max(0f, c[row + j]);
                }
            }
        }
    }

    @Override
    public void multiply(double[] a, int k, double[] b, int n, double[] bias, boolean relu, double[] c, int r0, int r1) {
        for (int i = r0; i < r1; i++) {
            int row = i * n;
            for (int j = 0; j < n; j++) {
                c[row + j] = bias == null ? 0.0 : bias[j];
            }
            for (int p = 0; p < k; p++) {
                double aip = a[i * k + p];
                int bRow = p * n;
                for (int j = 0; j < n; j++) {
                    c[row + j] = Math.fma(aip, b[bRow + j], c[row + j]);
                }
            }
            if (relu) {
                for (int j = 0; j < n; j++) {
                    c[row + j] = Math.max(0.0, c[row + j]);
                }
            }
        }
    }

    @Override
    public void multiplyTransposed(float[] a, int aOffset, int m, int k, float[] b, int n, float[] c, int cOffset, int r0, int r1) {
        for (int i = r0; i < r1; i++) {
            int row = cOffset + i * n;
            java.util.Arrays.fill(c, row, row + n, 0f);
            for (int p = 0; p < k; p++) {
                float api = a[aOffset + p * m + i];
                int bRow = p * n;
                for (int j = 0; j < n; j++) {
                    c[row + j] = Math.fma(api, b[bRow + j], c[row + j]);
                }
            }
        }
    }

    @Override
    public void multiplyTransposed(double[] a, int aOffset, int m, int k, double[] b, int n, double[] c, int cOffset, int r0, int r1) {
        for (int i = r0; i < r1; i++) {
            int row = cOffset + i * n;
            java.util.Arrays.fill(c, row, row + n, 0.0);
            for (int p = 0; p < k; p++) {
                double api = a[aOffset + p * m + i];
                int bRow = p * n;
                for (int j = 0; j < n; j++) {
                    c[row + j] = Math.fma(api, b[bRow + j], c[row + j]);
                }
            }
        }
    }

    @Override
    public void reluGradient(float[] g, float[] h, int from, int to) {
        for (int i = from; i < to; i++) {
            g[i] = h[i] > 0 ? g[i] : 0f;
        }
    }

    @Override
    public void reluGradient(double[] g, double[] h, int from, int to) {
        for (int i = from; i < to; i++) {
            g[i] = h[i] > 0 ? g[i] : 0.0;
        }
    }
}
