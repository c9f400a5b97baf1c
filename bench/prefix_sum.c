// Baseline for lanes' prefix-sum: the inclusive scan of N f32 values as the classic OpenMP
// two-pass scan: each thread sums its contiguous share (an `omp simd` reduction, so gcc
// vectorizes it without -ffast-math), one thread turns the shares' totals into offsets,
// then each thread scans its share from its offset (an `omp simd` inscan loop, gcc's
// vectorized scan). Prints the median of ROUNDS after two warm-up rounds.
// Build: gcc -O3 -march=native -fopenmp prefix_sum.c -o prefix_sum
// Run:   OMP_NUM_THREADS=2 ./prefix_sum 100000000 7
#include <omp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static int cmp(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void scan(const float *restrict x, float *restrict out, long n) {
    float offsets[257] = {0};
#pragma omp parallel
    {
        int t = omp_get_thread_num(), threads = omp_get_num_threads();
        long lo = n * t / threads, hi = n * (t + 1) / threads;
        float total = 0;
#pragma omp simd reduction(+ : total)
        for (long i = lo; i < hi; i++) total += x[i];
        offsets[t + 1] = total;
#pragma omp barrier
#pragma omp single
        for (int k = 1; k <= threads; k++) offsets[k] += offsets[k - 1];
        float run = 0, base = offsets[t];
#pragma omp simd reduction(inscan, + : run)
        for (long i = lo; i < hi; i++) {
            run += x[i];
#pragma omp scan inclusive(run)
            out[i] = base + run;
        }
    }
}

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 100000000L;
    int rounds = argc > 2 ? atoi(argv[2]) : 7;
    float *x = aligned_alloc(64, sizeof(float) * n + 64), *out = aligned_alloc(64, sizeof(float) * n + 64);
#pragma omp parallel for schedule(static)
    for (long i = 0; i < n; i++) {
        uint64_t z = (i + 1) * 0x9E3779B97F4A7C15ULL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        x[i] = (float)(z >> 40) * 0x1.0p-24f;
        out[i] = 0;
    }
    double *times = malloc(sizeof(double) * rounds);
    for (int r = -2; r < rounds; r++) {
        double t0 = omp_get_wtime();
        scan(x, out, n);
        double t = omp_get_wtime() - t0;
        if (r >= 0) times[r] = t;
    }
    qsort(times, rounds, sizeof(double), cmp);
    double med = times[rounds / 2];
    printf("c prefix-sum n=%ld threads=%d median %.3f ms %.1f GB/s (3 passes of 4 bytes) last %.1f\n", n, omp_get_max_threads(),
           med * 1e3, 12.0 * n / med * 1e-9, out[n - 1]);
    return 0;
}
