package dev.lanes.vector;

import dev.lanes.core.exec.StencilOps;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Stencils with SIMD across columns. For each output row, the {@code size} input rows it
 * reads are fixed (clamped at the top and bottom); the interior columns, whose neighbourhood
 * lies inside the row, take one unaligned load per tap and one FMA, in the reference's tap
 * order, so the bits match {@link StencilOps#pixel}; the {@code r} columns at each edge and
 * the tail shorter than a vector go through the reference. 3×3 and 5×5 have their own loops
 * with the taps written out, so C2 keeps the weights in registers.
 */
final class SimdStencilOps implements StencilOps {
    private static final VectorSpecies<Float> S = SimdShape.F32;
    private static final int L = S.length();

    @Override
    public void convolve(float[] image, int height, int width, float[] weights, int size, float[] out, int fromRow, int toRow) {
        int r = size / 2;
        for (int y = fromRow; y < toRow; y++) {
            int interiorEnd = switch (size) {
                case 3 -> row3(image, height, width, weights, out, y);
                case 5 -> row5(image, height, width, weights, out, y);
                default -> r;
            };
            int rowStart = y * width;
            for (int x = 0; x < Math.min(r, width); x++) {
                out[rowStart + x] = StencilOps.pixel(image, height, width, weights, size, y, x);
            }
            for (int x = Math.max(interiorEnd, Math.min(r, width)); x < width; x++) {
                out[rowStart + x] = StencilOps.pixel(image, height, width, weights, size, y, x);
            }
        }
    }

    /** Interior columns of row y for 3×3; returns the first column it did not write. */
    private static int row3(float[] in, int height, int width, float[] w, float[] out, int y) {
        int a = Math.clamp(y - 1, 0, height - 1) * width - 1;
        int b = y * width - 1;
        int c = Math.min(y + 1, height - 1) * width - 1;
        FloatVector w0 = FloatVector.broadcast(S, w[0]), w1 = FloatVector.broadcast(S, w[1]), w2 = FloatVector.broadcast(S, w[2]);
        FloatVector w3 = FloatVector.broadcast(S, w[3]), w4 = FloatVector.broadcast(S, w[4]), w5 = FloatVector.broadcast(S, w[5]);
        FloatVector w6 = FloatVector.broadcast(S, w[6]), w7 = FloatVector.broadcast(S, w[7]), w8 = FloatVector.broadcast(S, w[8]);
        int o = y * width;
        int x = 1;
        for (; x + L + 1 <= width; x += L) {
            FloatVector acc = FloatVector.zero(S);
            acc = FloatVector.fromArray(S, in, a + x).fma(w0, acc);
            acc = FloatVector.fromArray(S, in, a + x + 1).fma(w1, acc);
            acc = FloatVector.fromArray(S, in, a + x + 2).fma(w2, acc);
            acc = FloatVector.fromArray(S, in, b + x).fma(w3, acc);
            acc = FloatVector.fromArray(S, in, b + x + 1).fma(w4, acc);
            acc = FloatVector.fromArray(S, in, b + x + 2).fma(w5, acc);
            acc = FloatVector.fromArray(S, in, c + x).fma(w6, acc);
            acc = FloatVector.fromArray(S, in, c + x + 1).fma(w7, acc);
            acc = FloatVector.fromArray(S, in, c + x + 2).fma(w8, acc);
            acc.intoArray(out, o + x);
        }
        return x;
    }

    /** Interior columns of row y for 5×5; returns the first column it did not write. */
    private static int row5(float[] in, int height, int width, float[] w, float[] out, int y) {
        int r0 = Math.clamp(y + -2, 0, height - 1) * width - 2;
        int r1 = Math.clamp(y + -1, 0, height - 1) * width - 2;
        int r2 = Math.clamp(y + 0, 0, height - 1) * width - 2;
        int r3 = Math.clamp(y + 1, 0, height - 1) * width - 2;
        int r4 = Math.clamp(y + 2, 0, height - 1) * width - 2;
        FloatVector w0 = FloatVector.broadcast(S, w[0]), w1 = FloatVector.broadcast(S, w[1]), w2 = FloatVector.broadcast(S, w[2]), w3 = FloatVector.broadcast(S, w[3]), w4 = FloatVector.broadcast(S, w[4]);
        FloatVector w5 = FloatVector.broadcast(S, w[5]), w6 = FloatVector.broadcast(S, w[6]), w7 = FloatVector.broadcast(S, w[7]), w8 = FloatVector.broadcast(S, w[8]), w9 = FloatVector.broadcast(S, w[9]);
        FloatVector w10 = FloatVector.broadcast(S, w[10]), w11 = FloatVector.broadcast(S, w[11]), w12 = FloatVector.broadcast(S, w[12]), w13 = FloatVector.broadcast(S, w[13]), w14 = FloatVector.broadcast(S, w[14]);
        FloatVector w15 = FloatVector.broadcast(S, w[15]), w16 = FloatVector.broadcast(S, w[16]), w17 = FloatVector.broadcast(S, w[17]), w18 = FloatVector.broadcast(S, w[18]), w19 = FloatVector.broadcast(S, w[19]);
        FloatVector w20 = FloatVector.broadcast(S, w[20]), w21 = FloatVector.broadcast(S, w[21]), w22 = FloatVector.broadcast(S, w[22]), w23 = FloatVector.broadcast(S, w[23]), w24 = FloatVector.broadcast(S, w[24]);
        int o = y * width;
        int x = 2;
        for (; x + L + 2 <= width; x += L) {
            FloatVector acc = FloatVector.zero(S);
            acc = FloatVector.fromArray(S, in, r0 + x).fma(w0, acc);
            acc = FloatVector.fromArray(S, in, r0 + x + 1).fma(w1, acc);
            acc = FloatVector.fromArray(S, in, r0 + x + 2).fma(w2, acc);
            acc = FloatVector.fromArray(S, in, r0 + x + 3).fma(w3, acc);
            acc = FloatVector.fromArray(S, in, r0 + x + 4).fma(w4, acc);
            acc = FloatVector.fromArray(S, in, r1 + x).fma(w5, acc);
            acc = FloatVector.fromArray(S, in, r1 + x + 1).fma(w6, acc);
            acc = FloatVector.fromArray(S, in, r1 + x + 2).fma(w7, acc);
            acc = FloatVector.fromArray(S, in, r1 + x + 3).fma(w8, acc);
            acc = FloatVector.fromArray(S, in, r1 + x + 4).fma(w9, acc);
            acc = FloatVector.fromArray(S, in, r2 + x).fma(w10, acc);
            acc = FloatVector.fromArray(S, in, r2 + x + 1).fma(w11, acc);
            acc = FloatVector.fromArray(S, in, r2 + x + 2).fma(w12, acc);
            acc = FloatVector.fromArray(S, in, r2 + x + 3).fma(w13, acc);
            acc = FloatVector.fromArray(S, in, r2 + x + 4).fma(w14, acc);
            acc = FloatVector.fromArray(S, in, r3 + x).fma(w15, acc);
            acc = FloatVector.fromArray(S, in, r3 + x + 1).fma(w16, acc);
            acc = FloatVector.fromArray(S, in, r3 + x + 2).fma(w17, acc);
            acc = FloatVector.fromArray(S, in, r3 + x + 3).fma(w18, acc);
            acc = FloatVector.fromArray(S, in, r3 + x + 4).fma(w19, acc);
            acc = FloatVector.fromArray(S, in, r4 + x).fma(w20, acc);
            acc = FloatVector.fromArray(S, in, r4 + x + 1).fma(w21, acc);
            acc = FloatVector.fromArray(S, in, r4 + x + 2).fma(w22, acc);
            acc = FloatVector.fromArray(S, in, r4 + x + 3).fma(w23, acc);
            acc = FloatVector.fromArray(S, in, r4 + x + 4).fma(w24, acc);
            acc.intoArray(out, o + x);
        }
        return x;
    }
}
