package dev.lanes.core.plan;

import java.util.Arrays;

/**
 * Splits a thread budget between stages that run at the same time: in proportion to each
 * stage's expected single-thread time, so the longest stage gets the most threads and the
 * set finishes together; every stage gets at least one thread and no more than it can use.
 * A stage with no expectation ({@code NaN}: a kernel the cost model does not describe)
 * weighs as the mean of the others. With fewer threads than stages every stage gets one
 * (they then take turns on the cores).
 */
public final class ThreadShares {
    private ThreadShares() {
    }

    /**
     * @param weights each stage's expected time (any unit), or {@code NaN}
     * @param caps    the most threads each stage can use (1 for a single-thread backend)
     * @return each stage's threads: at least 1, at most its cap, summing to at most
     *         {@code max(budget, stages)}
     */
    public static int[] split(int budget, double[] weights, int[] caps) {
        int n = weights.length;
        int[] shares = new int[n];
        Arrays.fill(shares, 1);
        if (n == 0 || budget <= n) {
            return shares;
        }
        double known = Arrays.stream(weights).filter(w -> !Double.isNaN(w) && w > 0).average().orElse(1);
        double[] w = Arrays.stream(weights).map(x -> Double.isNaN(x) || x <= 0 ? known : x).toArray();
        int left = budget - n;
        // hand out the threads above one each, one at a time, to the stage furthest below its proportional share
        double total = Arrays.stream(w).sum();
        while (left > 0) {
            int best = -1;
            double deficit = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                if (shares[i] >= caps[i]) {
                    continue;
                }
                double d = budget * w[i] / total - shares[i];
                if (d > deficit) {
                    deficit = d;
                    best = i;
                }
            }
            if (best < 0) {
                break;                                    // every stage has all it can use
            }
            shares[best]++;
            left--;
        }
        return shares;
    }
}
