package dev.lanes.core.exec;

/**
 * How an implementation wants the right-hand matrix B (k × n, row-major) packed: in panels
 * of {@value #KC} rows, each cut into strips of {@code nr} columns stored one after the
 * other, a strip row-major ({@code kcLen × nr}, the last strip zero-padded). A micro-kernel
 * then reads B strictly sequentially. With {@code nr = n} the packed matrix is B itself.
 * Every implementation uses the same panel depth, so a packing task can split B by panels
 * before it knows which implementation will read it.
 *
 * @param nr strip width: at most {@value #MAX_STRIP} columns, or all n of them
 */
public record GemmLayout(int nr) {
    /** Rows of B per panel: a strip of 256 rows × 48 f32 or 24 f64 is 48 KiB, an L1 cache. */
    public static final int KC = 256;
    /** The widest strip of a packed layout narrower than B, so buffers can be sized before packing. */
    public static final int MAX_STRIP = 64;
    /** The edge of the tiles a transposed packing moves at once: 16 lines read, 16 written. */
    private static final int T_BLOCK = 16;

    public GemmLayout {
        if (nr < 1) {
            throw new IllegalArgumentException("nr must be positive, got " + nr);
        }
    }

    /** Elements a packed B of k × n can need under any layout: buffers are allocated once, at bind time. */
    public static long maxPackedLength(int k, int n) {
        return (long) k * (n + MAX_STRIP);
    }

    /** Columns of B rounded up to whole strips. */
    public int paddedColumns(int n) {
        return Math.ceilDiv(n, nr) * nr;
    }

    /** Elements of the packed matrix. */
    public long packedLength(int k, int n) {
        return (long) k * paddedColumns(n);
    }

    /** Where the strip {@code strip} of the panel starting at row {@code pc} begins. */
    public int stripOffset(int k, int n, int pc, int strip) {
        int kcLen = Math.min(KC, k - pc);
        return pc * paddedColumns(n) + strip * kcLen * nr;
    }

    /** Packs rows {@code [p0, p1)} of B; any rows, each where the whole B's packing puts it. */
    public void pack(float[] b, int k, int n, int p0, int p1, float[] packed) {
        packRows(b, 0, k, n, p0, p1, packed);
    }

    /** Packs rows {@code [p0, p1)} of B; any rows, each where the whole B's packing puts it. */
    public void pack(double[] b, int k, int n, int p0, int p1, double[] packed) {
        packRows(b, 0, k, n, p0, p1, packed);
    }

    /**
     * Packs the k × n row-major matrix B that starts at element {@code offset} of b: a layer's
     * weights among all the parameters, or a slice of a batch.
     */
    public void packAt(float[] b, int offset, int k, int n, float[] packed) {
        packRows(b, offset, k, n, 0, k, packed);
    }

    /** As {@link #packAt(float[], int, int, int, float[])}, rows [p0, p1) only, any rows: a panel, or a slice of a batch. */
    public void packAt(float[] b, int offset, int k, int n, int p0, int p1, float[] packed) {
        packRows(b, offset, k, n, p0, p1, packed);
    }

    public void packAt(double[] b, int offset, int k, int n, double[] packed) {
        packRows(b, offset, k, n, 0, k, packed);
    }

    /** As {@link #packAt(double[], int, int, int, double[])}, rows [p0, p1) only, any rows: a panel, or a slice of a batch. */
    public void packAt(double[] b, int offset, int k, int n, int p0, int p1, double[] packed) {
        packRows(b, offset, k, n, p0, p1, packed);
    }

    /**
     * Packs B = Tᵀ, where T is n × k row-major from element {@code offset}: a layer's
     * transposed weights, which the backward pass multiplies by, without forming the transpose.
     */
    public void packTransposed(float[] t, int offset, int k, int n, float[] packed) {
        packTransposed(t, offset, k, n, 0, k, packed);
    }

    /** As {@link #packTransposed(float[], int, int, int, float[])}, rows [p0, p1) of B only, any rows. */
    public void packTransposed(float[] t, int offset, int k, int n, int p0, int p1, float[] packed) {
        for (int pc = p0 - p0 % KC; pc < p1; pc += KC) {
            int first = Math.max(p0, pc);
            int kcLen = Math.min(p1, Math.min(k, pc + KC)) - first;
            for (int strip = 0, j0 = 0; j0 < n; strip++, j0 += nr) {
                int width = Math.min(nr, n - j0);
                int to = stripOffset(k, n, pc, strip) + (first - pc) * nr;
                // tiles of T_BLOCK × T_BLOCK: each reads T_BLOCK runs of a row of T and writes T_BLOCK runs of the strip
                for (int jb = 0; jb < width; jb += T_BLOCK) {
                    int jEnd = Math.min(width, jb + T_BLOCK);
                    for (int pb = 0; pb < kcLen; pb += T_BLOCK) {
                        int pEnd = Math.min(kcLen, pb + T_BLOCK);
                        for (int j = jb; j < jEnd; j++) {
                            int from = offset + (j0 + j) * k + first;
                            for (int p = pb; p < pEnd; p++) {
                                packed[to + p * nr + j] = t[from + p];
                            }
                        }
                    }
                }
                if (width < nr) {
                    for (int p = 0; p < kcLen; p++) {
                        java.util.Arrays.fill(packed, to + p * nr + width, to + (p + 1) * nr, 0f);
                    }
                }
            }
        }
    }

    public void packTransposed(double[] t, int offset, int k, int n, double[] packed) {
        packTransposed(t, offset, k, n, 0, k, packed);
    }

    /** As {@link #packTransposed(double[], int, int, int, double[])}, rows [p0, p1) of B only, any rows. */
    public void packTransposed(double[] t, int offset, int k, int n, int p0, int p1, double[] packed) {
        for (int pc = p0 - p0 % KC; pc < p1; pc += KC) {
            int first = Math.max(p0, pc);
            int kcLen = Math.min(p1, Math.min(k, pc + KC)) - first;
            for (int strip = 0, j0 = 0; j0 < n; strip++, j0 += nr) {
                int width = Math.min(nr, n - j0);
                int to = stripOffset(k, n, pc, strip) + (first - pc) * nr;
                // tiles of T_BLOCK × T_BLOCK: each reads T_BLOCK runs of a row of T and writes T_BLOCK runs of the strip
                for (int jb = 0; jb < width; jb += T_BLOCK) {
                    int jEnd = Math.min(width, jb + T_BLOCK);
                    for (int pb = 0; pb < kcLen; pb += T_BLOCK) {
                        int pEnd = Math.min(kcLen, pb + T_BLOCK);
                        for (int j = jb; j < jEnd; j++) {
                            int from = offset + (j0 + j) * k + first;
                            for (int p = pb; p < pEnd; p++) {
                                packed[to + p * nr + j] = t[from + p];
                            }
                        }
                    }
                }
                if (width < nr) {
                    for (int p = 0; p < kcLen; p++) {
                        java.util.Arrays.fill(packed, to + p * nr + width, to + (p + 1) * nr, 0.0);
                    }
                }
            }
        }
    }

    /** Rows [p0, p1) of the k × n matrix starting at {@code offset} of b. */
    private void packRows(float[] b, int offset, int k, int n, int p0, int p1, float[] packed) {
        for (int pc = p0 - p0 % KC; pc < p1; pc += KC) {
            int first = Math.max(p0, pc);
            int end = Math.min(p1, Math.min(k, pc + KC));
            for (int strip = 0, j0 = 0; j0 < n; strip++, j0 += nr) {
                int width = Math.min(nr, n - j0);
                int to = stripOffset(k, n, pc, strip) + (first - pc) * nr;
                for (int p = first; p < end; p++, to += nr) {
                    System.arraycopy(b, offset + p * n + j0, packed, to, width);
                    if (width < nr) {
                        java.util.Arrays.fill(packed, to + width, to + nr, 0f);
                    }
                }
            }
        }
    }

    private void packRows(double[] b, int offset, int k, int n, int p0, int p1, double[] packed) {
        for (int pc = p0 - p0 % KC; pc < p1; pc += KC) {
            int first = Math.max(p0, pc);
            int end = Math.min(p1, Math.min(k, pc + KC));
            for (int strip = 0, j0 = 0; j0 < n; strip++, j0 += nr) {
                int width = Math.min(nr, n - j0);
                int to = stripOffset(k, n, pc, strip) + (first - pc) * nr;
                for (int p = first; p < end; p++, to += nr) {
                    System.arraycopy(b, offset + p * n + j0, packed, to, width);
                    if (width < nr) {
                        java.util.Arrays.fill(packed, to + width, to + nr, 0.0);
                    }
                }
            }
        }
    }
}
