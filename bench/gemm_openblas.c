// Baseline for lanes' matmul: cblas_sgemm / cblas_dgemm from the system OpenBLAS on
// seeded n x n matrices, uniform in [-1, 1). Prints the median of ROUNDS timed calls
// (after 2 warm-up calls) in ms and GFLOP/s. Threads: OPENBLAS_NUM_THREADS.
// Build: gcc -O2 gemm_openblas.c -o gemm_openblas -lopenblas
// Run:   OPENBLAS_NUM_THREADS=2 ./gemm_openblas f32 2048 7
#include <cblas.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static int cmp(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: %s f32|f64 N [ROUNDS]\n", argv[0]);
        return 2;
    }
    int f32 = strcmp(argv[1], "f32") == 0;
    long n = atol(argv[2]);
    int rounds = argc > 3 ? atoi(argv[3]) : 7;
    size_t bytes = (size_t)n * n * (f32 ? 4 : 8);
    void *a = aligned_alloc(64, bytes), *b = aligned_alloc(64, bytes), *c = aligned_alloc(64, bytes);
    srand(42);
    for (long i = 0; i < n * n; i++) {
        double x = 2.0 * rand() / RAND_MAX - 1, y = 2.0 * rand() / RAND_MAX - 1;
        if (f32) { ((float *)a)[i] = x; ((float *)b)[i] = y; } else { ((double *)a)[i] = x; ((double *)b)[i] = y; }
    }
    double *times = malloc(sizeof(double) * rounds);
    for (int r = -2; r < rounds; r++) {
        double t0 = now();
        if (f32) cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1.0f, a, n, b, n, 0.0f, c, n);
        else cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1.0, a, n, b, n, 0.0, c, n);
        double t = now() - t0;
        if (r >= 0) times[r] = t;
    }
    qsort(times, rounds, sizeof(double), cmp);
    double median = times[rounds / 2];
    printf("openblas %s n=%ld threads=%s median %.2f ms %.1f GFLOP/s (core: %s)\n", argv[1], n,
           getenv("OPENBLAS_NUM_THREADS") ? getenv("OPENBLAS_NUM_THREADS") : "default", median * 1e3,
           2.0 * n * n * n / median * 1e-9, openblas_get_corename());
    return 0;
}
