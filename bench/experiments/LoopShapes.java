import jdk.incubator.vector.*;
public class LoopShapes {
    static final VectorSpecies<Double> D512 = DoubleVector.SPECIES_512, D256 = DoubleVector.SPECIES_256;
    static double one512(double[] x, int from, int to, int peel) {
        int L = 8; int i = from; double h = 0;
        int al = Math.min(to, i + Math.floorMod(peel - i, L)); for (; i < al; i++) h += x[i] * x[i];
        DoubleVector a = DoubleVector.zero(D512);
        int ub = i + ((to - i) / L) * L;
        for (; i < ub; i += L) { DoubleVector v = DoubleVector.fromArray(D512, x, i); a = v.fma(v, a); }
        double s = a.reduceLanes(VectorOperators.ADD) + h; for (; i < to; i++) s += x[i] * x[i]; return s;
    }
    static double four512(double[] x, int from, int to, int peel) {
        int L = 8; int i = from; double h = 0;
        int al = Math.min(to, i + Math.floorMod(peel - i, L)); for (; i < al; i++) h += x[i] * x[i];
        DoubleVector a0 = DoubleVector.zero(D512), a1 = a0, a2 = a0, a3 = a0;
        int ub = i + ((to - i) / (4 * L)) * (4 * L);
        for (; i < ub; i += 4 * L) { DoubleVector v0 = DoubleVector.fromArray(D512, x, i), v1 = DoubleVector.fromArray(D512, x, i + L), v2 = DoubleVector.fromArray(D512, x, i + 2 * L), v3 = DoubleVector.fromArray(D512, x, i + 3 * L);
            a0 = v0.fma(v0, a0); a1 = v1.fma(v1, a1); a2 = v2.fma(v2, a2); a3 = v3.fma(v3, a3); }
        double s = a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD) + h; for (; i < to; i++) s += x[i] * x[i]; return s;
    }
    static double four256(double[] x, int from, int to, int peel) {
        int L = 4; int i = from; double h = 0;
        int al = Math.min(to, i + Math.floorMod(peel - i, 8)); for (; i < al; i++) h += x[i] * x[i];
        DoubleVector a0 = DoubleVector.zero(D256), a1 = a0, a2 = a0, a3 = a0;
        int ub = i + ((to - i) / (4 * L)) * (4 * L);
        for (; i < ub; i += 4 * L) { DoubleVector v0 = DoubleVector.fromArray(D256, x, i), v1 = DoubleVector.fromArray(D256, x, i + L), v2 = DoubleVector.fromArray(D256, x, i + 2 * L), v3 = DoubleVector.fromArray(D256, x, i + 3 * L);
            a0 = v0.fma(v0, a0); a1 = v1.fma(v1, a1); a2 = v2.fma(v2, a2); a3 = v3.fma(v3, a3); }
        double s = a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD) + h; for (; i < to; i++) s += x[i] * x[i]; return s;
    }
    static double two512(double[] x, int from, int to, int peel) {
        int L = 8; int i = from; double h = 0;
        int al = Math.min(to, i + Math.floorMod(peel - i, L)); for (; i < al; i++) h += x[i] * x[i];
        DoubleVector a0 = DoubleVector.zero(D512), a1 = a0;
        int ub = i + ((to - i) / (2 * L)) * (2 * L);
        for (; i < ub; i += 2 * L) { DoubleVector v0 = DoubleVector.fromArray(D512, x, i), v1 = DoubleVector.fromArray(D512, x, i + L);
            a0 = v0.fma(v0, a0); a1 = v1.fma(v1, a1); }
        double s = a0.add(a1).reduceLanes(VectorOperators.ADD) + h; for (; i < to; i++) s += x[i] * x[i]; return s;
    }
    interface K { double run(double[] x, int f, int t, int p); }
    public static void main(String[] a) {
        int n = Integer.getInteger("n", 100_000_000), block = 65536; double[] x = new double[n]; for (int i = 0; i < n; i++) x[i] = (i % 1000) * 0.001;
        String[] names = {"one512", "two512", "four512"}; K[] ks = {LoopShapes::one512, LoopShapes::two512, LoopShapes::four512};
        double sink = 0;
        for (int k = 0; k < ks.length; k++) for (int peel : new int[]{0, 6}) {
            double[] g = new double[12];
            for (int r = 0; r < 12 * Math.max(1, 100_000_000 / n / 20); r++) { long t0 = System.nanoTime(); double q = 0; for (int f = 0; f < n; f += block) q += ks[k].run(x, f, Math.min(n, f + block), peel); g[Math.min(r, 11)] = n * 8.0 / (System.nanoTime() - t0); sink += q; }
            java.util.Arrays.sort(g); System.out.printf("%s peel=%d: median %.1f GB/s max %.1f%n", names[k], peel, g[6], g[11]);
        }
        System.out.println(sink);
    }
}
