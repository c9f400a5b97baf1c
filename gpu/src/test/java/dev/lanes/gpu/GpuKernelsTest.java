package dev.lanes.gpu;

import dev.lanes.core.exec.ArrayOps;
import dev.lanes.core.exec.GemmOps;
import dev.lanes.core.exec.HistogramOps;
import dev.lanes.core.exec.RandomOps;
import dev.lanes.core.exec.ScalarAccelerator;
import dev.lanes.core.exec.StencilOps;
import dev.lanes.core.exec.TrainingOps;
import dev.lanes.core.data.ElementType;
import dev.lanes.core.exec.GemmLayout;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every GPU kernel against the scalar reference, on random sizes (0, 1, around the block
 * and tile sizes, and random ones) and random data. Needs a CUDA device: elsewhere each
 * test is skipped with the probe's reason.
 */
class GpuKernelsTest {
    private static final int[] EDGE_LENGTHS = {0, 1, 31, 255, 256, 257, 1023, 4097, 100_003};

    private final GpuAccelerator gpu = new GpuAccelerator();
    private final ScalarAccelerator scalar = new ScalarAccelerator();
    private final Random random = new Random(20261125);

    @BeforeEach
    void needsADevice() {
        DeviceRequirement.assumeDevice(gpu.availability());
    }

    private <O> O gpuOps(Class<O> type) {
        return gpu.ops(type).orElseThrow();
    }

    private <O> O scalarOps(Class<O> type) {
        return scalar.ops(type).orElseThrow();
    }

    private int[] lengths() {
        return IntStream.concat(IntStream.of(EDGE_LENGTHS), random.ints(6, 2, 3_000_000)).toArray();
    }

    @Test
    void sumsOfSquaresAndDotsAreWithinTheRecursiveSummationBound() {
        ArrayOps ops = gpuOps(ArrayOps.class);
        for (int n : lengths()) {
            double[] x = random.doubles(n, -1, 1).toArray();
            double[] y = random.doubles(n, -1, 1).toArray();
            float[] xf = Reference.toFloat(x);
            float[] yf = Reference.toFloat(y);
            int from = n == 0 ? 0 : random.nextInt(Math.min(n, 100));
            double bound = (n + 64) * Reference.U64;
            Reference.assertClose(ops.sumOfSquares(x, from, n), Reference.dot(x, x, from, n), Reference.absDot(x, x, from, n), bound, "f64 sum n=" + n);
            Reference.assertClose(ops.sumOfSquares(xf, from, n), Reference.dot(xf, xf, from, n), Reference.absDot(xf, xf, from, n), bound, "f32 sum n=" + n);
            Reference.assertClose(ops.dot(x, y, from, n), Reference.dot(x, y, from, n), Reference.absDot(x, y, from, n), bound, "f64 dot n=" + n);
            Reference.assertClose(ops.dot(xf, yf, from, n), Reference.dot(xf, yf, from, n), Reference.absDot(xf, yf, from, n), bound, "f32 dot n=" + n);
        }
    }

    @Test
    void axpyIsOneFusedMultiplyAddPerElementAsOnTheCpu() {
        ArrayOps ops = gpuOps(ArrayOps.class);
        for (int n : lengths()) {
            double[] x = random.doubles(n, -1, 1).toArray();
            double[] y = random.doubles(n, -1, 1).toArray();
            double[] expected = y.clone();
            scalarOps(ArrayOps.class).axpy(0.75, x, expected, 0, n);
            ops.axpy(0.75, x, y, 0, n);
            assertThat(y).as("f64 n=" + n).isEqualTo(expected);
            float[] xf = Reference.toFloat(x);
            float[] yf = Reference.toFloat(random.doubles(n, -1, 1).toArray());
            float[] expectedF = yf.clone();
            scalarOps(ArrayOps.class).axpy(-1.5f, xf, expectedF, 0, n);
            ops.axpy(-1.5f, xf, yf, 0, n);
            assertThat(yf).as("f32 n=" + n).isEqualTo(expectedF);
        }
    }

    @Test
    void aRangeOfAnArrayTheDeviceHoldsIsReadAtItsOffset() {
        ArrayOps ops = gpuOps(ArrayOps.class);
        int n = 100_003;
        double[] x = random.doubles(n, -1, 1).toArray();
        double[] y = random.doubles(n, -1, 1).toArray();
        ops.axpy(0.5, x, y, 0, n);                       // y is now on the device, written by a kernel
        for (int from : new int[] {0, 1, 7, 4096, n - 1}) {
            assertThat(ops.sumOfSquares(y, from, n)).as("from " + from)
                .isCloseTo(Reference.dot(y, y, from, n), org.assertj.core.data.Percentage.withPercentage(1e-9));
        }
        assertThat(ops.dot(x, y, 3, n - 5)).isCloseTo(Reference.dot(x, y, 3, n - 5),
            org.assertj.core.data.Offset.offset(1e-9 * Reference.absDot(x, y, 3, n - 5)));
    }

    @Test
    void rowSumsMatchTheReferenceRowByRow() {
        ArrayOps ops = gpuOps(ArrayOps.class);
        for (int[] shape : new int[][] {{1, 1}, {3, 31}, {1000, 33}, {17, 4099}, {5000, 64}}) {
            int rows = shape[0];
            int cols = shape[1];
            double[] x = random.doubles((long) rows * cols, -2, 2).toArray();
            double[] got = new double[rows];
            ops.rowSumsOfSquares(x, cols, 1 << 16, got, 0, rows);
            for (int r = 0; r < rows; r++) {
                Reference.assertClose(got[r], Reference.dot(x, x, r * cols, (r + 1) * cols), Reference.absDot(x, x, r * cols, (r + 1) * cols),
                    (cols + 32) * Reference.U64, "row " + r + " of " + rows + "x" + cols);
            }
        }
    }

    @Test
    void productsWithBiasAndReluMatchTheReferenceAtEveryEdgeOfTheTiles() {
        GemmOps ops = gpuOps(GemmOps.class);
        int[][] shapes = {{1, 1, 1}, {1, 7, 3}, {63, 65, 9}, {128, 128, 128}, {129, 257, 100}, {300, 70, 513}};
        for (int[] s : shapes) {
            int m = s[0];
            int n = s[1];
            int k = s[2];
            double[] a = random.doubles((long) m * k, -1, 1).toArray();
            double[] b = random.doubles((long) k * n, -1, 1).toArray();
            double[] bias = random.doubles(n, -0.5, 0.5).toArray();
            double[] c = new double[m * n];
            ops.multiply(a, k, b, n, bias, true, c, 0, m);
            float[] cf = new float[m * n];
            float[] af = Reference.toFloat(a);
            float[] bf = Reference.toFloat(b);
            ops.multiply(af, k, bf, n, null, false, cf, 0, m);
            Reference.assertProduct(a, b, bias, true, c, m, n, k, Reference.U64, "f64");
            Reference.assertProduct(Reference.toDouble(af), Reference.toDouble(bf), null, false, Reference.toDouble(cf), m, n, k,
                Reference.U32, "f32");
        }
    }

    @Test
    void histogramsCountExactlyWhatTheReferenceCountsWithSharedAndGlobalCounters() {
        HistogramOps ops = gpuOps(HistogramOps.class);
        for (int bins : new int[] {1, 7, 256, 12_288, 12_289, 100_000}) {
            for (int n : new int[] {0, 1, 1000, 300_001}) {
                double[] x = Reference.histogramInput(random, n);
                long[] expected = new long[bins];
                long[] got = new long[bins];
                scalarOps(HistogramOps.class).count(x, 0, n, -1, 1, expected);
                ops.count(x, 0, n, -1, 1, got);
                assertThat(got).as("f64, %d bins, n=%d", bins, n).isEqualTo(expected);
                float[] xf = Reference.toFloat(x);
                long[] expectedF = new long[bins];
                long[] gotF = new long[bins];
                scalarOps(HistogramOps.class).count(xf, 0, n, -1, 1, expectedF);
                ops.count(xf, 0, n, -1, 1, gotF);
                assertThat(gotF).as("f32, %d bins, n=%d", bins, n).isEqualTo(expectedF);
            }
        }
    }

    @Test
    void monteCarloCountsTheSameHitsAsTheCpuForTheSameSeed() {
        RandomOps ops = gpuOps(RandomOps.class);
        for (int trial = 0; trial < 6; trial++) {
            long seed = random.nextLong();
            long from = random.nextInt(1000);
            long to = from + (trial == 0 ? 0 : random.nextInt(3_000_000));
            assertThat(ops.insideUnitCircle(seed, from, to)).as("seed %d, [%d, %d)", seed, from, to)
                .isEqualTo(scalarOps(RandomOps.class).insideUnitCircle(seed, from, to));
        }
    }

    @Test
    void stencilsGiveTheCpusBitsEverywhereIncludingTheEdges() {
        StencilOps ops = gpuOps(StencilOps.class);
        for (int size : new int[] {3, 5}) {
            for (int[] shape : new int[][] {{1, 1}, {2, 3}, {7, 33}, {9, 100}, {257, 129}}) {
                int h = shape[0];
                int w = shape[1];
                float[] image = Reference.toFloat(random.doubles((long) h * w, 0, 1).toArray());
                float[] weights = Reference.toFloat(random.doubles(size * size, 0, 0.2).toArray());
                float[] out = new float[h * w];
                ops.convolve(image, h, w, weights, size, out, 0, h);
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        assertThat(out[y * w + x]).as("%dx%d stencil, pixel (%d, %d) of %dx%d", size, size, y, x, h, w)
                            .isEqualTo(StencilOps.pixel(image, h, w, weights, size, y, x));
                    }
                }
            }
        }
    }

    @Test
    void transposedProductsAreWithinTheSummationBoundAtTileEdgesAndOffsets() {
        TrainingOps ops = gpuOps(TrainingOps.class);
        int[][] shapes = {{1, 1, 1}, {1, 5, 3}, {65, 63, 9}, {128, 129, 130}, {257, 10, 33}, {130, 300, 1}};
        for (int[] s : shapes) {
            int m = s[0];
            int n = s[1];
            int k = s[2];
            int aOffset = random.nextInt(5);
            int cOffset = random.nextInt(5);
            double[] a = random.doubles(aOffset + (long) k * m, -1, 1).toArray();   // k × m from aOffset
            double[] b = random.doubles((long) k * n, -1, 1).toArray();
            double[] at = transposed(a, aOffset, k, m);
            double[] c = new double[cOffset + m * n];
            ops.multiplyTransposed(a, aOffset, m, k, b, n, c, cOffset, 0, m);
            Reference.assertProduct(at, b, null, false, java.util.Arrays.copyOfRange(c, cOffset, c.length), m, n, k,
                Reference.U64, "f64 Aᵀ·B");
            float[] af = Reference.toFloat(a);
            float[] bf = Reference.toFloat(b);
            float[] cf = new float[cOffset + m * n];
            ops.multiplyTransposed(af, aOffset, m, k, bf, n, cf, cOffset, 0, m);
            Reference.assertProduct(transposed(Reference.toDouble(af), aOffset, k, m), Reference.toDouble(bf), null, false,
                java.util.Arrays.copyOfRange(Reference.toDouble(cf), cOffset, cf.length), m, n, k, Reference.U32, "f32 Aᵀ·B");
        }
    }

    /** The m × k transpose of the k × m matrix at {@code offset}. */
    private static double[] transposed(double[] a, int offset, int k, int m) {
        double[] t = new double[m * k];
        for (int p = 0; p < k; p++) {
            for (int i = 0; i < m; i++) {
                t[i * k + p] = a[offset + p * m + i];
            }
        }
        return t;
    }

    @Test
    void theTrainingStepsPackingIsTheCpusForTheLayoutTheDeviceReads() {
        TrainingOps ops = gpuOps(TrainingOps.class);
        TrainingOps cpu = scalarOps(TrainingOps.class);
        for (int[] s : new int[][] {{1, 1}, {7, 33}, {300, 65}, {513, 10}}) {
            int k = s[0];
            int n = s[1];
            GemmLayout layout = ops.layout(ElementType.F32, n);
            int offset = 3;
            float[] b = Reference.toFloat(random.doubles(offset + (long) k * n, -1, 1).toArray());
            int p1 = Math.min(k, GemmLayout.KC);
            float[] got = new float[(int) layout.packedLength(k, n)];
            float[] want = new float[got.length];
            ops.pack(layout, b, offset, k, n, 0, p1, got);
            cpu.pack(layout, b, offset, k, n, 0, p1, want);
            assertThat(got).as("pack %dx%d", k, n).isEqualTo(want);
            // B = Tᵀ with T n × k: rows [p0, p1) of B, the panel after the first where there is one
            int p0 = k > GemmLayout.KC ? GemmLayout.KC : 0;
            double[] t = random.doubles(offset + (long) n * k, -1, 1).toArray();
            double[] gotT = new double[(int) ops.layout(ElementType.F64, n).packedLength(k, n)];
            double[] wantT = new double[gotT.length];
            ops.packTransposed(ops.layout(ElementType.F64, n), t, offset, k, n, p0, k, gotT);
            cpu.packTransposed(ops.layout(ElementType.F64, n), t, offset, k, n, p0, k, wantT);
            assertThat(gotT).as("packTransposed %dx%d from row %d", k, n, p0).isEqualTo(wantT);
            float[] copied = new float[n + 2];
            ops.copy(b, offset, copied, 1, n);
            assertThat(copied).as("copy").isEqualTo(concat(0f, java.util.Arrays.copyOfRange(b, offset, offset + n), 0f));
        }
    }

    private static float[] concat(float first, float[] middle, float last) {
        float[] all = new float[middle.length + 2];
        all[0] = first;
        System.arraycopy(middle, 0, all, 1, middle.length);
        all[all.length - 1] = last;
        return all;
    }

    @Test
    void theTrainingStepsElementwisePartsGiveTheCpusResults() {
        TrainingOps ops = gpuOps(TrainingOps.class);
        TrainingOps cpu = scalarOps(TrainingOps.class);
        for (int[] s : new int[][] {{1, 1}, {1, 7}, {33, 10}, {64, 65}, {257, 3}}) {
            int rows = s[0];
            int cols = s[1];
            int r0 = rows / 3;
            float[] z = Reference.toFloat(random.doubles((long) rows * cols, -4, 4).toArray());
            int[] labels = random.ints(rows, 0, cols).toArray();
            float[] g = new float[rows * cols];
            float[] gWant = new float[rows * cols];
            double[] loss = new double[rows];
            double[] lossWant = new double[rows];
            ops.softmaxGradient(z, cols, labels, rows, g, loss, r0, rows);
            cpu.softmaxGradient(z, cols, labels, rows, gWant, lossWant, r0, rows);
            for (int i = 0; i < g.length; i++) {     // exp and log are the device's own: a rounding apart, no more
                assertThat((double) g[i]).as("softmax gradient %d of %dx%d", i, rows, cols)
                    .isCloseTo(gWant[i], org.assertj.core.api.Assertions.within(2.0 * Math.ulp(gWant[i]) + 1e-30));
            }
            for (int r = 0; r < rows; r++) {
                assertThat(loss[r]).as("loss of row %d", r).isCloseTo(lossWant[r], org.assertj.core.api.Assertions.within(1e-12));
            }

            double[] dz = random.doubles((long) rows * cols, -1, 1).toArray();
            double[] bias = new double[cols + 4];
            double[] biasWant = new double[cols + 4];
            ops.biasGradient(dz, cols, r0, rows, bias, 2);
            cpu.biasGradient(dz, cols, r0, rows, biasWant, 2);
            assertThat(bias).as("bias gradient, summed in row order").isEqualTo(biasWant);

            float[] h = Reference.toFloat(random.doubles((long) rows * cols, -1, 1).toArray());
            float[] d = Reference.toFloat(random.doubles((long) rows * cols, -1, 1).toArray());
            float[] dWant = d.clone();
            ops.reluGradient(d, h, r0 * cols, rows * cols);
            cpu.reluGradient(dWant, h, r0 * cols, rows * cols);
            assertThat(d).as("ReLU's derivative").isEqualTo(dWant);

            int length = rows * cols;
            float[][] shards = new float[1 + random.nextInt(4)][];
            float[][] shardsWant = new float[shards.length][];
            for (int i = 0; i < shards.length; i++) {
                shards[i] = Reference.toFloat(random.doubles(length, -1, 1).toArray());
                shardsWant[i] = shards[i].clone();
            }
            float[] p = Reference.toFloat(random.doubles(length, -1, 1).toArray());
            float[] pWant = p.clone();
            ops.sumAndUpdate(shards, p, 0.1, r0, length);
            cpu.sumAndUpdate(shardsWant, pWant, 0.1, r0, length);
            assertThat(p).as("update after %d shards, in shard order", shards.length).isEqualTo(pWant);
            assertThat(shards[0]).as("the sum in the first shard").isEqualTo(shardsWant[0]);
        }
    }
}
