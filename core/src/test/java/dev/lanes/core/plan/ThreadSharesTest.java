package dev.lanes.core.plan;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ThreadSharesTest {

    @Property
    void everyStageGetsAThreadNoneMoreThanItCanUseAndTheBudgetHolds(
        @ForAll @IntRange(min = 1, max = 64) int budget,
        @ForAll @Size(min = 1, max = 8) List<@DoubleRange(min = 0.01, max = 1000) Double> weights,
        @ForAll @Size(min = 8, max = 8) List<@IntRange(min = 1, max = 64) Integer> caps) {
        int n = weights.size();
        int[] capArray = caps.subList(0, n).stream().mapToInt(Integer::intValue).toArray();
        int[] shares = ThreadShares.split(budget, weights.stream().mapToDouble(Double::doubleValue).toArray(), capArray);
        assertThat(Arrays.stream(shares).sum()).isLessThanOrEqualTo(Math.max(budget, n));
        for (int i = 0; i < n; i++) {
            assertThat(shares[i]).isBetween(1, Math.max(1, capArray[i]));
        }
        // nothing is left over while some stage could still use a thread
        boolean someCanGrow = java.util.stream.IntStream.range(0, n).anyMatch(i -> shares[i] < capArray[i]);
        if (someCanGrow && budget > n) {
            assertThat(Arrays.stream(shares).sum()).isEqualTo(budget);
        }
    }

    @Property
    void aHeavierStageNeverGetsFewerThreadsWithoutCaps(
        @ForAll @IntRange(min = 1, max = 64) int budget,
        @ForAll @Size(min = 2, max = 8) List<@DoubleRange(min = 0.01, max = 1000) Double> weights) {
        double[] w = weights.stream().mapToDouble(Double::doubleValue).toArray();
        int[] caps = new int[w.length];
        Arrays.fill(caps, budget);
        int[] shares = ThreadShares.split(budget, w, caps);
        for (int i = 0; i < w.length; i++) {
            for (int j = 0; j < w.length; j++) {
                if (w[i] > w[j]) {
                    assertThat(shares[i]).as("weights %s shares %s", Arrays.toString(w), Arrays.toString(shares))
                        .isGreaterThanOrEqualTo(shares[j]);
                }
            }
        }
    }

    @Test
    void sharesFollowTheExpectedTimesAndUnknownOnesWeighAsTheMean() {
        assertThat(ThreadShares.split(8, new double[] {3, 1}, new int[] {8, 8})).containsExactly(6, 2);
        assertThat(ThreadShares.split(8, new double[] {Double.NaN, 5, 5}, new int[] {8, 8, 8})).containsExactly(3, 3, 2);
        // a single-thread stage keeps one; the rest goes to the others
        assertThat(ThreadShares.split(8, new double[] {100, 1}, new int[] {1, 8})).containsExactly(1, 7);
        // fewer threads than stages: one each, and they take turns
        assertThat(ThreadShares.split(2, new double[] {1, 1, 1}, new int[] {4, 4, 4})).containsExactly(1, 1, 1);
    }
}
