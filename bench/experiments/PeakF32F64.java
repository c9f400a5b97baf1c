import jdk.incubator.vector.*;
public class PeakF32F64 {
    static final VectorSpecies<Float> F = FloatVector.SPECIES_512;
    static final VectorSpecies<Double> D = DoubleVector.SPECIES_512;
    static float f(long rounds, int chains) {
        FloatVector m = FloatVector.broadcast(F, 0.999999f), c = FloatVector.broadcast(F, 1e-7f);
        FloatVector a0 = FloatVector.broadcast(F, 1), a1 = FloatVector.broadcast(F, 2), a2 = FloatVector.broadcast(F, 3), a3 = FloatVector.broadcast(F, 4), a4 = FloatVector.broadcast(F, 5), a5 = FloatVector.broadcast(F, 6), a6 = FloatVector.broadcast(F, 7), a7 = FloatVector.broadcast(F, 8);
        for (long r = 0; r < rounds; r++) { a0 = a0.fma(m, c); a1 = a1.fma(m, c); a2 = a2.fma(m, c); a3 = a3.fma(m, c); a4 = a4.fma(m, c); a5 = a5.fma(m, c); a6 = a6.fma(m, c); a7 = a7.fma(m, c); }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).reduceLanes(VectorOperators.ADD);
    }
    static double d(long rounds) {
        DoubleVector m = DoubleVector.broadcast(D, 0.999999999), c = DoubleVector.broadcast(D, 1e-12);
        DoubleVector a0 = DoubleVector.broadcast(D, 1), a1 = DoubleVector.broadcast(D, 2), a2 = DoubleVector.broadcast(D, 3), a3 = DoubleVector.broadcast(D, 4), a4 = DoubleVector.broadcast(D, 5), a5 = DoubleVector.broadcast(D, 6), a6 = DoubleVector.broadcast(D, 7), a7 = DoubleVector.broadcast(D, 8);
        for (long r = 0; r < rounds; r++) { a0 = a0.fma(m, c); a1 = a1.fma(m, c); a2 = a2.fma(m, c); a3 = a3.fma(m, c); a4 = a4.fma(m, c); a5 = a5.fma(m, c); a6 = a6.fma(m, c); a7 = a7.fma(m, c); }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).reduceLanes(VectorOperators.ADD);
    }
    public static void main(String[] a) {
        double s = 0; for (int i = 0; i < 20000; i++) { s += f(16, 8); s += d(16); }
        long R = 1 << 24;
        for (int k = 0; k < 3; k++) {
            long t0 = System.nanoTime(); s += f(R, 8); long t1 = System.nanoTime(); s += d(R); long t2 = System.nanoTime();
            System.out.printf("f32 %.1f GFLOP/s (%.2f FMA-instr/ns)   f64 %.1f GFLOP/s (%.2f FMA-instr/ns)%n", 2.0*8*16*R/(t1-t0), 8.0*R/(t1-t0), 2.0*8*8*R/(t2-t1), 8.0*R/(t2-t1));
        }
        System.out.println(s);
    }
}
