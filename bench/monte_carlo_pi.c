// Baseline for lanes' monte-carlo-pi: the same counter-based generator (SplitMix64's
// finalizer over a Weyl sequence; sample i uses counters 2i and 2i+1), OpenMP over the
// sample range, so each thread draws its own counter block. Prints the median of ROUNDS.
// Build: gcc -O3 -march=native -fopenmp monte_carlo_pi.c -o monte_carlo_pi
// Run:   OMP_NUM_THREADS=2 ./monte_carlo_pi 100000000 7 2026
#include <omp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

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
    int rounds = argc > 2 ? atoi(argv[2]) : 7;
    uint64_t seed = argc > 3 ? strtoull(argv[3], 0, 10) : 2026;
    double *times = malloc(sizeof(double) * rounds);
    long inside = 0;
    for (int r = -2; r < rounds; r++) {
        double t0 = omp_get_wtime();
        inside = 0;
#pragma omp parallel for reduction(+ : inside) schedule(static)
        for (long i = 0; i < n; i++) {
            double x = uniform(seed, 2 * (uint64_t)i), y = uniform(seed, 2 * (uint64_t)i + 1);
            inside += x * x + y * y < 1.0;
        }
        double t = omp_get_wtime() - t0;
        if (r >= 0) times[r] = t;
    }
    qsort(times, rounds, sizeof(double), cmp);
    printf("c monte-carlo-pi n=%ld threads=%d median %.3f ms %.1f Msamples/s pi=%.9f\n", n, omp_get_max_threads(),
           times[rounds / 2] * 1e3, n / times[rounds / 2] * 1e-6, 4.0 * inside / n);
    return 0;
}
