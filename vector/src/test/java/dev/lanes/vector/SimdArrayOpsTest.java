package dev.lanes.vector;

import dev.lanes.core.exec.ArrayOps;
import dev.lanes.core.exec.Availability;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.BeforeProperty;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every SIMD chunk function against the scalar reference (compensated f64 sums, exact
 * fma), over lengths around the vector width and unaligned starting offsets. The sum
 * tolerance is the rigorous bound for the accumulation each implementation does: a chain
 * of at most n additions in the accumulating type, relative to Σ|terms|.
 */
class SimdArrayOpsTest {
    private ArrayOps simd;

    @BeforeProperty
    void simdMustBeUsable() {
        Availability a = new SimdAccelerator().availability();
        assumeTrue(a.usable(), "SIMD unusable here: " + a.detail());
        simd = new SimdAccelerator().ops(ArrayOps.class).orElseThrow();
    }

    /** 0, 1, around multiples of 8/16/32/64 (vector widths × unroll), and larger. */
    @Provide
    Arbitrary<Integer> lengths() {
        return Arbitraries.oneOf(
            Arbitraries.of(0, 1, 2, 3, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129, 255, 257),
            Arbitraries.integers().between(0, 300),
            Arbitraries.integers().between(0, 70_000));
    }

    private static double[] randomDoubles(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextDouble(-3, 3);
        }
        return x;
    }

    private static float[] toFloats(double[] x) {
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = (float) x[i];
        }
        return f;
    }

    /** Exact enough: Σ of the f64 products, compensated; and Σ|products|. */
    private static double[] referenceDot(double[] x, double[] y, int from, int to) {
        double sum = 0;
        double c = 0;
        double magnitude = 0;
        for (int i = from; i < to; i++) {
            double p = x[i] * y[i];
            double t = sum + p;
            c += Math.abs(sum) >= Math.abs(p) ? (sum - t) + p : (p - t) + sum;
            sum = t;
            magnitude += Math.abs(p);
        }
        return new double[] {sum + c, magnitude};
    }

    private static void assertWithin(double got, double[] reference, int terms, double unitRoundoff) {
        double bound = (terms + 2) * unitRoundoff * reference[1] + Double.MIN_NORMAL;
        assertThat(Math.abs(got - reference[0])).as("got %s, reference %s, bound %s", got, reference[0], bound)
            .isLessThanOrEqualTo(bound);
    }

    @Property(tries = 400)
    void sumOfSquaresF64(@ForAll("lengths") int n, @ForAll @IntRange(min = 0, max = 9) int offset) {
        double[] x = randomDoubles(n + offset, n);
        double got = simd.sumOfSquares(x, offset, n + offset);
        assertWithin(got, referenceDot(x, x, offset, n + offset), n, 0x1p-53);
    }

    @Property(tries = 400)
    void sumOfSquaresF32(@ForAll("lengths") int n, @ForAll @IntRange(min = 0, max = 17) int offset) {
        double[] d = randomDoubles(n + offset, n);
        float[] x = toFloats(d);
        double[] exact = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            exact[i] = x[i];
        }
        double got = simd.sumOfSquares(x, offset, n + offset);
        // f32 lanes: each product and each addition rounds in f32
        assertWithin(got, referenceDot(exact, exact, offset, n + offset), n + 1, 0x1p-24);
    }

    @Property(tries = 400)
    void dotF64(@ForAll("lengths") int n, @ForAll @IntRange(min = 0, max = 9) int offset) {
        double[] x = randomDoubles(n + offset, n);
        double[] y = randomDoubles(n + offset, n + 1L);
        assertWithin(simd.dot(x, y, offset, n + offset), referenceDot(x, y, offset, n + offset), n, 0x1p-53);
    }

    @Property(tries = 400)
    void dotF32(@ForAll("lengths") int n, @ForAll @IntRange(min = 0, max = 17) int offset) {
        float[] x = toFloats(randomDoubles(n + offset, n));
        float[] y = toFloats(randomDoubles(n + offset, n + 1L));
        double[] xd = new double[x.length];
        double[] yd = new double[y.length];
        for (int i = 0; i < x.length; i++) {
            xd[i] = x[i];
            yd[i] = y[i];
        }
        assertWithin(simd.dot(x, y, offset, n + offset), referenceDot(xd, yd, offset, n + offset), n + 1, 0x1p-24);
    }

    @Property(tries = 300)
    void axpyIsExactlyFmaAndTouchesOnlyItsRange(@ForAll("lengths") int n, @ForAll @IntRange(min = 0, max = 17) int offset) {
        double a = 1.75;
        double[] x = randomDoubles(n + 2 * offset, n);
        double[] y = randomDoubles(n + 2 * offset, n + 5L);
        double[] y0 = y.clone();
        simd.axpy(a, x, y, offset, n + offset);
        float[] xf = toFloats(x);
        float[] yf = toFloats(y0);
        float[] yf0 = yf.clone();
        simd.axpy((float) a, xf, yf, offset, n + offset);
        for (int i = 0; i < y.length; i++) {
            boolean inside = i >= offset && i < n + offset;
            assertThat(y[i]).isEqualTo(inside ? Math.fma(a, x[i], y0[i]) : y0[i]);
            assertThat(yf[i]).isEqualTo(inside ? Math.fma((float) a, xf[i], yf0[i]) : yf0[i]);
        }
    }
}
