package dev.lanes.vector;

import dev.lanes.core.exec.GemmLayout;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Packing a layer's Wᵀ for the backward pass's dZ·Wᵀ (B = Tᵀ, T row-major) with the
 * transposes done in registers: 16 × 16 f32 or 8 × 8 f64 tiles of T, each read as rows and
 * turned in log₂ 16 (or 8) stages of two-vector permutes ({@code selectFrom}, one vpermt2ps
 * each on AVX-512), which swap ever smaller off-diagonal blocks. Element by element, as
 * {@link GemmLayout} packs, each transposed element cost about 1 ns (the writes stride by a
 * strip row); the tiles take a quarter of that (docs/performance.md). Only with 512-bit
 * vectors, where a tile row is one vector; {@link SimdGemmOps} packs element by element
 * otherwise.
 */
final class RegisterTranspose {
    static final VectorSpecies<Float> S16 = FloatVector.SPECIES_512;
    static final VectorSpecies<Double> S8 = DoubleVector.SPECIES_512;
    /** Lane indices of stage s: LO keeps a row's lanes outside the swapped block, HI the other row's; ≥ L reads the second vector. */
    private static final FloatVector[] LO16 = new FloatVector[4];
    private static final FloatVector[] HI16 = new FloatVector[4];
    private static final DoubleVector[] LO8 = new DoubleVector[3];
    private static final DoubleVector[] HI8 = new DoubleVector[3];

    static {
        for (int s = 0, d = 8; d >= 1; s++, d /= 2) {
            float[] lo = new float[16];
            float[] hi = new float[16];
            for (int j = 0; j < 16; j++) {
                lo[j] = (j & d) == 0 ? j : 16 + j - d;
                hi[j] = (j & d) == 0 ? j + d : 16 + j;
            }
            LO16[s] = FloatVector.fromArray(S16, lo, 0);
            HI16[s] = FloatVector.fromArray(S16, hi, 0);
        }
        for (int s = 0, d = 4; d >= 1; s++, d /= 2) {
            double[] lo = new double[8];
            double[] hi = new double[8];
            for (int j = 0; j < 8; j++) {
                lo[j] = (j & d) == 0 ? j : 8 + j - d;
                hi[j] = (j & d) == 0 ? j + d : 8 + j;
            }
            LO8[s] = DoubleVector.fromArray(S8, lo, 0);
            HI8[s] = DoubleVector.fromArray(S8, hi, 0);
        }
    }

    private RegisterTranspose() {
    }

    /** True where the tiles' vectors are the machine's (512-bit) ones. */
    static boolean usable() {
        return SimdShape.SHAPE.vectorBitSize() >= 512;
    }

    /** As {@link GemmLayout#packTransposed(float[], int, int, int, int, int, float[])}, whole 16 × 16 tiles in registers. */
    static void packTransposed(GemmLayout layout, float[] src, int offset, int k, int n, int p0, int p1, float[] packed) {
        int nr = layout.nr();
        for (int pc = p0 - p0 % GemmLayout.KC; pc < p1; pc += GemmLayout.KC) {
            int first = Math.max(p0, pc);
            int rows = Math.min(p1, Math.min(k, pc + GemmLayout.KC)) - first;
            int fullRows = rows / 16 * 16;
            for (int strip = 0, j0 = 0; j0 < n; strip++, j0 += nr) {
                int width = Math.min(nr, n - j0);
                int fullCols = nr % 16 == 0 ? width / 16 * 16 : 0;
                int to = layout.stripOffset(k, n, pc, strip) + (first - pc) * nr;
                int from = offset + j0 * k + first;
                for (int jb = 0; jb < fullCols; jb += 16) {
                    for (int p = 0; p < fullRows; p += 16) {
                        tile(src, from + jb * k + p, k, packed, to + p * nr + jb, nr);
                    }
                }
                // the ragged edges one element at a time: the columns right of the tiles, then the rows below them
                for (int p = 0; p < rows; p++) {
                    for (int j = p < fullRows ? fullCols : 0; j < nr; j++) {
                        packed[to + p * nr + j] = j < width ? src[from + j * k + p] : 0f;
                    }
                }
            }
        }
    }

    /** As {@link GemmLayout#packTransposed(double[], int, int, int, int, int, double[])}, whole 8 × 8 tiles in registers. */
    static void packTransposed(GemmLayout layout, double[] src, int offset, int k, int n, int p0, int p1, double[] packed) {
        int nr = layout.nr();
        for (int pc = p0 - p0 % GemmLayout.KC; pc < p1; pc += GemmLayout.KC) {
            int first = Math.max(p0, pc);
            int rows = Math.min(p1, Math.min(k, pc + GemmLayout.KC)) - first;
            int fullRows = rows / 8 * 8;
            for (int strip = 0, j0 = 0; j0 < n; strip++, j0 += nr) {
                int width = Math.min(nr, n - j0);
                int fullCols = nr % 8 == 0 ? width / 8 * 8 : 0;
                int to = layout.stripOffset(k, n, pc, strip) + (first - pc) * nr;
                int from = offset + j0 * k + first;
                for (int jb = 0; jb < fullCols; jb += 8) {
                    for (int p = 0; p < fullRows; p += 8) {
                        tile(src, from + jb * k + p, k, packed, to + p * nr + jb, nr);
                    }
                }
                // the ragged edges one element at a time: the columns right of the tiles, then the rows below them
                for (int p = 0; p < rows; p++) {
                    for (int j = p < fullRows ? fullCols : 0; j < nr; j++) {
                        packed[to + p * nr + j] = j < width ? src[from + j * k + p] : 0.0;
                    }
                }
            }
        }
    }

    /** One 16 × 16 tile: 16 runs of T's rows in, 16 rows of the strip out; locals, so C2 keeps them in registers. */
    private static void tile(float[] src, int from, int k, float[] packed, int to, int nr) {
        FloatVector r0 = FloatVector.fromArray(S16, src, from + 0 * k);
        FloatVector r1 = FloatVector.fromArray(S16, src, from + 1 * k);
        FloatVector r2 = FloatVector.fromArray(S16, src, from + 2 * k);
        FloatVector r3 = FloatVector.fromArray(S16, src, from + 3 * k);
        FloatVector r4 = FloatVector.fromArray(S16, src, from + 4 * k);
        FloatVector r5 = FloatVector.fromArray(S16, src, from + 5 * k);
        FloatVector r6 = FloatVector.fromArray(S16, src, from + 6 * k);
        FloatVector r7 = FloatVector.fromArray(S16, src, from + 7 * k);
        FloatVector r8 = FloatVector.fromArray(S16, src, from + 8 * k);
        FloatVector r9 = FloatVector.fromArray(S16, src, from + 9 * k);
        FloatVector r10 = FloatVector.fromArray(S16, src, from + 10 * k);
        FloatVector r11 = FloatVector.fromArray(S16, src, from + 11 * k);
        FloatVector r12 = FloatVector.fromArray(S16, src, from + 12 * k);
        FloatVector r13 = FloatVector.fromArray(S16, src, from + 13 * k);
        FloatVector r14 = FloatVector.fromArray(S16, src, from + 14 * k);
        FloatVector r15 = FloatVector.fromArray(S16, src, from + 15 * k);
        FloatVector a;
        // stage 1: swap the off-diagonal 8 × 8 blocks of each 16 × 16 block
        a = r0; r0 = LO16[0].selectFrom(a, r8); r8 = HI16[0].selectFrom(a, r8);
        a = r1; r1 = LO16[0].selectFrom(a, r9); r9 = HI16[0].selectFrom(a, r9);
        a = r2; r2 = LO16[0].selectFrom(a, r10); r10 = HI16[0].selectFrom(a, r10);
        a = r3; r3 = LO16[0].selectFrom(a, r11); r11 = HI16[0].selectFrom(a, r11);
        a = r4; r4 = LO16[0].selectFrom(a, r12); r12 = HI16[0].selectFrom(a, r12);
        a = r5; r5 = LO16[0].selectFrom(a, r13); r13 = HI16[0].selectFrom(a, r13);
        a = r6; r6 = LO16[0].selectFrom(a, r14); r14 = HI16[0].selectFrom(a, r14);
        a = r7; r7 = LO16[0].selectFrom(a, r15); r15 = HI16[0].selectFrom(a, r15);
        // stage 2: swap the off-diagonal 4 × 4 blocks of each 8 × 8 block
        a = r0; r0 = LO16[1].selectFrom(a, r4); r4 = HI16[1].selectFrom(a, r4);
        a = r1; r1 = LO16[1].selectFrom(a, r5); r5 = HI16[1].selectFrom(a, r5);
        a = r2; r2 = LO16[1].selectFrom(a, r6); r6 = HI16[1].selectFrom(a, r6);
        a = r3; r3 = LO16[1].selectFrom(a, r7); r7 = HI16[1].selectFrom(a, r7);
        a = r8; r8 = LO16[1].selectFrom(a, r12); r12 = HI16[1].selectFrom(a, r12);
        a = r9; r9 = LO16[1].selectFrom(a, r13); r13 = HI16[1].selectFrom(a, r13);
        a = r10; r10 = LO16[1].selectFrom(a, r14); r14 = HI16[1].selectFrom(a, r14);
        a = r11; r11 = LO16[1].selectFrom(a, r15); r15 = HI16[1].selectFrom(a, r15);
        // stage 3: swap the off-diagonal 2 × 2 blocks of each 4 × 4 block
        a = r0; r0 = LO16[2].selectFrom(a, r2); r2 = HI16[2].selectFrom(a, r2);
        a = r1; r1 = LO16[2].selectFrom(a, r3); r3 = HI16[2].selectFrom(a, r3);
        a = r4; r4 = LO16[2].selectFrom(a, r6); r6 = HI16[2].selectFrom(a, r6);
        a = r5; r5 = LO16[2].selectFrom(a, r7); r7 = HI16[2].selectFrom(a, r7);
        a = r8; r8 = LO16[2].selectFrom(a, r10); r10 = HI16[2].selectFrom(a, r10);
        a = r9; r9 = LO16[2].selectFrom(a, r11); r11 = HI16[2].selectFrom(a, r11);
        a = r12; r12 = LO16[2].selectFrom(a, r14); r14 = HI16[2].selectFrom(a, r14);
        a = r13; r13 = LO16[2].selectFrom(a, r15); r15 = HI16[2].selectFrom(a, r15);
        // stage 4: swap the off-diagonal 1 × 1 blocks of each 2 × 2 block
        a = r0; r0 = LO16[3].selectFrom(a, r1); r1 = HI16[3].selectFrom(a, r1);
        a = r2; r2 = LO16[3].selectFrom(a, r3); r3 = HI16[3].selectFrom(a, r3);
        a = r4; r4 = LO16[3].selectFrom(a, r5); r5 = HI16[3].selectFrom(a, r5);
        a = r6; r6 = LO16[3].selectFrom(a, r7); r7 = HI16[3].selectFrom(a, r7);
        a = r8; r8 = LO16[3].selectFrom(a, r9); r9 = HI16[3].selectFrom(a, r9);
        a = r10; r10 = LO16[3].selectFrom(a, r11); r11 = HI16[3].selectFrom(a, r11);
        a = r12; r12 = LO16[3].selectFrom(a, r13); r13 = HI16[3].selectFrom(a, r13);
        a = r14; r14 = LO16[3].selectFrom(a, r15); r15 = HI16[3].selectFrom(a, r15);
        r0.intoArray(packed, to + 0 * nr);
        r1.intoArray(packed, to + 1 * nr);
        r2.intoArray(packed, to + 2 * nr);
        r3.intoArray(packed, to + 3 * nr);
        r4.intoArray(packed, to + 4 * nr);
        r5.intoArray(packed, to + 5 * nr);
        r6.intoArray(packed, to + 6 * nr);
        r7.intoArray(packed, to + 7 * nr);
        r8.intoArray(packed, to + 8 * nr);
        r9.intoArray(packed, to + 9 * nr);
        r10.intoArray(packed, to + 10 * nr);
        r11.intoArray(packed, to + 11 * nr);
        r12.intoArray(packed, to + 12 * nr);
        r13.intoArray(packed, to + 13 * nr);
        r14.intoArray(packed, to + 14 * nr);
        r15.intoArray(packed, to + 15 * nr);
    }

    /** One 8 × 8 tile: 8 runs of T's rows in, 8 rows of the strip out; locals, so C2 keeps them in registers. */
    private static void tile(double[] src, int from, int k, double[] packed, int to, int nr) {
        DoubleVector r0 = DoubleVector.fromArray(S8, src, from + 0 * k);
        DoubleVector r1 = DoubleVector.fromArray(S8, src, from + 1 * k);
        DoubleVector r2 = DoubleVector.fromArray(S8, src, from + 2 * k);
        DoubleVector r3 = DoubleVector.fromArray(S8, src, from + 3 * k);
        DoubleVector r4 = DoubleVector.fromArray(S8, src, from + 4 * k);
        DoubleVector r5 = DoubleVector.fromArray(S8, src, from + 5 * k);
        DoubleVector r6 = DoubleVector.fromArray(S8, src, from + 6 * k);
        DoubleVector r7 = DoubleVector.fromArray(S8, src, from + 7 * k);
        DoubleVector a;
        // stage 1: swap the off-diagonal 4 × 4 blocks of each 8 × 8 block
        a = r0; r0 = LO8[0].selectFrom(a, r4); r4 = HI8[0].selectFrom(a, r4);
        a = r1; r1 = LO8[0].selectFrom(a, r5); r5 = HI8[0].selectFrom(a, r5);
        a = r2; r2 = LO8[0].selectFrom(a, r6); r6 = HI8[0].selectFrom(a, r6);
        a = r3; r3 = LO8[0].selectFrom(a, r7); r7 = HI8[0].selectFrom(a, r7);
        // stage 2: swap the off-diagonal 2 × 2 blocks of each 4 × 4 block
        a = r0; r0 = LO8[1].selectFrom(a, r2); r2 = HI8[1].selectFrom(a, r2);
        a = r1; r1 = LO8[1].selectFrom(a, r3); r3 = HI8[1].selectFrom(a, r3);
        a = r4; r4 = LO8[1].selectFrom(a, r6); r6 = HI8[1].selectFrom(a, r6);
        a = r5; r5 = LO8[1].selectFrom(a, r7); r7 = HI8[1].selectFrom(a, r7);
        // stage 3: swap the off-diagonal 1 × 1 blocks of each 2 × 2 block
        a = r0; r0 = LO8[2].selectFrom(a, r1); r1 = HI8[2].selectFrom(a, r1);
        a = r2; r2 = LO8[2].selectFrom(a, r3); r3 = HI8[2].selectFrom(a, r3);
        a = r4; r4 = LO8[2].selectFrom(a, r5); r5 = HI8[2].selectFrom(a, r5);
        a = r6; r6 = LO8[2].selectFrom(a, r7); r7 = HI8[2].selectFrom(a, r7);
        r0.intoArray(packed, to + 0 * nr);
        r1.intoArray(packed, to + 1 * nr);
        r2.intoArray(packed, to + 2 * nr);
        r3.intoArray(packed, to + 3 * nr);
        r4.intoArray(packed, to + 4 * nr);
        r5.intoArray(packed, to + 5 * nr);
        r6.intoArray(packed, to + 6 * nr);
        r7.intoArray(packed, to + 7 * nr);
    }
}
