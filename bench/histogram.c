// Baseline for lanes' histogram: N standard-normal f32 values (the same counter-based
// bits as lanes' generate, Box-Muller through libm: lanes sums its own series and keeps
// both values of a pair, so single values differ, the distribution and so the counting
// work do not; the data is made before the timed rounds, as in lanes) counted in B bins over [low, high] with
// numpy's rule, the way a C programmer would: OpenMP threads, each with a private
// histogram, merged at the end. Prints the median of ROUNDS after two warm-up rounds.
// Build: gcc -O3 -march=native -fopenmp histogram.c -o histogram -lm
// Run:   OMP_NUM_THREADS=2 ./histogram 100000000 256 -4 4 7
#include <math.h>
#include <omp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GAMMA 0x9E3779B97F4A7C15ULL

static inline double uniform(uint64_t seed, uint64_t counter) {
    uint64_t z = seed * GAMMA + (counter + 1) * GAMMA;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    z ^= z >> 31;
    return (double)(z >> 11) * 0x1.0p-53;
}

static int cmp(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 100000000L;
    int bins = argc > 2 ? atoi(argv[2]) : 256;
    double low = argc > 3 ? atof(argv[3]) : -4, high = argc > 4 ? atof(argv[4]) : 4;
    int rounds = argc > 5 ? atoi(argv[5]) : 7;
    float *x = malloc(sizeof(float) * n);
#pragma omp parallel for schedule(static)
    for (long i = 0; i < n; i++) {
        double u1 = 1.0 - uniform(5, 2 * (uint64_t)i), u2 = uniform(5, 2 * (uint64_t)i + 1);
        x[i] = (float)(sqrt(-2.0 * log(u1)) * cos(2.0 * M_PI * u2));
    }
    uint64_t *counts = calloc(bins, sizeof(uint64_t));
    double scale = bins / (high - low);
    double *times = malloc(sizeof(double) * rounds);
    for (int r = -2; r < rounds; r++) {
        double t0 = omp_get_wtime();
        memset(counts, 0, bins * sizeof(uint64_t));
#pragma omp parallel
        {
            uint64_t *mine = calloc(bins, sizeof(uint64_t));
#pragma omp for schedule(static)
            for (long i = 0; i < n; i++) {
                double v = x[i];
                if (v >= low && v <= high) {
                    int b = (int)((v - low) * scale);
                    mine[b < bins ? b : bins - 1]++;
                }
            }
#pragma omp critical
            for (int b = 0; b < bins; b++) counts[b] += mine[b];
            free(mine);
        }
        double t = omp_get_wtime() - t0;
        if (r >= 0) times[r] = t;
    }
    qsort(times, rounds, sizeof(double), cmp);
    double med = times[rounds / 2];
    printf("c histogram n=%ld bins=%d threads=%d median %.3f ms %.2f GB/s middle bin %lu\n", n, bins, omp_get_max_threads(),
           med * 1e3, n * sizeof(float) / med * 1e-9, (unsigned long)counts[bins / 2]);
    return 0;
}
