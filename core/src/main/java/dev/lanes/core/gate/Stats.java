package dev.lanes.core.gate;

import java.util.Arrays;

/** The moments the gate needs, over plain arrays. */
final class Stats {
    private Stats() {
    }

    static double mean(double[] values) {
        return Arrays.stream(values).average().orElse(0);
    }

    static double stddev(double[] values) {
        if (values.length < 2) {
            return 0;
        }
        double mean = mean(values);
        return Math.sqrt(Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum() / (values.length - 1));
    }

    static double cv(double[] values) {
        double mean = mean(values);
        return mean == 0 ? 0 : stddev(values) / mean;
    }
}
