import jdk.incubator.vector.*;
public class StreamingUnroll {
    static final VectorSpecies<Double> D = DoubleVector.SPECIES_512;
    static double one(double[] x, int from, int to) {
        int i = from + Math.floorMod(6 - from, 8); double h = 0; for (int k = from; k < i; k++) h += x[k] * x[k];
        DoubleVector a = DoubleVector.zero(D); int ub = i + ((to - i) / 8) * 8;
        for (; i < ub; i += 8) { DoubleVector v = DoubleVector.fromArray(D, x, i); a = v.fma(v, a); }
        double s = a.reduceLanes(VectorOperators.ADD) + h; for (; i < to; i++) s += x[i] * x[i]; return s;
    }
    static double oneUnroll2(double[] x, int from, int to) {
        int i = from + Math.floorMod(6 - from, 8); double h = 0; for (int k = from; k < i; k++) h += x[k] * x[k];
        DoubleVector a = DoubleVector.zero(D); int ub = i + ((to - i) / 16) * 16;
        for (; i < ub; i += 16) { DoubleVector v = DoubleVector.fromArray(D, x, i); a = v.fma(v, a); DoubleVector w = DoubleVector.fromArray(D, x, i + 8); a = w.fma(w, a); }
        double s = a.reduceLanes(VectorOperators.ADD) + h; for (; i < to; i++) s += x[i] * x[i]; return s;
    }
    static double touch(double[] x, int from, int to) {
        int i = from + Math.floorMod(6 - from, 8); double h = 0; for (int k = from; k < i; k++) h += x[k] * x[k];
        DoubleVector a = DoubleVector.zero(D); int ub = i + ((to - i) / 16) * 16; int n = x.length; double t = 0;
        for (; i < ub; i += 16) { DoubleVector v = DoubleVector.fromArray(D, x, i); a = v.fma(v, a); DoubleVector w = DoubleVector.fromArray(D, x, i + 8); a = w.fma(w, a); t += x[Math.min(n - 1, i + 1024)]; }
        double s = a.reduceLanes(VectorOperators.ADD) + h + t * 0.0; for (; i < to; i++) s += x[i] * x[i]; return s;
    }
    static double plainAdd(double[] x, int from, int to) {  // sum, not squares: add only
        int i = from + Math.floorMod(6 - from, 8); double h = 0; for (int k = from; k < i; k++) h += x[k];
        DoubleVector a = DoubleVector.zero(D); int ub = i + ((to - i) / 8) * 8;
        for (; i < ub; i += 8) { a = a.add(DoubleVector.fromArray(D, x, i)); }
        double s = a.reduceLanes(VectorOperators.ADD) + h; for (; i < to; i++) s += x[i]; return s;
    }
    static double mulAdd(double[] x, int from, int to) {
        int i = from + Math.floorMod(6 - from, 8); double h = 0; for (int k = from; k < i; k++) h += x[k] * x[k];
        DoubleVector a = DoubleVector.zero(D); int ub = i + ((to - i) / 8) * 8;
        for (; i < ub; i += 8) { DoubleVector v = DoubleVector.fromArray(D, x, i); a = a.add(v.mul(v)); }
        double s = a.reduceLanes(VectorOperators.ADD) + h; for (; i < to; i++) s += x[i] * x[i]; return s;
    }
    static int STEP = 8;   // not final: C2 cannot fold it, so the loop is not a counted loop and is not unrolled
    static double opaque(double[] x, int from, int to) {
        int i = from + Math.floorMod(6 - from, 8); double h = 0; for (int k = from; k < i; k++) h += x[k] * x[k];
        DoubleVector a = DoubleVector.zero(D); int ub = i + ((to - i) / 8) * 8; int step = STEP;
        for (; i < ub; i += step) { DoubleVector v = DoubleVector.fromArray(D, x, i); a = v.fma(v, a); }
        double s = a.reduceLanes(VectorOperators.ADD) + h; for (; i < to; i++) s += x[i] * x[i]; return s;
    }
    interface K { double run(double[] x, int f, int t); }
    public static void main(String[] a) {
        int n = 100_000_000; double[] x = new double[n]; for (int i = 0; i < n; i++) x[i] = (i % 1000) * 0.001;
        String[] names = {"one", "opaque", "one", "opaque", "opaque"}; 
        K[] ks = {StreamingUnroll::one, StreamingUnroll::opaque, StreamingUnroll::one, StreamingUnroll::opaque, StreamingUnroll::opaque};
        double sink = 0;
        for (int round = 0; round < 1; round++)
        for (int k = 0; k < ks.length; k++) {
            int block = 65536;
            double[] g = new double[15];
            for (int r = 0; r < 15; r++) { long t0 = System.nanoTime(); double q = 0; for (int f = 0; f < n; f += block) q += ks[k].run(x, f, Math.min(n, f + block)); g[r] = n * 8.0 / (System.nanoTime() - t0); sink += q; }
            java.util.Arrays.sort(g); System.out.printf("%-11s median %.1f GB/s max %.1f%n", names[k], g[7], g[14]);
        }
        System.out.println(sink);
    }
}
