package dev.lanes.vector;

import dev.lanes.core.exec.ArrayOps;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The level-1 array kernels on the Vector API. Every loop starts with a scalar head up to
 * a 64-byte boundary ({@link ArrayAlignment}), runs whole vectors, and ends with a scalar
 * tail; ranges shorter than two vectors are all scalar. Vectors live only in locals.
 *
 * <p>Reductions have two loop shapes, chosen by the size of the whole array, measured on
 * the AVX-512 machine in docs/performance.md:
 * <ul>
 *   <li>in cache (arrays up to {@value #STREAMING_MIN_BYTES} bytes): four independent
 *       accumulators, so FMA latency does not bound the loop;</li>
 *   <li>streaming from memory: one accumulator per 16 lanes, a plain loop of one load and
 *       one FMA, which there reached 30 GB/s on one core against 24 GB/s for the unrolled
 *       loop.</li>
 * </ul>
 * f32 reductions accumulate in f32 lanes, at least 16 independent chains (the kernel's
 * error bound assumes it), and return f64.
 */
final class SimdArrayOps implements ArrayOps {
    /** Arrays larger than this are assumed to stream from memory, not to sit in cache. */
    static final long STREAMING_MIN_BYTES = 32L << 20;

    private static final VectorSpecies<Double> D = SimdShape.F64;
    private static final VectorSpecies<Float> F = SimdShape.F32;
    private static final int DL = D.length();
    private static final int FL = F.length();

    /**
     * The streaming loops' strides, read from fields rather than the constants DL and FL:
     * C2 unrolls only counted loops, which need a constant stride, and unrolled, the
     * streaming loop ran at 21–24 GB/s where the plain loop ran at 27–31 (docs/performance.md).
     * Final instance fields of an ordinary class are not constants to C2.
     */
    private final int streamStrideF64 = DL;
    private final int streamStrideF32 = FL;

    SimdArrayOps(VectorShape shape) {
        if (shape != D.vectorShape()) {
            throw new IllegalArgumentException("shape " + shape + " differs from the one fixed at start-up, " + D.vectorShape());
        }
    }

    @Override
    public double sumOfSquares(double[] x, int from, int to) {
        if (to - from < 2 * DL) {
            return scalarSumOfSquares(x, from, to);
        }
        int start = from + ArrayAlignment.peelF64(from);
        double head = scalarSumOfSquares(x, from, start);
        int end = start + D.loopBound(to - start);
        double body = (long) x.length * Double.BYTES > STREAMING_MIN_BYTES
            ? streamingSumOfSquares(x, start, end, streamStrideF64) : cachedSumOfSquares(x, start, end);
        return head + body + scalarSumOfSquares(x, end, to);
    }

    /** [from, to) is a whole number of vectors. */
    private static double cachedSumOfSquares(double[] x, int from, int to) {
        DoubleVector a0 = DoubleVector.zero(D);
        DoubleVector a1 = DoubleVector.zero(D);
        DoubleVector a2 = DoubleVector.zero(D);
        DoubleVector a3 = DoubleVector.zero(D);
        int i = from;
        int unrolled = from + (to - from) / (4 * DL) * (4 * DL);
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
        for (; i < to; i += DL) {
            DoubleVector v = DoubleVector.fromArray(D, x, i);
            a0 = v.fma(v, a0);
        }
        return LaneSum.of(a0.add(a1).add(a2.add(a3)));
    }

    private static double streamingSumOfSquares(double[] x, int from, int to, int stride) {
        DoubleVector a = DoubleVector.zero(D);
        for (int i = from; i < to; i += stride) {
            DoubleVector v = DoubleVector.fromArray(D, x, i);
            a = v.fma(v, a);
        }
        return LaneSum.of(a);
    }

    private static double scalarSumOfSquares(double[] x, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum = Math.fma(x[i], x[i], sum);
        }
        return sum;
    }

    @Override
    public double sumOfSquares(float[] x, int from, int to) {
        if (to - from < 2 * FL) {
            return scalarSumOfSquares(x, from, to);
        }
        int start = from + ArrayAlignment.peelF32(from);
        double head = scalarSumOfSquares(x, from, start);
        int end = start + F.loopBound(to - start);
        double body = FL >= 16 && (long) x.length * Float.BYTES > STREAMING_MIN_BYTES
            ? streamingSumOfSquares(x, start, end, streamStrideF32) : cachedSumOfSquares(x, start, end);
        return head + body + scalarSumOfSquares(x, end, to);
    }

    private static double cachedSumOfSquares(float[] x, int from, int to) {
        FloatVector a0 = FloatVector.zero(F);
        FloatVector a1 = FloatVector.zero(F);
        FloatVector a2 = FloatVector.zero(F);
        FloatVector a3 = FloatVector.zero(F);
        int i = from;
        int unrolled = from + (to - from) / (4 * FL) * (4 * FL);
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
        for (; i < to; i += FL) {
            FloatVector v = FloatVector.fromArray(F, x, i);
            a0 = v.fma(v, a0);
        }
        return LaneSum.of(a0.add(a1).add(a2.add(a3)));
    }

    /** Only with ≥ 16 lanes: one accumulator still gives the 16 chains the error bound needs. */
    private static double streamingSumOfSquares(float[] x, int from, int to, int stride) {
        FloatVector a = FloatVector.zero(F);
        for (int i = from; i < to; i += stride) {
            FloatVector v = FloatVector.fromArray(F, x, i);
            a = v.fma(v, a);
        }
        return LaneSum.of(a);
    }

    private static double scalarSumOfSquares(float[] x, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            double v = x[i];
            sum += v * v;
        }
        return sum;
    }

    @Override
    public double dot(double[] x, double[] y, int from, int to) {
        if (to - from < 2 * DL) {
            return scalarDot(x, y, from, to);
        }
        // x and y have the same alignment residue (same type, same header), so one peel aligns both
        int start = from + ArrayAlignment.peelF64(from);
        double head = scalarDot(x, y, from, start);
        int end = start + D.loopBound(to - start);
        double body = 2L * x.length * Double.BYTES > STREAMING_MIN_BYTES
            ? streamingDot(x, y, start, end, streamStrideF64) : cachedDot(x, y, start, end);
        return head + body + scalarDot(x, y, end, to);
    }

    private static double cachedDot(double[] x, double[] y, int from, int to) {
        DoubleVector a0 = DoubleVector.zero(D);
        DoubleVector a1 = DoubleVector.zero(D);
        DoubleVector a2 = DoubleVector.zero(D);
        DoubleVector a3 = DoubleVector.zero(D);
        int i = from;
        int unrolled = from + (to - from) / (4 * DL) * (4 * DL);
        for (; i < unrolled; i += 4 * DL) {
            a0 = DoubleVector.fromArray(D, x, i).fma(DoubleVector.fromArray(D, y, i), a0);
            a1 = DoubleVector.fromArray(D, x, i + DL).fma(DoubleVector.fromArray(D, y, i + DL), a1);
            a2 = DoubleVector.fromArray(D, x, i + 2 * DL).fma(DoubleVector.fromArray(D, y, i + 2 * DL), a2);
            a3 = DoubleVector.fromArray(D, x, i + 3 * DL).fma(DoubleVector.fromArray(D, y, i + 3 * DL), a3);
        }
        for (; i < to; i += DL) {
            a0 = DoubleVector.fromArray(D, x, i).fma(DoubleVector.fromArray(D, y, i), a0);
        }
        return LaneSum.of(a0.add(a1).add(a2.add(a3)));
    }

    private static double streamingDot(double[] x, double[] y, int from, int to, int stride) {
        DoubleVector a = DoubleVector.zero(D);
        for (int i = from; i < to; i += stride) {
            a = DoubleVector.fromArray(D, x, i).fma(DoubleVector.fromArray(D, y, i), a);
        }
        return LaneSum.of(a);
    }

    private static double scalarDot(double[] x, double[] y, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum = Math.fma(x[i], y[i], sum);
        }
        return sum;
    }

    @Override
    public double dot(float[] x, float[] y, int from, int to) {
        if (to - from < 2 * FL) {
            return scalarDot(x, y, from, to);
        }
        int start = from + ArrayAlignment.peelF32(from);
        double head = scalarDot(x, y, from, start);
        int end = start + F.loopBound(to - start);
        double body = FL >= 16 && 2L * x.length * Float.BYTES > STREAMING_MIN_BYTES
            ? streamingDot(x, y, start, end, streamStrideF32) : cachedDot(x, y, start, end);
        return head + body + scalarDot(x, y, end, to);
    }

    private static double cachedDot(float[] x, float[] y, int from, int to) {
        FloatVector a0 = FloatVector.zero(F);
        FloatVector a1 = FloatVector.zero(F);
        FloatVector a2 = FloatVector.zero(F);
        FloatVector a3 = FloatVector.zero(F);
        int i = from;
        int unrolled = from + (to - from) / (4 * FL) * (4 * FL);
        for (; i < unrolled; i += 4 * FL) {
            a0 = FloatVector.fromArray(F, x, i).fma(FloatVector.fromArray(F, y, i), a0);
            a1 = FloatVector.fromArray(F, x, i + FL).fma(FloatVector.fromArray(F, y, i + FL), a1);
            a2 = FloatVector.fromArray(F, x, i + 2 * FL).fma(FloatVector.fromArray(F, y, i + 2 * FL), a2);
            a3 = FloatVector.fromArray(F, x, i + 3 * FL).fma(FloatVector.fromArray(F, y, i + 3 * FL), a3);
        }
        for (; i < to; i += FL) {
            a0 = FloatVector.fromArray(F, x, i).fma(FloatVector.fromArray(F, y, i), a0);
        }
        return LaneSum.of(a0.add(a1).add(a2.add(a3)));
    }

    private static double streamingDot(float[] x, float[] y, int from, int to, int stride) {
        FloatVector a = FloatVector.zero(F);
        for (int i = from; i < to; i += stride) {
            a = FloatVector.fromArray(F, x, i).fma(FloatVector.fromArray(F, y, i), a);
        }
        return LaneSum.of(a);
    }

    private static double scalarDot(float[] x, float[] y, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) x[i] * y[i];
        }
        return sum;
    }

    @Override
    public void axpy(double a, double[] x, double[] y, int from, int to) {
        int start = Math.min(to, from + ArrayAlignment.peelF64(from));
        for (int i = from; i < start; i++) {
            y[i] = Math.fma(a, x[i], y[i]);
        }
        int end = start + D.loopBound(to - start);
        DoubleVector va = DoubleVector.broadcast(D, a);
        for (int i = start; i < end; i += DL) {
            DoubleVector.fromArray(D, x, i).fma(va, DoubleVector.fromArray(D, y, i)).intoArray(y, i);
        }
        for (int i = end; i < to; i++) {
            y[i] = Math.fma(a, x[i], y[i]);
        }
    }

    @Override
    public void axpy(float a, float[] x, float[] y, int from, int to) {
        int start = Math.min(to, from + ArrayAlignment.peelF32(from));
        for (int i = from; i < start; i++) {
            y[i] = Math.fma(a, x[i], y[i]);
        }
        int end = start + F.loopBound(to - start);
        FloatVector va = FloatVector.broadcast(F, a);
        for (int i = start; i < end; i += FL) {
            FloatVector.fromArray(F, x, i).fma(va, FloatVector.fromArray(F, y, i)).intoArray(y, i);
        }
        for (int i = end; i < to; i++) {
            y[i] = Math.fma(a, x[i], y[i]);
        }
    }

    // The row loops again, in this final class: here the calls to sumOfSquares go to this
    // class only and inline; through the interface's default method (one call site for every
    // implementation) rows in cache ran 6% slower (samples/vmap-rows.yaml, small-rows:
    // 336–341 ns before the default existed, 356–366 ns through it, 326–351 ns with this).
    @Override
    public void rowSumsOfSquares(double[] x, int cols, int colBlock, double[] out, int fromRow, int toRow) {
        for (int r = fromRow; r < toRow; r++) {
            int start = r * cols;
            double sum = 0;
            for (int c = 0; c < cols; c += colBlock) {
                sum += sumOfSquares(x, start + c, start + Math.min(cols, c + colBlock));
            }
            out[r] = sum;
        }
    }

    @Override
    public void rowSumsOfSquares(float[] x, int cols, int colBlock, double[] out, int fromRow, int toRow) {
        for (int r = fromRow; r < toRow; r++) {
            int start = r * cols;
            double sum = 0;
            for (int c = 0; c < cols; c += colBlock) {
                sum += sumOfSquares(x, start + c, start + Math.min(cols, c + colBlock));
            }
            out[r] = sum;
        }
    }
}
