package dev.lanes.vector;

import dev.lanes.core.data.CounterRandom;
import dev.lanes.core.exec.RandomOps;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link CounterRandom}'s generator a vector of samples at a time: the SplitMix64 finalizer
 * in 64-bit lanes (multiplies are {@code vpmullq} on AVX-512DQ), the top 53 bits converted to
 * f64 exactly, and x·x + y·y compared with 1 — the same operations and roundings as the
 * scalar code, so the counts are equal, not just close.
 */
final class SimdRandomOps implements RandomOps {
    private static final VectorSpecies<Long> L = LongVector.SPECIES_PREFERRED.withShape(SimdShape.SHAPE);
    private static final VectorSpecies<Double> D = SimdShape.F64;
    private static final long GAMMA = 0x9E3779B97F4A7C15L;
    private static final LongVector IOTA = LongVector.zero(L).addIndex(1);

    @Override
    public long insideUnitCircle(long seed, long from, long to) {
        long inside = 0;
        long i = from;
        long seedMix = seed * GAMMA;
        int lanes = L.length();
        for (; i + lanes <= to; i += lanes) {
            LongVector index = IOTA.add(i);
            LongVector counterX = index.lanewise(VectorOperators.LSHL, 1);
            DoubleVector x = uniform(seedMix, counterX);
            DoubleVector y = uniform(seedMix, counterX.add(1));
            VectorMask<Double> hit = x.mul(x).add(y.mul(y)).compare(VectorOperators.LT, 1.0);
            inside += hit.trueCount();
        }
        for (; i < to; i++) {
            double x = CounterRandom.uniform(seed, 2 * i);
            double y = CounterRandom.uniform(seed, 2 * i + 1);
            if (x * x + y * y < 1.0) {
                inside++;
            }
        }
        return inside;
    }

    /** CounterRandom.uniform for a vector of counters; the seed's share of the sum precomputed. */
    private static DoubleVector uniform(long seedMix, LongVector counter) {
        LongVector z = counter.add(1).mul(GAMMA).add(seedMix);
        z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 30)).mul(0xBF58476D1CE4E5B9L);
        z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 27)).mul(0x94D049BB133111EBL);
        z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 31));
        return ((DoubleVector) z.lanewise(VectorOperators.LSHR, 11).convertShape(VectorOperators.L2D, D, 0)).mul(0x1.0p-53);
    }
}
