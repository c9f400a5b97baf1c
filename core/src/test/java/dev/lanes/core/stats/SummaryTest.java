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
    void strongScalingAndKarpFlatt() {
        StrongScaling s = StrongScaling.of(java.util.Map.of(1, 100.0, 2, 60.0, 4, 40.0));
        ScalingRow two = s.rows().get(1);
        assertThat(two.speedup()).isCloseTo(100 / 60.0, within(1e-12));
        assertThat(two.efficiency()).isCloseTo(100 / 60.0 / 2, within(1e-12));
        // e = (1/S - 1/p) / (1 - 1/p) = (0.6 - 0.5) / 0.5
        assertThat(two.karpFlatt()).isCloseTo(0.2, within(1e-12));
        assertThat(s.rows().get(0).karpFlatt()).isNull();
    }

    @Property(tries = 100)
    void amdahlFitRecoversTheSerialFractionOfExactData(@ForAll @IntRange(min = 0, max = 1000) int permille) {
        double f = permille / 1000.0;
        java.util.Map<Integer, Double> times = new java.util.HashMap<>();
        for (int p : new int[] {1, 2, 3, 4, 8, 16}) {
            times.put(p, 1000 * (f + (1 - f) / p));
        }
        AmdahlFit fit = StrongScaling.of(times).amdahl();
        assertThat(fit.serialFraction()).isCloseTo(f, within(1e-9));
        if (f > 0) {
            assertThat(fit.maxSpeedup()).isCloseTo(1 / f, within(1e-6 / f));
        } else {
            assertThat(fit.maxSpeedup()).isNull();
        }
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
