package dev.lanes.core.result;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AnalysisTest {
    /** Ten samples around {@code nanos}, spread by ± {@code spread} (a share). */
    private static long[] around(double nanos, double spread) {
        long[] s = new long[10];
        for (int i = 0; i < s.length; i++) {
            s[i] = Math.round(nanos * (1 + spread * ((i * 7L) % 10 - 4.5) / 4.5));
        }
        return s;
    }

    private static PointResult point(String stage, List<PointParam> point, int threads, long elements, long[] samples,
                                     List<Long> busy) {
        return ResultFixtures.point(new PointKey(stage, point, "threads", "simd", threads), "sum-of-squares", false,
            ProblemSize.elements(elements), elements, 2.0 * elements, 8.0 * elements, samples, List.of(), busy);
    }

    private static List<PointResult> sweep(int[] threads, double serial, double spread) {
        List<PointResult> points = new ArrayList<>();
        for (int p : threads) {
            points.add(point("s", List.of(), p, 1000, around(1e6 * (serial + (1 - serial) / p), spread), List.of()));
        }
        return points;
    }

    @Test
    void anAmdahlFitNeedsThreeThreadCountsAndComesWithAnInterval() {
        StrongScalingRow two = Analysis.derive(sweep(new int[] {1, 2}, 0.2, 0.01), List.of(), null)
            .stream().filter(StrongScalingRow.class::isInstance).map(StrongScalingRow.class::cast).findFirst().orElseThrow();
        assertThat(two.amdahl()).isNull();
        assertThat(two.note()).isEqualTo("an Amdahl fit needs at least 3 thread counts; this sweep has 2");
        StrongScalingRow four = strong(sweep(new int[] {1, 2, 4, 8}, 0.2, 0.01));
        assertThat(four.amdahl().serialFraction()).isCloseTo(0.2, within(1e-6));
        assertThat(four.amdahl().serialFractionCi().low()).isLessThanOrEqualTo(0.2);
        assertThat(four.amdahl().serialFractionCi().high()).isGreaterThanOrEqualTo(0.2).isLessThan(0.3);
        assertThat(four.amdahl().maxSpeedup()).isCloseTo(5, within(1e-4));
        assertThat(four.amdahl().maxSpeedupCi().low()).isLessThanOrEqualTo(5);
        assertThat(four.rows()).extracting(StrongScalingRow.Entry::karpFlattNote).containsOnlyNulls();
    }

    private static StrongScalingRow strong(List<PointResult> points) {
        return Analysis.derive(points, List.of(), null).stream().filter(StrongScalingRow.class::isInstance)
            .map(StrongScalingRow.class::cast).findFirst().orElseThrow();
    }

    @Test
    void aKarpFlattValueOutsideZeroToOneIsExplainedAsCacheOrNoise() {
        List<PointResult> superlinear = List.of(point("s", List.of(), 1, 1000, around(3e6, 0.01), List.of()),
            point("s", List.of(), 2, 1000, around(1e6, 0.01), List.of()));
        StrongScalingRow.Entry two = strong(superlinear).rows().get(1);
        assertThat(two.karpFlatt()).isNegative();
        assertThat(two.karpFlattNote()).startsWith("below 0: superlinear speedup");
        List<PointResult> noisy = List.of(point("s", List.of(), 1, 1000, around(2.1e6, 0.5), List.of()),
            point("s", List.of(), 2, 1000, around(1e6, 0.5), List.of()));
        assertThat(strong(noisy).rows().get(1).karpFlattNote()).startsWith("below 0 within noise");
        List<PointResult> slower = List.of(point("s", List.of(), 1, 1000, around(1e6, 0.01), List.of()),
            point("s", List.of(), 2, 1000, around(2e6, 0.01), List.of()));
        assertThat(strong(slower).rows().get(1).karpFlattNote()).startsWith("above 1: slower than one thread");
    }

    @Test
    void sizeGrowthSpeaksOfTheSweptValueAndNeedsThreeSizes() {
        List<PointResult> cubic = new ArrayList<>();
        for (long n : new long[] {256, 512, 1024}) {
            cubic.add(ResultFixtures.point(new PointKey("product", List.of(new PointParam("product.n", n)), "simd", "simd", 1),
                "matmul", false, new ProblemSize("n", List.of(n)), n * n, 2.0 * n * n * n, 24.0 * n * n,
                around(n * n * (double) n, 0.01), List.of(), List.of()));
        }
        SizeGrowthRow fit = Analysis.derive(cubic, List.of(), null).stream().filter(SizeGrowthRow.class::isInstance)
            .map(SizeGrowthRow.class::cast).findFirst().orElseThrow();
        assertThat(fit.param()).isEqualTo("product.n");
        assertThat(fit.exponent()).isCloseTo(3.0, within(1e-6));
        assertThat(fit.exponentCi().low()).isLessThanOrEqualTo(3.0);
        assertThat(fit.exponentCi().high()).isGreaterThanOrEqualTo(3.0);
        assertThat(fit.sizes()).extracting(SizeGrowthRow.Entry::value).containsExactly(256.0, 512.0, 1024.0);
        SizeGrowthRow two = Analysis.derive(cubic.subList(0, 2), List.of(), null).stream()
            .filter(SizeGrowthRow.class::isInstance).map(SizeGrowthRow.class::cast).findFirst().orElseThrow();
        assertThat(two.exponent()).isNull();
        assertThat(two.rSquared()).isNull();
        assertThat(two.note()).isEqualTo("a growth fit needs at least 3 sizes; this sweep has 2");
    }

    @Test
    void aSweptValueThatDoesNotChangeTheWorkGivesNoGrowthRow() {
        List<PointResult> seeds = new ArrayList<>();
        for (long seed : new long[] {1, 2, 3}) {
            seeds.add(point("s", List.of(new PointParam("data.seed", seed)), 1, 1000, around(1e6, 0.01), List.of()));
        }
        assertThat(Analysis.derive(seeds, List.of(), null)).noneMatch(SizeGrowthRow.class::isInstance);
    }

    @Test
    void loadBalanceIsTheBusiestWorkersShareAndTheIdleTime() {
        long[] samples = {1000, 1000};                        // 2000 ns of wall time, two workers
        PointResult skewed = point("s", List.of(), 2, 1000, samples, List.of(1800L, 600L));
        LoadBalanceRow row = Analysis.derive(List.of(skewed), List.of(), null).stream()
            .filter(LoadBalanceRow.class::isInstance).map(LoadBalanceRow.class::cast).findFirst().orElseThrow();
        assertThat(row.imbalance()).isCloseTo(1800 / 1200.0, within(1e-12));
        assertThat(row.idleShare()).isCloseTo(1 - 2400 / 4000.0, within(1e-12));
        PointResult single = point("s", List.of(), 1, 1000, samples, List.of());
        assertThat(Analysis.derive(List.of(single), List.of(), null)).noneMatch(LoadBalanceRow.class::isInstance);
    }

    @Test
    void weakScalingGivesScaledSpeedupEfficiencyAndGustafsonsFraction() {
        double alpha = 0.25;
        List<PointResult> points = new ArrayList<>();
        for (int p : new int[] {1, 2, 4}) {
            double scaled = p - alpha * (p - 1);             // Gustafson: T(1, n) / T(p, p·n) = scaled / p
            points.add(point("s", List.of(new PointParam("data.length", 1000L * p)), p, 1000L * p,
                around(1e6 * p / scaled, 0.001), List.of()));
        }
        WeakScalingRow row = Analysis.derive(points, List.of(new WeakAxis("s", "data.length")), null).stream()
            .filter(WeakScalingRow.class::isInstance).map(WeakScalingRow.class::cast).findFirst().orElseThrow();
        assertThat(row.rows()).extracting(WeakScalingRow.Entry::threads).containsExactly(1, 2, 4);
        assertThat(row.rows().get(2).scaledSpeedup()).isCloseTo(4 - 0.75, within(1e-3));
        assertThat(row.rows().get(2).efficiency()).isCloseTo((4 - 0.75) / 4, within(1e-3));
        assertThat(row.gustafson().serialFraction()).isCloseTo(alpha, within(1e-3));
        assertThat(Analysis.derive(points, List.of(new WeakAxis("s", "data.length")), null))
            .noneMatch(StrongScalingRow.class::isInstance);
    }

    @Test
    void noisyAndGcPointsAreFlagged() {
        PointResult noisy = point("s", List.of(), 1, 1000, around(1e6, 0.5), List.of());
        List<DerivedRow> rows = Analysis.derive(List.of(noisy), List.of(), null);
        assertThat(rows).filteredOn(NoisyRow.class::isInstance).singleElement()
            .satisfies(r -> assertThat(((NoisyRow) r).coefficientOfVariation()).isGreaterThan(Analysis.NOISY_CV));
        PointResult quiet = point("s", List.of(), 1, 1000, around(1e6, 0.01), List.of());
        assertThat(Analysis.derive(List.of(quiet), List.of(), null)).noneMatch(NoisyRow.class::isInstance);
    }
}
