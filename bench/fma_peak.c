// The machine's FMA peak: each thread runs 12 independent register-resident vector FMA
// chains (enough to cover FMA latency x throughput), so nothing but the FMA units limits it.
// Every chain starts from a different value: equal starts let the compiler merge the chains.
// Prints GFLOP/s for f32 and f64 with the widest vectors the compiler targets.
// Build: gcc -O2 -march=native -fopenmp fma_peak.c -o fma_peak
// Run:   OMP_NUM_THREADS=2 ./fma_peak
#include <immintrin.h>
#include <omp.h>
#include <stdio.h>

#if defined(__AVX512F__)
typedef __m512 vf; typedef __m512d vd;
#define LANES_F 16
#define LANES_D 8
#define SETF _mm512_set1_ps
#define SETD _mm512_set1_pd
#define FMAF _mm512_fmadd_ps
#define FMAD _mm512_fmadd_pd
#define SUMF _mm512_reduce_add_ps
#define SUMD _mm512_reduce_add_pd
#else
typedef __m256 vf; typedef __m256d vd;
#define LANES_F 8
#define LANES_D 4
#define SETF _mm256_set1_ps
#define SETD _mm256_set1_pd
#define FMAF _mm256_fmadd_ps
#define FMAD _mm256_fmadd_pd
static float SUMF(__m256 v) { float t[8]; _mm256_storeu_ps(t, v); return t[0]; }
static double SUMD(__m256d v) { double t[4]; _mm256_storeu_pd(t, v); return t[0]; }
#endif

#define ITER 200000000L

static double run_f32(void) {
    double sink = 0;
    double t0 = omp_get_wtime();
#pragma omp parallel reduction(+ : sink)
    {
        vf x = SETF(0.999999f), y = SETF(1e-7f);
        vf a0 = SETF(1.0000f), a1 = SETF(1.0625f), a2 = SETF(1.1250f), a3 = SETF(1.1875f), a4 = SETF(1.2500f), a5 = SETF(1.3125f), a6 = SETF(1.3750f), a7 = SETF(1.4375f), a8 = SETF(1.5000f), a9 = SETF(1.5625f), a10 = SETF(1.6250f), a11 = SETF(1.6875f);
        for (long i = 0; i < ITER / 12; i++) {
            a0 = FMAF(a0, x, y); a1 = FMAF(a1, x, y); a2 = FMAF(a2, x, y); a3 = FMAF(a3, x, y);
            a4 = FMAF(a4, x, y); a5 = FMAF(a5, x, y); a6 = FMAF(a6, x, y); a7 = FMAF(a7, x, y);
            a8 = FMAF(a8, x, y); a9 = FMAF(a9, x, y); a10 = FMAF(a10, x, y); a11 = FMAF(a11, x, y);
        }
        sink += SUMF(a0) + SUMF(a1) + SUMF(a2) + SUMF(a3) + SUMF(a4) + SUMF(a5) + SUMF(a6) + SUMF(a7) + SUMF(a8) + SUMF(a9) + SUMF(a10) + SUMF(a11);
    }
    double t = omp_get_wtime() - t0;
    if (sink == 42) printf("!");
    return 2.0 * LANES_F * (ITER / 12 * 12) * omp_get_max_threads() / t * 1e-9;
}

static double run_f64(void) {
    double sink = 0;
    double t0 = omp_get_wtime();
#pragma omp parallel reduction(+ : sink)
    {
        vd x = SETD(0.999999), y = SETD(1e-7);
        vd a0 = SETD(1.0000), a1 = SETD(1.0625), a2 = SETD(1.1250), a3 = SETD(1.1875), a4 = SETD(1.2500), a5 = SETD(1.3125), a6 = SETD(1.3750), a7 = SETD(1.4375), a8 = SETD(1.5000), a9 = SETD(1.5625), a10 = SETD(1.6250), a11 = SETD(1.6875);
        for (long i = 0; i < ITER / 12; i++) {
            a0 = FMAD(a0, x, y); a1 = FMAD(a1, x, y); a2 = FMAD(a2, x, y); a3 = FMAD(a3, x, y);
            a4 = FMAD(a4, x, y); a5 = FMAD(a5, x, y); a6 = FMAD(a6, x, y); a7 = FMAD(a7, x, y);
            a8 = FMAD(a8, x, y); a9 = FMAD(a9, x, y); a10 = FMAD(a10, x, y); a11 = FMAD(a11, x, y);
        }
        sink += SUMD(a0) + SUMD(a1) + SUMD(a2) + SUMD(a3) + SUMD(a4) + SUMD(a5) + SUMD(a6) + SUMD(a7) + SUMD(a8) + SUMD(a9) + SUMD(a10) + SUMD(a11);
    }
    double t = omp_get_wtime() - t0;
    if (sink == 42) printf("!");
    return 2.0 * LANES_D * (ITER / 12 * 12) * omp_get_max_threads() / t * 1e-9;
}

int main(void) {
    double best_f = 0, best_d = 0;
    for (int r = 0; r < 5; r++) {
        double f = run_f32(), d = run_f64();
        if (f > best_f) best_f = f;
        if (d > best_d) best_d = d;
    }
    printf("fma peak threads=%d vector=%d-bit f32 %.1f GFLOP/s f64 %.1f GFLOP/s (best of 5)\n",
           omp_get_max_threads(), LANES_F * 32, best_f, best_d);
    return 0;
}
