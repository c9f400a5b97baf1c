package dev.lanes.vector;

import dev.lanes.core.exec.ScalarAccelerator;
import dev.lanes.core.exec.ScanOps;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The SIMD scan associates differently from the left-to-right reference: each running sum
 * must agree within the roundings of a chain of n additions, relative to Σ|x| up to there.
 */
class SimdScanOpsTest {
    private static final ScanOps SCALAR = new ScalarAccelerator().ops(ScanOps.class).orElseThrow();

    @Property(tries = 150)
    void runningSumsAndTotalsAgreeWithTheReference(@ForAll @IntRange(min = 0, max = 5000) int n, @ForAll @IntRange(min = 0, max = 40) int from,
                                                   @ForAll boolean f64) {
        SimdAccelerator simd = new SimdAccelerator();
        assumeTrue(simd.availability().usable(), "SIMD unusable here: " + simd.availability().detail());
        ScanOps ops = simd.ops(ScanOps.class).orElseThrow();
        SplittableRandom random = new SplittableRandom(n * 7L + from);
        int start = Math.min(from, n);
        double offset = random.nextDouble(-100, 100);
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = random.nextDouble(-2, 2);
        }
        double u = f64 ? 0x1p-53 : 0x1p-24;
        double bound = (n + 3) * u;
        if (f64) {
            double[] expected = new double[n];
            double[] got = new double[n];
            SCALAR.scan(d, start, n, offset, expected);
            ops.scan(d, start, n, offset, got);
            assertWithin(d, start, offset, expected, got, bound);
            assertThat(Math.abs(ops.sum(d, start, n) - SCALAR.sum(d, start, n))).isLessThanOrEqualTo(bound * absSum(d, start, n) + 1e-300);
        } else {
            float[] f = new float[n];
            for (int i = 0; i < n; i++) {
                f[i] = (float) d[i];
                d[i] = f[i];
            }
            float[] expected = new float[n];
            float[] got = new float[n];
            SCALAR.scan(f, start, n, (float) offset, expected);
            ops.scan(f, start, n, (float) offset, got);
            double[] e = new double[n];
            double[] g = new double[n];
            for (int i = 0; i < n; i++) {
                e[i] = expected[i];
                g[i] = got[i];
            }
            assertWithin(d, start, (float) offset, e, g, bound);
            assertThat(Math.abs(ops.sum(f, start, n) - SCALAR.sum(f, start, n))).isLessThanOrEqualTo(bound * absSum(d, start, n) + 1e-300);
        }
    }

    private static double absSum(double[] d, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += Math.abs(d[i]);
        }
        return s;
    }

    /** Both the reference and SIMD are within bound·(|offset| + Σ|x|) of the exact running sum, so of each other within twice that. */
    private static void assertWithin(double[] d, int start, double offset, double[] expected, double[] got, double bound) {
        double magnitude = Math.abs(offset);
        for (int i = start; i < d.length; i++) {
            magnitude += Math.abs(d[i]);
            assertThat(Math.abs(got[i] - expected[i])).as("element %d", i).isLessThanOrEqualTo(2 * bound * magnitude);
        }
        for (int i = 0; i < start; i++) {
            assertThat(got[i]).as("untouched element %d", i).isEqualTo(0);
        }
    }
}
