package dev.lanes.vector;

import dev.lanes.core.exec.HistogramOps;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Histograms in two steps per chunk of 2048 values: SIMD computes the bin of every value (the
 * reference's f64 expression, lane by lane; values not counted go to a spare bin), then a
 * scalar loop adds them up. Scatter-increments have no vector form, so the second step
 * spreads each bin over four adjacent counters, taken in turn: runs of equal values (the
 * middle bins of a normal sample) then update different addresses instead of waiting on
 * each other's store. Large histograms (over 4096 bins) count straight into the partial.
 */
final class SimdHistogramOps implements HistogramOps {
    private static final VectorSpecies<Double> D = SimdShape.F64;
    /** Half the shape: as many f32 / i32 lanes as D has f64 lanes. */
    private static final VectorShape HALF = VectorShape.forBitSize(D.vectorBitSize() / 2);
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED.withShape(HALF);
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED.withShape(HALF);
    private static final int CHUNK = 2048;
    private static final int COPIES = 4;
    private static final int MAX_SPREAD_BINS = 4096;

    @Override
    public void count(double[] x, int from, int to, double low, double high, long[] counts) {
        int bins = counts.length;
        double scale = HistogramOps.scale(bins, low, high);
        // locals, not fields of a helper object: C2 keeps vectors in registers only as values
        DoubleVector lowV = DoubleVector.broadcast(D, low);
        DoubleVector highV = DoubleVector.broadcast(D, high);
        DoubleVector scaleV = DoubleVector.broadcast(D, scale);
        int[] index = new int[CHUNK];
        int[] spread = bins <= MAX_SPREAD_BINS ? new int[(bins + 1) * COPIES] : null;
        for (int start = from; start < to; start += CHUNK) {
            int n = Math.min(CHUNK, to - start);
            int i = 0;
            for (; i < D.loopBound(n); i += D.length()) {
                bins(DoubleVector.fromArray(D, x, start + i), lowV, highV, scaleV, bins).intoArray(index, i);
            }
            for (; i < n; i++) {
                int b = HistogramOps.bin(x[start + i], low, high, scale, bins);
                index[i] = b < 0 ? bins : b;
            }
            tally(index, n, spread, counts);
        }
        fold(spread, counts);
    }

    @Override
    public void count(float[] x, int from, int to, double low, double high, long[] counts) {
        int bins = counts.length;
        double scale = HistogramOps.scale(bins, low, high);
        DoubleVector lowV = DoubleVector.broadcast(D, low);
        DoubleVector highV = DoubleVector.broadcast(D, high);
        DoubleVector scaleV = DoubleVector.broadcast(D, scale);
        int[] index = new int[CHUNK];
        int[] spread = bins <= MAX_SPREAD_BINS ? new int[(bins + 1) * COPIES] : null;
        for (int start = from; start < to; start += CHUNK) {
            int n = Math.min(CHUNK, to - start);
            int i = 0;
            for (; i < D.loopBound(n); i += D.length()) {
                DoubleVector v = (DoubleVector) FloatVector.fromArray(F, x, start + i).convertShape(VectorOperators.F2D, D, 0);
                bins(v, lowV, highV, scaleV, bins).intoArray(index, i);
            }
            for (; i < n; i++) {
                int b = HistogramOps.bin(x[start + i], low, high, scale, bins);
                index[i] = b < 0 ? bins : b;
            }
            tally(index, n, spread, counts);
        }
        fold(spread, counts);
    }

    /** The reference expression, lane by lane; values not counted get the spare bin {@code bins}. */
    private static IntVector bins(DoubleVector v, DoubleVector low, DoubleVector high, DoubleVector scale, int bins) {
        VectorMask<Double> counted = v.compare(VectorOperators.GE, low).and(v.compare(VectorOperators.LE, high));
        IntVector b = (IntVector) v.sub(low).mul(scale).convertShape(VectorOperators.D2I, I, 0);
        return b.min(bins - 1).blend(bins, counted.cast(I).not());
    }

    private static void tally(int[] index, int n, int[] spread, long[] counts) {
        if (spread == null) {
            int bins = counts.length;
            for (int i = 0; i < n; i++) {
                int b = index[i];
                if (b < bins) {
                    counts[b]++;
                }
            }
            return;
        }
        int i = 0;
        for (; i + COPIES <= n; i += COPIES) {
            spread[index[i] * COPIES]++;
            spread[index[i + 1] * COPIES + 1]++;
            spread[index[i + 2] * COPIES + 2]++;
            spread[index[i + 3] * COPIES + 3]++;
        }
        for (; i < n; i++) {
            spread[index[i] * COPIES]++;
        }
    }

    private static void fold(int[] spread, long[] counts) {
        if (spread == null) {
            return;
        }
        for (int b = 0; b < counts.length; b++) {
            int at = b * COPIES;
            counts[b] += (long) spread[at] + spread[at + 1] + spread[at + 2] + spread[at + 3];
        }
    }
}
