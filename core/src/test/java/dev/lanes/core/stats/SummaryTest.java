package dev.lanes.core.stats;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SummaryTest {

    @Test
    void momentsAndMedian() {
        Summary s = Summary.of(new long[] {5, 1, 4, 2, 3});
        assertThat(s.medianNanos()).isEqualTo(3);
        assertThat(s.meanNanos()).isEqualTo(3);
        assertThat(s.stddevNanos()).isCloseTo(Math.sqrt(2.5), within(1e-12));
        assertThat(s.minNanos()).isEqualTo(1);
        assertThat(s.maxNanos()).isEqualTo(5);
        assertThat(Summary.of(new long[] {4, 1, 3, 2}).medianNanos()).isEqualTo(2.5);
    }

    @Test
    void medianIntervalUsesBinomialOrderStatistics() {
        long[] ten = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        ConfidenceInterval ci = Summary.of(ten).medianInterval();
        // n = 10: P(B <= 1) = 11/1024 <= 0.025 < P(B <= 2) = 56/1024, so ranks 2 and 9, level 1 - 22/1024
        assertThat(ci.lowNanos()).isEqualTo(2);
        assertThat(ci.highNanos()).isEqualTo(9);
        assertThat(ci.level()).isCloseTo(1 - 22.0 / 1024, within(1e-12));
        ConfidenceInterval three = Summary.of(new long[] {3, 1, 2}).medianInterval();
        assertThat(three.lowNanos()).isEqualTo(1);
        assertThat(three.highNanos()).isEqualTo(3);
        assertThat(three.level()).isCloseTo(0.75, within(1e-12));
    }

    @Property(tries = 200)
    void theIntervalHoldsTheMedianAndIsAtLeast95PercentFromSixSamples(@ForAll @Size(min = 1, max = 400) List<@IntRange(min = 1, max = 1_000_000) Integer> values) {
        long[] samples = values.stream().mapToLong(Integer::longValue).toArray();
        Summary s = Summary.of(samples);
        assertThat(s.medianInterval().lowNanos()).isLessThanOrEqualTo(s.medianNanos());
        assertThat(s.medianInterval().highNanos()).isGreaterThanOrEqualTo(s.medianNanos());
        if (samples.length >= 6) {
            assertThat(s.medianInterval().level()).isGreaterThanOrEqualTo(0.95);
        }
    }

    @Test
    void karpFlatt() {
        // S = 100/60 at p = 2: e = (1/S - 1/p) / (1 - 1/p) = (0.6 - 0.5) / 0.5
        assertThat(AmdahlFit.karpFlatt(100 / 60.0, 2)).isCloseTo(0.2, within(1e-12));
        assertThat(AmdahlFit.karpFlatt(2, 2)).isCloseTo(0, within(1e-12));
    }

    @Property(tries = 100)
    void amdahlFitRecoversTheSerialFractionOfExactData(@ForAll @IntRange(min = 0, max = 1000) int permille) {
        double f = permille / 1000.0;
        int[] threads = {1, 2, 3, 4, 8, 16};
        double[] times = new double[threads.length];
        for (int i = 0; i < threads.length; i++) {
            times[i] = 1000 * (f + (1 - f) / threads[i]);
        }
        assertThat(AmdahlFit.serialFraction(threads, times)).isCloseTo(f, within(1e-9));
    }

    @Property(tries = 100)
    void gustafsonFitRecoversTheSerialFractionOfExactData(@ForAll @IntRange(min = 0, max = 1000) int permille) {
        double alpha = permille / 1000.0;
        int[] threads = {1, 2, 4, 8};
        double[] scaled = new double[threads.length];
        for (int i = 0; i < threads.length; i++) {
            scaled[i] = threads[i] - alpha * (threads[i] - 1);
        }
        assertThat(GustafsonFit.serialFraction(threads, scaled)).isCloseTo(alpha, within(1e-9));
    }

    @Test
    void bootstrapIntervalsHoldTheFigureAndAreTheSameForTheSameSamples() {
        long[] a = {100, 102, 98, 101, 99, 103, 97, 100, 100, 101};
        long[] b = {50, 51, 49, 52, 48, 50, 50, 51, 49, 50};
        double[] ci = Bootstrap.interval(List.of(a, b), m -> m[0] / m[1], 7);
        assertThat(ci[0]).isLessThanOrEqualTo(2.0).isGreaterThan(1.8);
        assertThat(ci[1]).isGreaterThanOrEqualTo(2.0).isLessThan(2.2);
        assertThat(Bootstrap.interval(List.of(a, b), m -> m[0] / m[1], 7)).containsExactly(ci);
        long[] constant = {5, 5, 5};
        assertThat(Bootstrap.interval(List.of(constant), m -> m[0], 1)).containsExactly(5, 5);
        assertThat(Bootstrap.interval(List.of(constant), m -> Double.NaN, 1)[0]).isNaN();
    }

    @Test
    void growthExponentOfAPowerLaw() {
        List<double[]> linear = List.of(new double[] {1e6, 2e5}, new double[] {1e7, 2e6}, new double[] {1e8, 2e7});
        assertThat(GrowthFit.of(linear).exponent()).isCloseTo(1.0, within(1e-12));
        assertThat(GrowthFit.of(linear).rSquared()).isCloseTo(1.0, within(1e-12));
        List<double[]> quadratic = List.of(new double[] {10, 100}, new double[] {20, 400}, new double[] {40, 1600});
        assertThat(GrowthFit.of(quadratic).exponent()).isCloseTo(2.0, within(1e-12));
    }
}
