/* Baseline for lanes' sum-of-squares: the same loop in C with OpenMP.
 * Build: gcc -O3 -march=native -fopenmp sum_of_squares.c -o sum_of_squares
 * (-DOFFSET=2 starts the data 16 bytes past a 64-byte boundary, where a Java double[]'s
 * data starts: bench/experiments uses it to show what misaligned loads cost)
 * Usage: sum_of_squares N ITERATIONS   (threads from OMP_NUM_THREADS)
 * Prints the median time of ITERATIONS timed calls after 5 warm-up calls, and GB/s
 * counting 8 bytes read per element, the same count lanes uses. */
#include <omp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e9 + t.tv_nsec;
}

static int compare(const void *a, const void *b) {
    double x = *(const double *) a, y = *(const double *) b;
    return (x > y) - (x < y);
}

static double sum_of_squares(const double *x, long n) {
    double sum = 0;
#pragma omp parallel for simd reduction(+ : sum) schedule(static)
    for (long i = 0; i < n; i++) {
        sum += x[i] * x[i];
    }
    return sum;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s N ITERATIONS\n", argv[0]);
        return 2;
    }
    long n = atol(argv[1]);
    int iterations = atoi(argv[2]);
#ifndef OFFSET
#define OFFSET 0
#endif
    double *block = aligned_alloc(64, ((n * sizeof(double) + 127) / 64) * 64);
    double *x = block + OFFSET;
    /* first touch in parallel, as the threads that read it will */
#pragma omp parallel for schedule(static)
    for (long i = 0; i < n; i++) {
        uint64_t z = (uint64_t) (i + 1) * 0x9E3779B97F4A7C15ULL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        x[i] = (z >> 11) * 0x1.0p-53;
    }
    volatile double sink = 0;
    for (int i = 0; i < 5; i++) {
        sink += sum_of_squares(x, n);
    }
    double *samples = malloc(sizeof(double) * iterations);
    for (int i = 0; i < iterations; i++) {
        double t0 = now_ns();
        double s = sum_of_squares(x, n);
        double t1 = now_ns();
        sink += s;
        samples[i] = t1 - t0;
    }
    qsort(samples, iterations, sizeof(double), compare);
    double median = iterations % 2 ? samples[iterations / 2] : (samples[iterations / 2 - 1] + samples[iterations / 2]) / 2;
    printf("threads=%d n=%ld median_ns=%.0f gbps=%.3f\n", omp_get_max_threads(), n, median, n * 8.0 / median);
    free(samples);
    free(block);
    return sink == 42 ? 1 : 0;
}
