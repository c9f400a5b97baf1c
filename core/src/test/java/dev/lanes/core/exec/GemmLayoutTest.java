package dev.lanes.core.exec;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class GemmLayoutTest {

    /** Cut points of [0, k): two random ones, so slices start and end inside panels and across them. */
    private static int[] cuts(int k, long seed) {
        Random r = new Random(seed);
        int a = r.nextInt(k + 1);
        int b = r.nextInt(k + 1);
        return new int[] {0, Math.min(a, b), Math.max(a, b), k};
    }

    @Property(tries = 60)
    void packingAnySlicesOfRowsGivesTheWholePacking(@ForAll @IntRange(min = 1, max = 600) int k,
                                                    @ForAll @IntRange(min = 1, max = 70) int n,
                                                    @ForAll @IntRange(min = 1, max = 20) int nr, @ForAll long seed) {
        GemmLayout layout = new GemmLayout(nr);
        Random r = new Random(seed);
        float[] b = new float[5 + k * n];
        for (int i = 0; i < b.length; i++) {
            b[i] = r.nextFloat() + 1;      // never 0, so a missed element shows against the zero padding
        }
        float[] whole = new float[(int) layout.packedLength(k, n)];
        layout.packAt(b, 5, k, n, whole);
        float[] pieces = new float[whole.length];
        java.util.Arrays.fill(pieces, -1f);      // every element of the packing must be written, the padding too
        int[] cut = cuts(k, seed);
        for (int i = 0; i + 1 < cut.length; i++) {
            layout.packAt(b, 5, k, n, cut[i], cut[i + 1], pieces);
        }
        assertThat(pieces).isEqualTo(whole);
    }

    @Property(tries = 60)
    void packingAnySlicesOfATransposeGivesTheWholePacking(@ForAll @IntRange(min = 1, max = 600) int k,
                                                          @ForAll @IntRange(min = 1, max = 70) int n,
                                                          @ForAll @IntRange(min = 1, max = 20) int nr, @ForAll long seed) {
        GemmLayout layout = new GemmLayout(nr);
        Random r = new Random(seed);
        double[] t = new double[3 + n * k];
        for (int i = 0; i < t.length; i++) {
            t[i] = r.nextDouble() + 1;
        }
        double[] whole = new double[(int) layout.packedLength(k, n)];
        layout.packTransposed(t, 3, k, n, whole);
        double[] pieces = new double[whole.length];
        java.util.Arrays.fill(pieces, -1);      // every element of the packing must be written, the padding too
        int[] cut = cuts(k, seed);
        for (int i = 0; i + 1 < cut.length; i++) {
            layout.packTransposed(t, 3, k, n, cut[i], cut[i + 1], pieces);
        }
        assertThat(pieces).isEqualTo(whole);
        // and the whole packing is the transpose: B[p][j] = T[j][p] in strip j / nr
        int p = (int) Math.floorMod(seed, (long) k);
        int j = (int) Math.floorMod(seed / 7, (long) n);
        int pc = p - p % GemmLayout.KC;
        assertThat(whole[layout.stripOffset(k, n, pc, j / nr) + (p - pc) * nr + j % nr]).isEqualTo(t[3 + j * k + p]);
    }
}
