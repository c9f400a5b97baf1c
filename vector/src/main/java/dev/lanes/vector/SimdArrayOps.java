package dev.lanes.vector;

import dev.lanes.core.exec.ArrayOps;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The level-1 array kernels on the Vector API. Each reduction keeps four independent
 * vector accumulators (enough to cover FMA latency), reduces lanes once after the loop,
 * and finishes with a scalar tail; ranges shorter than two vectors run the scalar loop.
 * f32 reductions accumulate in f32 lanes (4 vectors × ≥ 4 lanes = the ≥ 16 chains the
 * kernel's error bound assumes) and return f64. Vectors live only in locals of these
 * methods, so C2 keeps them in registers.
 */
final class SimdArrayOps implements ArrayOps {
    private static final VectorSpecies<Double> D = SimdShape.F64;
    private static final VectorSpecies<Float> F = SimdShape.F32;
    private static final int DL = D.length();
    private static final int FL = F.length();

    SimdArrayOps(VectorShape shape) {
        if (shape != D.vectorShape()) {
            throw new IllegalArgumentException("shape " + shape + " differs from the one fixed at start-up, " + D.vectorShape());
        }
    }

    @Override
    public double sumOfSquares(double[] x, int from, int to) {
        int n = to - from;
        int i = from;
        double sum = 0;
        if (n >= 2 * DL) {
            DoubleVector a0 = DoubleVector.zero(D);
            DoubleVector a1 = DoubleVector.zero(D);
            DoubleVector a2 = DoubleVector.zero(D);
            DoubleVector a3 = DoubleVector.zero(D);
            int unrolled = from + (n / (4 * DL)) * (4 * DL);
            for (; i < unrolled; i += 4 * DL) {
                DoubleVector v0 = DoubleVector.fromArray(D, x, i);
                DoubleVector v1 = DoubleVector.fromArray(D, x, i + DL);
                DoubleVector v2 = DoubleVector.fromArray(D, x, i + 2 * DL);
                DoubleVector v3 = DoubleVector.fromArray(D, x, i + 3 * DL);
                a0 = v0.fma(v0, a0);
                a1 = v1.fma(v1, a1);
                a2 = v2.fma(v2, a2);
                a3 = v3.fma(v3, a3);
            }
            int bound = from + D.loopBound(n);
            for (; i < bound; i += DL) {
                DoubleVector v = DoubleVector.fromArray(D, x, i);
                a0 = v.fma(v, a0);
            }
            sum = a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD);
        }
        for (; i < to; i++) {
            sum = Math.fma(x[i], x[i], sum);
        }
        return sum;
    }

    @Override
    public double sumOfSquares(float[] x, int from, int to) {
        int n = to - from;
        int i = from;
        double sum = 0;
        if (n >= 2 * FL) {
            FloatVector a0 = FloatVector.zero(F);
            FloatVector a1 = FloatVector.zero(F);
            FloatVector a2 = FloatVector.zero(F);
            FloatVector a3 = FloatVector.zero(F);
            int unrolled = from + (n / (4 * FL)) * (4 * FL);
            for (; i < unrolled; i += 4 * FL) {
                FloatVector v0 = FloatVector.fromArray(F, x, i);
                FloatVector v1 = FloatVector.fromArray(F, x, i + FL);
                FloatVector v2 = FloatVector.fromArray(F, x, i + 2 * FL);
                FloatVector v3 = FloatVector.fromArray(F, x, i + 3 * FL);
                a0 = v0.fma(v0, a0);
                a1 = v1.fma(v1, a1);
                a2 = v2.fma(v2, a2);
                a3 = v3.fma(v3, a3);
            }
            int bound = from + F.loopBound(n);
            for (; i < bound; i += FL) {
                FloatVector v = FloatVector.fromArray(F, x, i);
                a0 = v.fma(v, a0);
            }
            sum = a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD);
        }
        for (; i < to; i++) {
            double v = x[i];
            sum += v * v;
        }
        return sum;
    }

    @Override
    public double dot(double[] x, double[] y, int from, int to) {
        int n = to - from;
        int i = from;
        double sum = 0;
        if (n >= 2 * DL) {
            DoubleVector a0 = DoubleVector.zero(D);
            DoubleVector a1 = DoubleVector.zero(D);
            DoubleVector a2 = DoubleVector.zero(D);
            DoubleVector a3 = DoubleVector.zero(D);
            int unrolled = from + (n / (4 * DL)) * (4 * DL);
            for (; i < unrolled; i += 4 * DL) {
                a0 = DoubleVector.fromArray(D, x, i).fma(DoubleVector.fromArray(D, y, i), a0);
                a1 = DoubleVector.fromArray(D, x, i + DL).fma(DoubleVector.fromArray(D, y, i + DL), a1);
                a2 = DoubleVector.fromArray(D, x, i + 2 * DL).fma(DoubleVector.fromArray(D, y, i + 2 * DL), a2);
                a3 = DoubleVector.fromArray(D, x, i + 3 * DL).fma(DoubleVector.fromArray(D, y, i + 3 * DL), a3);
            }
            int bound = from + D.loopBound(n);
            for (; i < bound; i += DL) {
                a0 = DoubleVector.fromArray(D, x, i).fma(DoubleVector.fromArray(D, y, i), a0);
            }
            sum = a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD);
        }
        for (; i < to; i++) {
            sum = Math.fma(x[i], y[i], sum);
        }
        return sum;
    }

    @Override
    public double dot(float[] x, float[] y, int from, int to) {
        int n = to - from;
        int i = from;
        double sum = 0;
        if (n >= 2 * FL) {
            FloatVector a0 = FloatVector.zero(F);
            FloatVector a1 = FloatVector.zero(F);
            FloatVector a2 = FloatVector.zero(F);
            FloatVector a3 = FloatVector.zero(F);
            int unrolled = from + (n / (4 * FL)) * (4 * FL);
            for (; i < unrolled; i += 4 * FL) {
                a0 = FloatVector.fromArray(F, x, i).fma(FloatVector.fromArray(F, y, i), a0);
                a1 = FloatVector.fromArray(F, x, i + FL).fma(FloatVector.fromArray(F, y, i + FL), a1);
                a2 = FloatVector.fromArray(F, x, i + 2 * FL).fma(FloatVector.fromArray(F, y, i + 2 * FL), a2);
                a3 = FloatVector.fromArray(F, x, i + 3 * FL).fma(FloatVector.fromArray(F, y, i + 3 * FL), a3);
            }
            int bound = from + F.loopBound(n);
            for (; i < bound; i += FL) {
                a0 = FloatVector.fromArray(F, x, i).fma(FloatVector.fromArray(F, y, i), a0);
            }
            sum = a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD);
        }
        for (; i < to; i++) {
            sum += (double) x[i] * y[i];
        }
        return sum;
    }

    @Override
    public void axpy(double a, double[] x, double[] y, int from, int to) {
        int i = from;
        int bound = from + D.loopBound(to - from);
        DoubleVector va = DoubleVector.broadcast(D, a);
        for (; i < bound; i += DL) {
            DoubleVector.fromArray(D, x, i).fma(va, DoubleVector.fromArray(D, y, i)).intoArray(y, i);
        }
        for (; i < to; i++) {
            y[i] = Math.fma(a, x[i], y[i]);
        }
    }

    @Override
    public void axpy(float a, float[] x, float[] y, int from, int to) {
        int i = from;
        int bound = from + F.loopBound(to - from);
        FloatVector va = FloatVector.broadcast(F, a);
        for (; i < bound; i += FL) {
            FloatVector.fromArray(F, x, i).fma(va, FloatVector.fromArray(F, y, i)).intoArray(y, i);
        }
        for (; i < to; i++) {
            y[i] = Math.fma(a, x[i], y[i]);
        }
    }
}
