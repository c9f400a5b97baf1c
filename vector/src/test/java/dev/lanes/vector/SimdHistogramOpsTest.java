package dev.lanes.vector;

import dev.lanes.core.exec.HistogramOps;
import dev.lanes.core.exec.ScalarAccelerator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** SIMD bins with the reference's expression: the same counts, exactly, for any data and bin count. */
class SimdHistogramOpsTest {
    private static final HistogramOps SCALAR = new ScalarAccelerator().ops(HistogramOps.class).orElseThrow();

    @Property(tries = 150)
    void sameCountsAsTheScalarReference(@ForAll @IntRange(min = 0, max = 20_000) int n, @ForAll @IntRange(min = 1, max = 9000) int bins,
                                        @ForAll @IntRange(min = 0, max = 50) int from, @ForAll boolean f64) {
        SimdAccelerator simd = new SimdAccelerator();
        assumeTrue(simd.availability().usable(), "SIMD unusable here: " + simd.availability().detail());
        HistogramOps ops = simd.ops(HistogramOps.class).orElseThrow();
        SplittableRandom random = new SplittableRandom(n * 13L + bins);
        double low = -3;
        double high = 5;
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            // mostly inside, some outside, some exactly on an edge or a bin boundary, some NaN
            int kind = random.nextInt(20);
            d[i] = kind == 0 ? low : kind == 1 ? high : kind == 2 ? Double.NaN : kind == 3 ? low + (high - low) * random.nextInt(bins + 1) / bins
                : random.nextDouble(low - 1, high + 1);
        }
        int start = Math.min(from, n);
        long[] expected = new long[bins];
        long[] got = new long[bins];
        if (f64) {
            SCALAR.count(d, start, n, low, high, expected);
            ops.count(d, start, n, low, high, got);
        } else {
            float[] f = new float[n];
            for (int i = 0; i < n; i++) {
                f[i] = (float) d[i];
            }
            SCALAR.count(f, start, n, low, high, expected);
            ops.count(f, start, n, low, high, got);
        }
        assertThat(got).isEqualTo(expected);
    }
}
