package dev.lanes.core.exec;

/** Eight independent scalar FMA chains: enough to cover a 4-cycle FMA on two pipes. */
final class ScalarPeakOps implements PeakOps {
    private static final int CHAINS = 8;

    @Override
    public double fmaRoundsF32(long rounds, double[] sink) {
        float a0 = 1, a1 = 2, a2 = 3, a3 = 4, a4 = 5, a5 = 6, a6 = 7, a7 = 8;
        float m = 0.999999f;
        float c = 1e-7f;
        for (long r = 0; r < rounds; r++) {
            a0 = Math.fma(a0, m, c);
            a1 = Math.fma(a1, m, c);
            a2 = Math.fma(a2, m, c);
            a3 = Math.fma(a3, m, c);
            a4 = Math.fma(a4, m, c);
            a5 = Math.fma(a5, m, c);
            a6 = Math.fma(a6, m, c);
            a7 = Math.fma(a7, m, c);
        }
        sink[0] += a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7;
        return 2.0 * CHAINS * rounds;
    }

    @Override
    public double fmaRoundsF64(long rounds, double[] sink) {
        double a0 = 1, a1 = 2, a2 = 3, a3 = 4, a4 = 5, a5 = 6, a6 = 7, a7 = 8;
        double m = 0.999999999;
        double c = 1e-12;
        for (long r = 0; r < rounds; r++) {
            a0 = Math.fma(a0, m, c);
            a1 = Math.fma(a1, m, c);
            a2 = Math.fma(a2, m, c);
            a3 = Math.fma(a3, m, c);
            a4 = Math.fma(a4, m, c);
            a5 = Math.fma(a5, m, c);
            a6 = Math.fma(a6, m, c);
            a7 = Math.fma(a7, m, c);
        }
        sink[0] += a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7;
        return 2.0 * CHAINS * rounds;
    }
}
