package dev.lanes.vector;

import dev.lanes.core.exec.PeakOps;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** Twelve independent vector FMA chains held in registers: the SIMD FLOP ceiling of one core. */
final class SimdPeakOps implements PeakOps {
    private static final VectorSpecies<Double> D = SimdShape.F64;
    private static final VectorSpecies<Float> F = SimdShape.F32;
    private static final int CHAINS = 12;

    @Override
    public double fmaRoundsF64(long rounds, double[] sink) {
        DoubleVector m = DoubleVector.broadcast(D, 0.999999999);
        DoubleVector c = DoubleVector.broadcast(D, 1e-12);
        DoubleVector a0 = DoubleVector.broadcast(D, 1);
        DoubleVector a1 = DoubleVector.broadcast(D, 2);
        DoubleVector a2 = DoubleVector.broadcast(D, 3);
        DoubleVector a3 = DoubleVector.broadcast(D, 4);
        DoubleVector a4 = DoubleVector.broadcast(D, 5);
        DoubleVector a5 = DoubleVector.broadcast(D, 6);
        DoubleVector a6 = DoubleVector.broadcast(D, 7);
        DoubleVector a7 = DoubleVector.broadcast(D, 8);
        DoubleVector a8 = DoubleVector.broadcast(D, 9);
        DoubleVector a9 = DoubleVector.broadcast(D, 10);
        DoubleVector a10 = DoubleVector.broadcast(D, 11);
        DoubleVector a11 = DoubleVector.broadcast(D, 12);
        for (long r = 0; r < rounds; r++) {
            a0 = a0.fma(m, c);
            a1 = a1.fma(m, c);
            a2 = a2.fma(m, c);
            a3 = a3.fma(m, c);
            a4 = a4.fma(m, c);
            a5 = a5.fma(m, c);
            a6 = a6.fma(m, c);
            a7 = a7.fma(m, c);
            a8 = a8.fma(m, c);
            a9 = a9.fma(m, c);
            a10 = a10.fma(m, c);
            a11 = a11.fma(m, c);
        }
        sink[0] += a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11).reduceLanes(VectorOperators.ADD);
        return 2.0 * CHAINS * D.length() * rounds;
    }

    @Override
    public double fmaRoundsF32(long rounds, double[] sink) {
        FloatVector m = FloatVector.broadcast(F, 0.999999f);
        FloatVector c = FloatVector.broadcast(F, 1e-7f);
        FloatVector a0 = FloatVector.broadcast(F, 1);
        FloatVector a1 = FloatVector.broadcast(F, 2);
        FloatVector a2 = FloatVector.broadcast(F, 3);
        FloatVector a3 = FloatVector.broadcast(F, 4);
        FloatVector a4 = FloatVector.broadcast(F, 5);
        FloatVector a5 = FloatVector.broadcast(F, 6);
        FloatVector a6 = FloatVector.broadcast(F, 7);
        FloatVector a7 = FloatVector.broadcast(F, 8);
        FloatVector a8 = FloatVector.broadcast(F, 9);
        FloatVector a9 = FloatVector.broadcast(F, 10);
        FloatVector a10 = FloatVector.broadcast(F, 11);
        FloatVector a11 = FloatVector.broadcast(F, 12);
        for (long r = 0; r < rounds; r++) {
            a0 = a0.fma(m, c);
            a1 = a1.fma(m, c);
            a2 = a2.fma(m, c);
            a3 = a3.fma(m, c);
            a4 = a4.fma(m, c);
            a5 = a5.fma(m, c);
            a6 = a6.fma(m, c);
            a7 = a7.fma(m, c);
            a8 = a8.fma(m, c);
            a9 = a9.fma(m, c);
            a10 = a10.fma(m, c);
            a11 = a11.fma(m, c);
        }
        sink[0] += a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11).reduceLanes(VectorOperators.ADD);
        return 2.0 * CHAINS * F.length() * rounds;
    }
}
