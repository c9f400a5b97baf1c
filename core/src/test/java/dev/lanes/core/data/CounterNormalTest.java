package dev.lanes.core.data;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class CounterNormalTest {

    /** The fill (whole groups in passes, ragged ends an element at a time) is the one-element function, bit for bit. */
    @Property(tries = 60)
    void fillIsTheElementFunction(@ForAll @IntRange(min = 0, max = 5000) int from,
                                  @ForAll @IntRange(min = 0, max = 7000) int length,
                                  @ForAll @LongRange(min = -1000, max = 1000) long seed) {
        int to = from + length;
        double[] d = new double[to + 3];
        float[] f = new float[to + 3];
        Arrays.fill(d, Double.NaN);
        Arrays.fill(f, Float.NaN);
        CounterNormal.fill(seed, d, from, to);
        CounterNormal.fill(seed, f, from, to);
        for (int i = 0; i < d.length; i++) {
            boolean inside = i >= from && i < to;
            assertThat(Double.doubleToRawLongBits(d[i]))
                .as("f64 element %d", i)
                .isEqualTo(Double.doubleToRawLongBits(inside ? CounterNormal.normal(seed, i) : Double.NaN));
            assertThat(Float.floatToRawIntBits(f[i]))
                .as("f32 element %d", i)
                .isEqualTo(Float.floatToRawIntBits(inside ? CounterNormal.normalFloat(seed, i) : Float.NaN));
        }
    }

    @Test
    void logarithmIsWithinAFewUlpsOfStrictMath() {
        SplittableRandom random = new SplittableRandom(11);
        double worst = 0;
        double worstFloat = 0;
        for (int t = 0; t < 200_000; t++) {
            long bits = random.nextLong();
            // every scale u1 takes: the top bits set at random down to u1 = 2⁻⁵³, or cleared up to u1 = 1
            if (t % 2 == 0) {
                bits |= -1L << (11 + random.nextInt(53));
            } else {
                bits >>>= random.nextInt(64);
            }
            double u = CounterNormal.u1(bits);
            worst = Math.max(worst, relativeError(CounterNormal.log(u), StrictMath.log(u)));
            float uf = CounterNormal.u1Float(bits);
            worstFloat = Math.max(worstFloat, relativeError(CounterNormal.log(uf), StrictMath.log(uf)));
        }
        assertThat(worst).isLessThan(1e-15);
        assertThat(worstFloat).isLessThan(4e-7);
    }

    @Test
    void sineAndCosineAreWithinAFewUlpsOfStrictMath() {
        SplittableRandom random = new SplittableRandom(12);
        double worst = 0;
        double worstFloat = 0;
        for (int t = 0; t < 200_000; t++) {
            long k = random.nextLong() >>> 11;
            long q = CounterNormal.quarter(k);
            double f = CounterNormal.fraction(k, q);
            double sin = f * CounterNormal.sinSeries(f * f);
            double cos = CounterNormal.cosSeries(f * f);
            double angle = 2 * Math.PI * (k * 0x1.0p-53);
            worst = Math.max(worst, Math.abs(CounterNormal.cosineOf(sin, cos, q) - StrictMath.cos(angle)));
            worst = Math.max(worst, Math.abs(CounterNormal.sineOf(sin, cos, q) - StrictMath.sin(angle)));

            int kf = (int) (k >>> 29);
            int qf = CounterNormal.quarter(kf);
            float ff = CounterNormal.fraction(kf, qf);
            float sinF = ff * CounterNormal.sinSeries(ff * ff);
            float cosF = CounterNormal.cosSeries(ff * ff);
            double angleF = 2 * Math.PI * (kf * 0x1.0p-24);
            worstFloat = Math.max(worstFloat, Math.abs(CounterNormal.cosineOf(sinF, cosF, qf) - StrictMath.cos(angleF)));
            worstFloat = Math.max(worstFloat, Math.abs(CounterNormal.sineOf(sinF, cosF, qf) - StrictMath.sin(angleF)));
        }
        // the reference angle itself is rounded to a few 10⁻¹⁶
        assertThat(worst).isLessThan(2e-15);
        assertThat(worstFloat).isLessThan(2e-7);
    }

    @Test
    void valuesAreStandardNormalAndThePairsHalvesUncorrelated() {
        int n = 1 << 18;
        double[] d = new double[n];
        float[] f = new float[n];
        CounterNormal.fill(77, d, 0, n);
        CounterNormal.fill(77, f, 0, n);
        double[] widened = new double[n];
        for (int i = 0; i < n; i++) {
            widened[i] = f[i];
        }
        NormalDistribution standard = NormalDistribution.of(0, 1);
        KolmogorovSmirnovTest ks = KolmogorovSmirnovTest.withDefaults();
        // a fixed seed: the p-values are fixed numbers, and a broken transform gives p ≈ 0 at this size
        assertThat(ks.test(d, standard::cumulativeProbability).getPValue()).isGreaterThan(0.01);
        assertThat(ks.test(widened, standard::cumulativeProbability).getPValue()).isGreaterThan(0.01);

        // r·cos θ and r·sin θ of the same pair are uncorrelated: |ρ| within 5 standard errors (1/√pairs)
        double sum = 0;
        int pairs = 0;
        for (int g = 0; g < n; g += CounterNormal.GROUP) {
            for (int j = 0; j < CounterNormal.PAIRS; j++) {
                sum += d[g + j] * d[g + CounterNormal.PAIRS + j];
                pairs++;
            }
        }
        assertThat(Math.abs(sum / pairs)).isLessThan(5 / Math.sqrt(pairs));
    }

    private static double relativeError(double got, double expected) {
        return expected == 0 ? Math.abs(got) : Math.abs(got - expected) / Math.abs(expected);
    }
}
