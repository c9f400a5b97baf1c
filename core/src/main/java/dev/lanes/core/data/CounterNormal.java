package dev.lanes.core.data;

/**
 * Standard normal values from {@link CounterRandom}'s bits by Box–Muller, both values of every pair kept, written
 * without branches and without {@code Math.log} or {@code Math.cos} so one pass over a group is a straight run of
 * multiplies and fused multiply-adds: about twice as fast as the libm version, which threw each pair's sine away.
 *
 * <p>Pair p takes the bits of counters 2p and 2p + 1: u1 = (2⁵³ − top 53 bits of the first)·2⁻⁵³ ∈ [2⁻⁵³, 1], and
 * the second's top bits as a fixed-point fraction of a turn θ; r = √(−2 ln u1), and r·cos θ, r·sin θ are two
 * independent standard normals. Elements come in groups of {@link #GROUP}: the first half of a group holds the cosines
 * of its {@link #PAIRS} pairs, the second half their sines. Every element is a pure function of (seed, index); the
 * fill and the one-element {@link #normal} share every operation, so they agree bit for bit whatever the block
 * boundaries or the thread count. f32 data draws the same bits and does its arithmetic in f32 (its angle has 24 bits).
 *
 * <p>The logarithm reduces u1 = m·2^e with m ∈ [√½, √2) by integer arithmetic on its bits and sums
 * 2·atanh((m−1)/(m+1)) as its odd series; the angle is reduced exactly in integers to a quarter turn q and a fraction
 * f ∈ [−½, ½) of it, sine and cosine of π/2·f are Taylor series, and the quarter turn picks and signs them by
 * multiplying with 0, 1 and −1, which is exact. Each series is cut where the next term is below 10⁻¹⁸ (f64) or
 * 2·10⁻⁹ (f32) of the result; {@code CounterNormalTest} bounds the error against {@code StrictMath}.
 */
public final class CounterNormal {
    /** Elements per group: the cosines of {@link #PAIRS} pairs, then their sines. */
    static final int GROUP = 2048;
    /** Pairs per group. */
    static final int PAIRS = GROUP / 2;

    /** The bits of √½: u − this has the exponent that puts u's mantissa in [√½, √2) (as musl's log does). */
    private static final long HALF_SQRT2_BITS = Double.doubleToRawLongBits(Math.sqrt(0.5));
    private static final int HALF_SQRT2_BITS_F = Float.floatToRawIntBits((float) Math.sqrt(0.5));
    private static final double LN2 = Math.log(2.0);
    private static final float LN2_F = (float) LN2;

    // the series' coefficients as constants, so the JIT folds them into the multiply-adds
    private static final double[] LOG = atanhSeries(11);
    private static final double L0 = LOG[0], L1 = LOG[1], L2 = LOG[2], L3 = LOG[3], L4 = LOG[4], L5 = LOG[5],
        L6 = LOG[6], L7 = LOG[7], L8 = LOG[8], L9 = LOG[9], L10 = LOG[10];
    private static final double[] SIN = quarterTurnSeries(9, 1);
    private static final double S0 = SIN[0], S1 = SIN[1], S2 = SIN[2], S3 = SIN[3], S4 = SIN[4], S5 = SIN[5],
        S6 = SIN[6], S7 = SIN[7], S8 = SIN[8];
    private static final double[] COS = quarterTurnSeries(10, 0);
    private static final double C0 = COS[0], C1 = COS[1], C2 = COS[2], C3 = COS[3], C4 = COS[4], C5 = COS[5],
        C6 = COS[6], C7 = COS[7], C8 = COS[8], C9 = COS[9];
    private static final float FL0 = (float) L0, FL1 = (float) L1, FL2 = (float) L2, FL3 = (float) L3, FL4 = (float) L4;
    private static final float FS0 = (float) S0, FS1 = (float) S1, FS2 = (float) S2, FS3 = (float) S3, FS4 = (float) S4;
    private static final float FC0 = (float) C0, FC1 = (float) C1, FC2 = (float) C2, FC3 = (float) C3, FC4 = (float) C4,
        FC5 = (float) C5;

    private CounterNormal() {
    }

    /** The pair element {@code index} belongs to. */
    static long pairOf(long index) {
        return (index / GROUP) * PAIRS + index % PAIRS;
    }

    /** Whether element {@code index} is its pair's sine (else its cosine). */
    static boolean isSine(long index) {
        return (index & PAIRS) != 0;
    }

    /** Element {@code index} as f64. */
    public static double normal(long seed, long index) {
        long pair = pairOf(index);
        double r = radius(CounterRandom.bits(seed, 2 * pair));
        long k = CounterRandom.bits(seed, 2 * pair + 1) >>> 11;
        long q = quarter(k);
        double f = fraction(k, q);
        double z = f * f;
        double sin = f * sinSeries(z);
        double cos = cosSeries(z);
        return r * (isSine(index) ? sineOf(sin, cos, q) : cosineOf(sin, cos, q));
    }

    /** Element {@code index} as f32: the same bits, arithmetic in f32. */
    public static float normalFloat(long seed, long index) {
        long pair = pairOf(index);
        float r = radiusFloat(CounterRandom.bits(seed, 2 * pair));
        int k = (int) (CounterRandom.bits(seed, 2 * pair + 1) >>> 40);
        int q = quarter(k);
        float f = fraction(k, q);
        float z = f * f;
        float sin = f * sinSeries(z);
        float cos = cosSeries(z);
        return r * (isSine(index) ? sineOf(sin, cos, q) : cosineOf(sin, cos, q));
    }

    /** Writes elements [from, to) of {@code out}: whole groups in two passes, the ragged ends an element at a time. */
    public static void fill(long seed, double[] out, int from, int to) {
        int first = Math.min(to, ceilToGroup(from));
        int end = Math.max(first, to & -GROUP);
        for (int i = from; i < first; i++) {
            out[i] = normal(seed, i);
        }
        for (int g = first; g < end; g += GROUP) {
            long pair0 = pairOf(g);
            // the radii first, parked where the cosines go, then each angle's cosine and sine scaled by its radius:
            // two short loops keep every value in registers (one loop holding both series spills)
            for (int j = 0; j < PAIRS; j++) {
                out[g + j] = radius(CounterRandom.bits(seed, 2 * (pair0 + j)));
            }
            for (int j = 0; j < PAIRS; j++) {
                long k = CounterRandom.bits(seed, 2 * (pair0 + j) + 1) >>> 11;
                long q = quarter(k);
                double f = fraction(k, q);
                double z = f * f;
                double sin = f * sinSeries(z);
                double cos = cosSeries(z);
                double r = out[g + j];
                out[g + j] = r * cosineOf(sin, cos, q);
                out[g + PAIRS + j] = r * sineOf(sin, cos, q);
            }
        }
        for (int i = end; i < to; i++) {
            out[i] = normal(seed, i);
        }
    }

    /** The f32 twin of {@link #fill(long, double[], int, int)}. */
    public static void fill(long seed, float[] out, int from, int to) {
        int first = Math.min(to, ceilToGroup(from));
        int end = Math.max(first, to & -GROUP);
        for (int i = from; i < first; i++) {
            out[i] = normalFloat(seed, i);
        }
        for (int g = first; g < end; g += GROUP) {
            long pair0 = pairOf(g);
            for (int j = 0; j < PAIRS; j++) {
                out[g + j] = radiusFloat(CounterRandom.bits(seed, 2 * (pair0 + j)));
            }
            for (int j = 0; j < PAIRS; j++) {
                int k = (int) (CounterRandom.bits(seed, 2 * (pair0 + j) + 1) >>> 40);
                int q = quarter(k);
                float f = fraction(k, q);
                float z = f * f;
                float sin = f * sinSeries(z);
                float cos = cosSeries(z);
                float r = out[g + j];
                out[g + j] = r * cosineOf(sin, cos, q);
                out[g + PAIRS + j] = r * sineOf(sin, cos, q);
            }
        }
        for (int i = end; i < to; i++) {
            out[i] = normalFloat(seed, i);
        }
    }

    private static int ceilToGroup(int i) {
        return (int) (((long) i + GROUP - 1) & -GROUP);
    }

    /** u1 = (2⁵³ − the top 53 of {@code bits})·2⁻⁵³ ∈ [2⁻⁵³, 1], exact in f64. */
    static double u1(long bits) {
        return ((1L << 53) - (bits >>> 11)) * 0x1.0p-53;
    }

    /** The f32 u1: {@link #u1(long)} rounded to f32, never 0 (its smallest value is 2⁻⁵³). */
    static float u1Float(long bits) {
        return (float) ((1L << 53) - (bits >>> 11)) * 0x1.0p-53f;
    }

    /** √(−2 ln u1). */
    static double radius(long bits) {
        return Math.sqrt(-2 * log(u1(bits)));
    }

    static float radiusFloat(long bits) {
        return (float) Math.sqrt(-2f * log(u1Float(bits)));
    }

    /** ln u for a positive normal u: u = m·2^e with m ∈ [√½, √2), then e·ln 2 + 2·atanh((m−1)/(m+1)). */
    static double log(double u) {
        long b = Double.doubleToRawLongBits(u);
        long e = (b - HALF_SQRT2_BITS) >> 52;
        double m = Double.longBitsToDouble(b - (e << 52));
        double s = (m - 1) / (m + 1);
        double z = s * s;
        double series = Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(
            L10, z, L9), z, L8), z, L7), z, L6), z, L5), z, L4), z, L3), z, L2), z, L1), z, L0);
        return Math.fma((double) e, LN2, (s + s) * series);
    }

    static float log(float u) {
        int b = Float.floatToRawIntBits(u);
        int e = (b - HALF_SQRT2_BITS_F) >> 23;
        float m = Float.intBitsToFloat(b - (e << 23));
        float s = (m - 1) / (m + 1);
        float z = s * s;
        float series = Math.fma(Math.fma(Math.fma(Math.fma(FL4, z, FL3), z, FL2), z, FL1), z, FL0);
        return Math.fma((float) e, LN2_F, (s + s) * series);
    }

    /** The quarter turn, 0 … 4, nearest to the 53-bit fraction of a turn k·2⁻⁵³ (4 is a whole turn, as 0). */
    static long quarter(long k) {
        return (k + (1L << 50)) >>> 51;
    }

    /** What is left of the angle in quarter turns, in [−½, ½): exact. */
    static double fraction(long k, long quarter) {
        return (k - (quarter << 51)) * 0x1.0p-51;
    }

    /** The f32 angle: a 24-bit fraction of a turn. */
    static int quarter(int k) {
        return (k + (1 << 21)) >>> 22;
    }

    static float fraction(int k, int quarter) {
        return (k - (quarter << 22)) * 0x1.0p-22f;
    }

    /** sin(π/2·f) ÷ f as a series in z = f². */
    static double sinSeries(double z) {
        return Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(
            S8, z, S7), z, S6), z, S5), z, S4), z, S3), z, S2), z, S1), z, S0);
    }

    /** cos(π/2·f) as a series in z = f². */
    static double cosSeries(double z) {
        return Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(
            C9, z, C8), z, C7), z, C6), z, C5), z, C4), z, C3), z, C2), z, C1), z, C0);
    }

    static float sinSeries(float z) {
        return Math.fma(Math.fma(Math.fma(Math.fma(FS4, z, FS3), z, FS2), z, FS1), z, FS0);
    }

    static float cosSeries(float z) {
        return Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(FC5, z, FC4), z, FC3), z, FC2), z, FC1), z, FC0);
    }

    /**
     * cos(q·π/2 + φ) from sin φ and cos φ: cos φ, −sin φ, −cos φ, sin φ for q = 0 … 3. The pick multiplies by 0 and
     * 1 and the sign by ±1, so no branch depends on the random angle and the result is exact.
     */
    static double cosineOf(double sin, double cos, long q) {
        double odd = q & 1;
        double sign = 1 - ((q + 1) & 2);
        return sign * (cos * (1 - odd) + sin * odd);
    }

    /** sin(q·π/2 + φ): sin φ, cos φ, −sin φ, −cos φ for q = 0 … 3. */
    static double sineOf(double sin, double cos, long q) {
        double odd = q & 1;
        double sign = 1 - (q & 2);
        return sign * (sin * (1 - odd) + cos * odd);
    }

    static float cosineOf(float sin, float cos, int q) {
        float odd = q & 1;
        float sign = 1 - ((q + 1) & 2);
        return sign * (cos * (1 - odd) + sin * odd);
    }

    static float sineOf(float sin, float cos, int q) {
        float odd = q & 1;
        float sign = 1 - (q & 2);
        return sign * (sin * (1 - odd) + cos * odd);
    }

    /** 2·atanh(s)/(2s) = Σ s^2k/(2k+1). */
    private static double[] atanhSeries(int terms) {
        double[] c = new double[terms];
        for (int k = 0; k < terms; k++) {
            c[k] = 1.0 / (2 * k + 1);
        }
        return c;
    }

    /** (−1)^k (π/2)^(2k+odd) / (2k+odd)!, the series of sin (odd = 1, divided by f) or cos (odd = 0) of π/2·f. */
    private static double[] quarterTurnSeries(int terms, int odd) {
        double[] c = new double[terms];
        double term = 1;
        int power = 0;
        for (int k = 0; k < terms; k++) {
            while (power < 2 * k + odd) {
                power++;
                term *= (Math.PI / 2) / power;
            }
            c[k] = (k % 2 == 0) ? term : -term;
        }
        return c;
    }
}
