package dev.lanes.gpu;

import dev.lanes.core.exec.ArrayOps;
import dev.lanes.core.exec.HistogramOps;
import dev.lanes.core.exec.RandomOps;
import dev.lanes.core.exec.ScalarAccelerator;
import dev.lanes.core.exec.StencilOps;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The CUDA kernels themselves — the very sources nvcc compiles to the shipped PTX — run on
 * the CPU through a small emulation of CUDA (gpu/src/test/cuda/cuda_emu.h) and checked
 * against lanes' scalar reference: indexing, tails, tiling, barriers, shuffles and the
 * order of floating-point operations can be tested on every machine with g++, GPU or not.
 * Built with AddressSanitizer and UBSan where g++ has them, so memory a kernel must not
 * touch, and misaligned vector loads, fail the test as they would fault on a GPU.
 * Every launch takes its grid from the GPU backend's own {@link LaunchGeometry}, for a
 * device of {@value #MULTIPROCESSORS} multiprocessors (so grid-stride loops wrap around).
 * Sizes are small: every emulated CUDA thread is an OS thread.
 */
class EmulatedKernelsTest {
    private static final int MULTIPROCESSORS = 2;
    private static final int SHARED_PER_BLOCK = 48 * 1024;
    private static Path work;
    private static Path binary;
    private static String unavailable;
    private static final List<String> SANITIZERS = List.of("-fsanitize=address,undefined", "-fno-sanitize-recover=all",
        "-fno-omit-frame-pointer");
    /** Whether the binary was built with the sanitizers (g++ without libasan builds it plain). */
    private static boolean sanitized = true;

    private final ScalarAccelerator scalar = new ScalarAccelerator();
    private final Random random = new Random(1125);

    @BeforeAll
    static void compile() throws IOException, InterruptedException {
        work = Files.createTempDirectory("lanes-emulated");
        binary = work.resolve("kernels_emulated");
        try {
            // With AddressSanitizer a kernel that reads or writes outside its buffers (or its
            // shared arrays) fails here, as it would fault on a GPU; UBSan's alignment check
            // fails a 16-byte vector load from an address that is not 16-byte aligned, which a
            // GPU refuses (CUDA_ERROR_MISALIGNED_ADDRESS). Without libasan, the plain build.
            if (compile(SANITIZERS) != null) {
                sanitized = false;
                String plain = compile(List.of());
                assertThat(plain).as("the emulation must compile wherever g++ does:\n" + plain).isNull();
            }
        } catch (IOException e) {
            unavailable = "no g++ to compile the CUDA emulation: " + e.getMessage();
        }
    }

    /** Compiles the emulated kernels with these extra flags; null when it worked, else g++'s output. */
    private static String compile(List<String> flags) throws IOException, InterruptedException {
        Path sources = Path.of("src/test/cuda").toAbsolutePath();
        List<String> command = new ArrayList<>(List.of("g++", "-std=c++20", "-O1", "-ffp-contract=off", "-pthread"));
        command.addAll(flags);
        command.addAll(List.of("-include", sources.resolve("cuda_emu.h").toString(), "-o", binary.toString(),
            sources.resolve("kernels_emulated.cpp").toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("g++ took more than 300 s");
        }
        return p.exitValue() == 0 ? null : log;
    }

    @Test
    void theSanitizersCatchAKernelThatReadsPastItsData() throws Exception {
        assumeTrue(unavailable == null, unavailable);
        assumeTrue(sanitized, "g++ here cannot build with AddressSanitizer");
        // the harness's own check: sum_of_squares told its 10 elements are 11
        double[] x = random.doubles(10, -1, 1).toArray();
        Process p = new ProcessBuilder(binary.toString(), "sum_of_squares_f64", "1", "1", "32", "1", "0", write(x), "11", "0")
            .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isNotZero();
        assertThat(out).contains("heap-buffer-overflow");
    }

    @AfterAll
    static void cleanUp() throws IOException {
        try (var files = Files.walk(work)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    /** Runs one kernel: its name, the launch geometry, then its own arguments. */
    private static String run(String kernel, LaunchGeometry g, String... args) throws IOException, InterruptedException {
        assumeTrue(unavailable == null, unavailable);
        List<String> command = new ArrayList<>(List.of(binary.toString(), kernel, "" + g.gridX(), "" + g.gridY(), "" + g.blockX(),
            "" + g.blockY(), "" + g.sharedBytes()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("ASAN_OPTIONS", "detect_leaks=0");
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ":\n" + out).isZero();
        return out.strip();
    }

    @Test
    void reductionsOverAlignedAndUnalignedDataAreWithinTheSummationBound() throws Exception {
        for (int n : new int[] {0, 1, 3, 4, 5, 255, 256, 257, 4099, 20_001}) {
            for (int offset : new int[] {0, 1, 3}) {
                double[] x = random.doubles(n + offset, -1, 1).toArray();
                double[] y = random.doubles(n + offset, -1, 1).toArray();
                float[] xf = Reference.toFloat(x);
                float[] yf = Reference.toFloat(y);
                double bound = (n + 64) * Reference.U64;
                String what = "n=" + n + ", offset=" + offset;
                LaunchGeometry g = LaunchGeometry.gridStride(n, MULTIPROCESSORS);
                Reference.assertClose(number(run("sum_of_squares_f64", g, write(x), "" + n, "" + offset)),
                    Reference.dot(x, x, offset, n + offset), Reference.absDot(x, x, offset, n + offset), bound, "f64 sum " + what);
                Reference.assertClose(number(run("sum_of_squares_f32", g, write(xf), "" + n, "" + offset)),
                    Reference.dot(xf, xf, offset, n + offset), Reference.absDot(xf, xf, offset, n + offset), bound, "f32 sum " + what);
                Reference.assertClose(number(run("dot_f64", g, write(x), write(y), "" + n, "" + offset)),
                    Reference.dot(x, y, offset, n + offset), Reference.absDot(x, y, offset, n + offset), bound, "f64 dot " + what);
                Reference.assertClose(number(run("dot_f32", g, write(xf), write(yf), "" + n, "" + offset)),
                    Reference.dot(xf, yf, offset, n + offset), Reference.absDot(xf, yf, offset, n + offset), bound, "f32 dot " + what);
            }
        }
    }

    @Test
    void axpyGivesTheCpusBits() throws Exception {
        ArrayOps cpu = scalar.ops(ArrayOps.class).orElseThrow();
        for (int n : new int[] {1, 255, 257, 9000}) {
            float[] x = Reference.toFloat(random.doubles(n, -1, 1).toArray());
            float[] y = Reference.toFloat(random.doubles(n, -1, 1).toArray());
            Path out = work.resolve("axpy.out");
            run("axpy_f32", LaunchGeometry.gridStride(n, MULTIPROCESSORS), Float.toString(0.3f), write(x), write(y), "" + n,
                out.toString());
            float[] expected = y.clone();
            cpu.axpy(0.3f, x, expected, 0, n);
            assertThat(readFloats(out)).as("n=" + n).isEqualTo(expected);
        }
    }

    @Test
    void rowSumsCoverEveryRowWhateverTheShape() throws Exception {
        for (int[] shape : new int[][] {{1, 1}, {5, 31}, {70, 33}, {3, 1000}, {200, 2}}) {
            int rows = shape[0];
            int cols = shape[1];
            double[] x = random.doubles((long) rows * cols, -2, 2).toArray();
            Path out = work.resolve("rows.out");
            run("row_sum_of_squares_f64", LaunchGeometry.warpPerRow(rows, MULTIPROCESSORS), write(x), "" + rows, "" + cols,
                out.toString());
            double[] got = readDoubles(out);
            for (int r = 0; r < rows; r++) {
                Reference.assertClose(got[r], Reference.dot(x, x, r * cols, (r + 1) * cols),
                    Reference.absDot(x, x, r * cols, (r + 1) * cols), (cols + 32) * Reference.U64, "row " + r + " of " + rows + "x" + cols);
            }
        }
    }

    @Test
    void monteCarloDrawsTheCpusPointsAndCountsTheSameHits() throws Exception {
        RandomOps cpu = scalar.ops(RandomOps.class).orElseThrow();
        for (long[] c : new long[][] {{42, 0, 0}, {42, 0, 1}, {-7, 13, 50_013}, {random.nextLong(), 1_000_000, 1_070_001}}) {
            LaunchGeometry g = LaunchGeometry.gridStride(c[2] - c[1], MULTIPROCESSORS);
            assertThat(Long.parseLong(run("monte_carlo_pi", g, Long.toString(c[0]), "" + c[1], "" + c[2])))
                .as("seed %d, [%d, %d)", c[0], c[1], c[2]).isEqualTo(cpu.insideUnitCircle(c[0], c[1], c[2]));
        }
    }

    @Test
    void productsAreRightAtEveryTileEdgeWithBiasAndRelu() throws Exception {
        for (int[] s : new int[][] {{1, 1, 1}, {3, 5, 7}, {65, 70, 17}, {130, 129, 9}, {64, 64, 40}}) {
            int m = s[0];
            int n = s[1];
            int k = s[2];
            double[] a = random.doubles((long) m * k, -1, 1).toArray();
            double[] b = random.doubles((long) k * n, -1, 1).toArray();
            double[] bias = random.doubles(n, -0.5, 0.5).toArray();
            Path out = work.resolve("gemm.out");
            run("gemm_f64", single(LaunchGeometry.gemm(m, n, GpuGemmOps.TILE_F64)), write(a), write(b), write(bias), "1",
                "" + m, "" + n, "" + k, out.toString());
            Reference.assertProduct(a, b, bias, true, readDoubles(out), m, n, k, Reference.U64, "f64");
            float[] af = Reference.toFloat(a);
            float[] bf = Reference.toFloat(b);
            run("gemm_f32", single(LaunchGeometry.gemm(m, n, GpuGemmOps.TILE_F32)), write(af), write(bf), "-", "0",
                "" + m, "" + n, "" + k, out.toString());
            Reference.assertProduct(Reference.toDouble(af), Reference.toDouble(bf), null, false, Reference.toDouble(readFloats(out)),
                m, n, k, Reference.U32, "f32");
        }
    }

    @Test
    void transposedProductsReadNoFurtherThanAsLastRowAtEveryTileEdge() throws Exception {
        for (int[] s : new int[][] {{1, 1, 1}, {3, 5, 7}, {65, 70, 17}, {130, 129, 9}, {128, 10, 33}}) {
            int m = s[0];
            int n = s[1];
            int k = s[2];
            int lda = m + 3;                          // A's rows longer than C's: columns [0, m) of each are read
            float[] a = Reference.toFloat(random.doubles((long) k * lda, -1, 1).toArray());
            float[] b = Reference.toFloat(random.doubles((long) k * n, -1, 1).toArray());
            double[] at = new double[m * k];
            for (int p = 0; p < k; p++) {
                for (int i = 0; i < m; i++) {
                    at[i * k + p] = a[p * lda + i];
                }
            }
            Path out = work.resolve("gemm_tn.out");
            run("gemm_tn_f32", single(LaunchGeometry.gemm(m, n, GpuGemmOps.TILE_F32)), write(a), "" + lda, write(b),
                "" + m, "" + n, "" + k, out.toString());
            Reference.assertProduct(at, Reference.toDouble(b), null, false, Reference.toDouble(readFloats(out)), m, n, k,
                Reference.U32, "f32 Aᵀ·B");
        }
    }

    @Test
    void theTransposeWritesExactlyItsRowsOfB() throws Exception {
        for (int[] s : new int[][] {{1, 1, 0, 1}, {40, 33, 0, 40}, {300, 65, 256, 300}, {70, 100, 32, 64}}) {
            int k = s[0];
            int n = s[1];
            int p0 = s[2];
            int p1 = s[3];
            double[] t = random.doubles((long) n * k, -1, 1).toArray();       // T n × k; B = Tᵀ is k × n
            Path out = work.resolve("transpose.out");
            run("transpose_f64", LaunchGeometry.transpose(p1 - p0, n), write(t), "" + k, "" + n, "" + p0, "" + p1, out.toString());
            double[] b = readDoubles(out);
            for (int p = 0; p < k; p++) {
                for (int j = 0; j < n; j++) {
                    String what = String.format("B[%d][%d] of %dx%d, rows [%d, %d)", p, j, k, n, p0, p1);
                    if (p >= p0 && p < p1) {
                        assertThat(b[p * n + j]).as(what).isEqualTo(t[j * k + p]);
                    } else {
                        assertThat(b[p * n + j]).as(what + ": not the kernel's").isNaN();
                    }
                }
            }
        }
    }

    @Test
    void theSoftmaxGradientIsTheCpusOnItsRowsOnly() throws Exception {
        for (int[] s : new int[][] {{1, 1, 0}, {70, 10, 5}, {300, 3, 299}}) {
            int rows = s[0];
            int classes = s[1];
            int r0 = s[2];
            double[] z = random.doubles((long) rows * classes, -5, 5).toArray();
            int[] labels = random.ints(rows, 0, classes).toArray();
            Path gradient = work.resolve("softmax.out");
            Path loss = work.resolve("loss.out");
            run("softmax_gradient_f64", LaunchGeometry.gridStride(rows - r0, MULTIPROCESSORS), write(z), write(labels),
                "" + classes, "" + r0, "" + rows, gradient.toString(), loss.toString());
            double[] want = new double[z.length];
            double[] wantLoss = new double[rows];
            dev.lanes.core.exec.TrainingLoops.softmaxGradient(z, classes, labels, rows, want, wantLoss, r0, rows);
            double[] got = readDoubles(gradient);
            double[] gotLoss = readDoubles(loss);
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < classes; c++) {
                    int i = r * classes + c;
                    if (r < r0) {
                        assertThat(got[i]).as("row %d is not the kernel's", r).isNaN();
                    } else {              // exp and log are the C library's here, the JDK's there: a few roundings apart
                        assertThat(got[i]).as("gradient[%d][%d]", r, c).isCloseTo(want[i], within(4 * Math.ulp(want[i]) + 1e-300));
                    }
                }
                if (r < r0) {
                    assertThat(gotLoss[r]).isNaN();
                } else {
                    assertThat(gotLoss[r]).as("loss of row %d", r).isCloseTo(wantLoss[r], within(1e-13 * Math.max(1, wantLoss[r])));
                }
            }
        }
    }

    @Test
    void stencilsGiveTheCpusBitsIncludingEdgesAndPartialTiles() throws Exception {
        for (int size : new int[] {3, 5}) {
            for (int[] shape : new int[][] {{1, 1}, {2, 3}, {9, 33}, {17, 70}}) {
                int h = shape[0];
                int w = shape[1];
                float[] image = Reference.toFloat(random.doubles((long) h * w, 0, 1).toArray());
                float[] weights = Reference.toFloat(random.doubles(size * size, 0, 0.2).toArray());
                Path out = work.resolve("stencil.out");
                run("stencil" + size + "_f32", LaunchGeometry.stencil(h, w), write(image), "" + h, "" + w, write(weights),
                    out.toString(), "" + LaunchGeometry.tilesAcross(w));
                float[] got = readFloats(out);
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        assertThat(got[y * w + x]).as("%dx%d, pixel (%d, %d) of %dx%d", size, size, y, x, h, w)
                            .isEqualTo(StencilOps.pixel(image, h, w, weights, size, y, x));
                    }
                }
            }
        }
    }

    @Test
    void histogramsCountExactlyWithSharedOrGlobalCounters() throws Exception {
        HistogramOps cpu = scalar.ops(HistogramOps.class).orElseThrow();
        for (int bins : new int[] {1, 10, 300}) {
            for (int n : new int[] {1, 777, 9001}) {
                double[] x = Reference.histogramInput(random, n);
                float[] xf = Reference.toFloat(x);
                long[] expected = new long[bins];
                cpu.count(x, 0, n, -1, 1, expected);
                long[] expectedF = new long[bins];
                cpu.count(xf, 0, n, -1, 1, expectedF);
                String scale = Double.toHexString(HistogramOps.scale(bins, -1, 1));
                for (String variant : new String[] {"shared", "global"}) {
                    Path out = work.resolve("histogram.out");
                    // the backend's choice for a device with 48 KiB of shared memory per block, or with none
                    LaunchGeometry g = LaunchGeometry.histogram(n, bins, MULTIPROCESSORS, variant.equals("shared") ? SHARED_PER_BLOCK : 0);
                    assertThat(g.sharedBytes() > 0).isEqualTo(variant.equals("shared"));
                    run("histogram_" + variant + "_f64", g, write(x), "-1", "1", scale, "" + bins, out.toString());
                    assertThat(readLongs(out)).as("%s f64, %d bins, n=%d", variant, bins, n).isEqualTo(expected);
                    run("histogram_" + variant + "_f32", g, write(xf), "-1", "1", scale, "" + bins, out.toString());
                    assertThat(readLongs(out)).as("%s f32, %d bins, n=%d", variant, bins, n).isEqualTo(expectedF);
                }
            }
        }
    }

    /** The one launch of a product small enough for a single slab. */
    private static LaunchGeometry single(List<LaunchGeometry.GemmSlab> slabs) {
        assertThat(slabs).hasSize(1);
        return slabs.get(0).geometry();
    }

    private static double number(String printed) {
        return Double.parseDouble(printed);
    }

    private static int files;

    private static String write(double[] values) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asDoubleBuffer().put(values);
        return write(b);
    }

    private static String write(float[] values) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return write(b);
    }

    private static String write(int[] values) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(values);
        return write(b);
    }

    private static String write(ByteBuffer bytes) throws IOException {
        Path file = work.resolve("in" + files++ + ".bin");
        Files.write(file, bytes.array());
        return file.toString();
    }

    private static float[] readFloats(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[b.remaining() / 4];
        b.asFloatBuffer().get(values);
        return values;
    }

    private static double[] readDoubles(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        double[] values = new double[b.remaining() / 8];
        b.asDoubleBuffer().get(values);
        return values;
    }

    private static long[] readLongs(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        long[] values = new long[b.remaining() / 8];
        b.asLongBuffer().get(values);
        return values;
    }
}
