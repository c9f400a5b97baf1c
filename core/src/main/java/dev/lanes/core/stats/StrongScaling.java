package dev.lanes.core.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A strong-scaling table (fixed problem, growing thread count) and its Amdahl fit. */
public record StrongScaling(List<ScalingRow> rows, AmdahlFit amdahl) {

    public StrongScaling {
        rows = List.copyOf(rows);
    }

    /**
     * Builds the table from the median time at each thread count.
     *
     * @throws IllegalArgumentException when there is no 1-thread time to compare with
     */
    public static StrongScaling of(Map<Integer, Double> medianNanosByThreads) {
        Map<Integer, Double> sorted = new TreeMap<>(medianNanosByThreads);
        Double t1 = sorted.get(1);
        if (t1 == null) {
            throw new IllegalArgumentException("a scaling table needs a 1-thread run");
        }
        List<ScalingRow> rows = new ArrayList<>();
        for (Map.Entry<Integer, Double> e : sorted.entrySet()) {
            int p = e.getKey();
            double speedup = t1 / e.getValue();
            Double karpFlatt = p == 1 ? null : (1 / speedup - 1.0 / p) / (1 - 1.0 / p);
            rows.add(new ScalingRow(p, e.getValue(), speedup, speedup / p, karpFlatt));
        }
        return new StrongScaling(rows, AmdahlFit.of(rows));
    }
}
