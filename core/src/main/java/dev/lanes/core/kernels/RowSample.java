package dev.lanes.core.kernels;

import dev.lanes.core.data.CounterRandom;
import dev.lanes.core.kernel.Check;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The reference values of some rows of a matrix result: all rows of a small one, else the
 * first, the last and pseudo-random others. A full scalar reference of a large product
 * would cost more than the run it checks (O(m·n·k) compensated); a wrong block, tile edge
 * or thread range still shows in whole sampled rows.
 */
final class RowSample {
    private final Map<Integer, DenseReference.Row> rows;
    private final int total;

    private RowSample(Map<Integer, DenseReference.Row> rows, int total) {
        this.rows = rows;
        this.total = total;
    }

    static RowSample of(int rowCount, int sampled, long seed, IntFunction<DenseReference.Row> reference) {
        Map<Integer, DenseReference.Row> rows = new LinkedHashMap<>();
        if (rowCount <= sampled) {
            for (int i = 0; i < rowCount; i++) {
                rows.put(i, reference.apply(i));
            }
        } else {
            rows.put(0, reference.apply(0));
            rows.put(rowCount - 1, reference.apply(rowCount - 1));
            for (long counter = 0; rows.size() < sampled; counter++) {
                int i = (int) Math.floorMod(CounterRandom.bits(seed ^ 0x5A3B1E, counter), (long) rowCount);
                rows.computeIfAbsent(i, reference::apply);
            }
        }
        return new RowSample(rows, rowCount);
    }

    /** The worst entry of the sampled rows, as a fraction of its error bound (passes at ≤ 1). */
    Check check(Matrix actual, String name) {
        double worst = 0;
        for (Map.Entry<Integer, DenseReference.Row> e : rows.entrySet()) {
            worst = Math.max(worst, DenseReference.worstRatio(e.getValue(), actual.row(e.getKey())));
        }
        String which = rows.size() == total ? "every row" : rows.size() + " of " + total + " rows";
        return Check.of(which + " of " + name + " vs compensated f64 reference, max |error| / (γ(k+1)·Σ|a·b|)", worst, 1.0);
    }
}
