package dev.lanes.vector;

import dev.lanes.core.exec.ScanOps;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Running sums a vector at a time: inside a vector, log2(lanes) steps of "add the vector
 * shifted right by 1, 2, 4, … lanes" (Hillis–Steele) give its inclusive scan; adding the
 * carry (the previous vector's last running sum, broadcast) makes it the block's running sum,
 * and the block's offset is added on the way out, once per element. The chain from
 * one vector to the next is one add and one permute, not one add per element. Block totals
 * use four independent accumulators. The association differs from the left-to-right
 * reference, so results agree within the kernel's stated bound, not bit for bit.
 */
final class SimdScanOps implements ScanOps {
    private static final VectorSpecies<Double> D = SimdShape.F64;
    private static final VectorSpecies<Float> F = SimdShape.F32;
    private static final int DL = D.length();
    private static final int FL = F.length();
    // Static finals, one per step (not records or arrays): C2 folds constants only from these.
    private static final VectorShuffle<Double> D_SH1 = shiftRight(D, 1);
    private static final VectorShuffle<Double> D_SH2 = shiftRight(D, 2);
    private static final VectorShuffle<Double> D_SH4 = shiftRight(D, 4);
    private static final VectorMask<Double> D_KEEP1 = keep(D, 1);
    private static final VectorMask<Double> D_KEEP2 = keep(D, 2);
    private static final VectorMask<Double> D_KEEP4 = keep(D, 4);
    private static final VectorShuffle<Double> D_LAST = VectorShuffle.fromOp(D, j -> DL - 1);
    private static final VectorShuffle<Float> F_SH1 = shiftRight(F, 1);
    private static final VectorShuffle<Float> F_SH2 = shiftRight(F, 2);
    private static final VectorShuffle<Float> F_SH4 = shiftRight(F, 4);
    private static final VectorShuffle<Float> F_SH8 = shiftRight(F, 8);
    private static final VectorMask<Float> F_KEEP1 = keep(F, 1);
    private static final VectorMask<Float> F_KEEP2 = keep(F, 2);
    private static final VectorMask<Float> F_KEEP4 = keep(F, 4);
    private static final VectorMask<Float> F_KEEP8 = keep(F, 8);
    private static final VectorShuffle<Float> F_LAST = VectorShuffle.fromOp(F, j -> FL - 1);

    /** Lane j takes lane j − k (lanes below k are cleared by {@link #keep}). */
    private static <E> VectorShuffle<E> shiftRight(VectorSpecies<E> species, int k) {
        return VectorShuffle.fromOp(species, j -> Math.max(j - k, 0));
    }

    /** The lanes at or above k. */
    private static <E> VectorMask<E> keep(VectorSpecies<E> species, int k) {
        return VectorMask.fromLong(species, k >= species.length() ? 0 : -1L << k);
    }

    @Override
    public double sum(double[] x, int from, int to) {
        DoubleVector a0 = DoubleVector.zero(D), a1 = a0, a2 = a0, a3 = a0;
        int i = from;
        for (; i + 4 * DL <= to; i += 4 * DL) {
            a0 = a0.add(DoubleVector.fromArray(D, x, i));
            a1 = a1.add(DoubleVector.fromArray(D, x, i + DL));
            a2 = a2.add(DoubleVector.fromArray(D, x, i + 2 * DL));
            a3 = a3.add(DoubleVector.fromArray(D, x, i + 3 * DL));
        }
        double s = LaneSum.of(a0.add(a1).add(a2.add(a3)));
        for (; i < to; i++) {
            s += x[i];
        }
        return s;
    }

    @Override
    public double sum(float[] x, int from, int to) {
        FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0;
        int i = from;
        for (; i + 4 * FL <= to; i += 4 * FL) {
            a0 = a0.add(FloatVector.fromArray(F, x, i));
            a1 = a1.add(FloatVector.fromArray(F, x, i + FL));
            a2 = a2.add(FloatVector.fromArray(F, x, i + 2 * FL));
            a3 = a3.add(FloatVector.fromArray(F, x, i + 3 * FL));
        }
        // the lanes added in order, in double (LaneSum)
        FloatVector a = a0.add(a1).add(a2.add(a3));
        double s = LaneSum.of(a);
        for (; i < to; i++) {
            s += x[i];
        }
        return s;
    }

    @Override
    public void scan(double[] x, int from, int to, double offset, double[] out) {
        DoubleVector zero = DoubleVector.zero(D);
        DoubleVector base = DoubleVector.broadcast(D, offset);
        DoubleVector carry = zero;
        int i = from;
        for (; i + DL <= to; i += DL) {
            DoubleVector v = DoubleVector.fromArray(D, x, i);
            v = v.add(zero.blend(v.rearrange(D_SH1), D_KEEP1));
            if (DL > 2) {
                v = v.add(zero.blend(v.rearrange(D_SH2), D_KEEP2));
            }
            if (DL > 4) {
                v = v.add(zero.blend(v.rearrange(D_SH4), D_KEEP4));
            }
            v = v.add(carry);
            v.add(base).intoArray(out, i);
            carry = v.rearrange(D_LAST);
        }
        double s = i > from ? carry.lane(0) : 0;
        for (; i < to; i++) {
            s += x[i];
            out[i] = offset + s;
        }
    }

    @Override
    public void scan(float[] x, int from, int to, float offset, float[] out) {
        FloatVector zero = FloatVector.zero(F);
        FloatVector base = FloatVector.broadcast(F, offset);
        FloatVector carry = zero;
        int i = from;
        for (; i + FL <= to; i += FL) {
            FloatVector v = FloatVector.fromArray(F, x, i);
            v = v.add(zero.blend(v.rearrange(F_SH1), F_KEEP1));
            v = v.add(zero.blend(v.rearrange(F_SH2), F_KEEP2));
            if (FL > 4) {
                v = v.add(zero.blend(v.rearrange(F_SH4), F_KEEP4));
            }
            if (FL > 8) {
                v = v.add(zero.blend(v.rearrange(F_SH8), F_KEEP8));
            }
            v = v.add(carry);
            v.add(base).intoArray(out, i);
            carry = v.rearrange(F_LAST);
        }
        float s = i > from ? carry.lane(0) : 0;
        for (; i < to; i++) {
            s += x[i];
            out[i] = offset + s;
        }
    }
}
