// Baseline for lanes' stencil2d: a 3x3 (or 5x5) Gaussian blur of an H x W f32 image, edges
// clamped, written the way a C programmer would: OpenMP over rows, the interior columns in a
// plain loop that gcc -O3 -march=native vectorizes, the clamped edges apart. Prints the
// median of ROUNDS after two warm-up rounds; output buffer allocated and touched once.
// Build: gcc -O3 -march=native -fopenmp stencil2d.c -o stencil2d
// Run:   OMP_NUM_THREADS=2 ./stencil2d 8192 8192 3 7
#include <omp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static int cmp(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static inline int clampi(int v, int lo, int hi) { return v < lo ? lo : v > hi ? hi : v; }

#define BLUR(S)                                                                                   \
    static void blur##S(const float *restrict in, float *restrict out, int h, int w, const float *k) { \
        const int r = S / 2;                                                                      \
        _Pragma("omp parallel for schedule(static)")                                              \
        for (int y = 0; y < h; y++) {                                                             \
            const float *rows[S];                                                                 \
            for (int d = 0; d < S; d++) rows[d] = in + (size_t)clampi(y + d - r, 0, h - 1) * w;   \
            float *o = out + (size_t)y * w;                                                       \
            for (int x = r; x < w - r; x++) {                                                     \
                float acc = 0;                                                                    \
                for (int dy = 0; dy < S; dy++)                                                    \
                    for (int dx = 0; dx < S; dx++) acc += k[dy * S + dx] * rows[dy][x + dx - r];  \
                o[x] = acc;                                                                       \
            }                                                                                     \
            for (int e = 0; e < 2 * r; e++) { /* the r clamped columns at each edge */            \
                int x = e < r ? e : w - 2 * r + e;                                                \
                if (x < 0 || x >= w || (e >= r && x < r)) continue;                               \
                float acc = 0;                                                                    \
                for (int dy = 0; dy < S; dy++)                                                    \
                    for (int dx = 0; dx < S; dx++) acc += k[dy * S + dx] * rows[dy][clampi(x + dx - r, 0, w - 1)]; \
                o[x] = acc;                                                                       \
            }                                                                                     \
        }                                                                                         \
    }
BLUR(3)
BLUR(5)

int main(int argc, char **argv) {
    int h = argc > 1 ? atoi(argv[1]) : 8192, w = argc > 2 ? atoi(argv[2]) : 8192;
    int s = argc > 3 ? atoi(argv[3]) : 3, rounds = argc > 4 ? atoi(argv[4]) : 7;
    float *in = aligned_alloc(64, (size_t)h * w * sizeof(float) + 64);
    float *out = aligned_alloc(64, (size_t)h * w * sizeof(float) + 64);
#pragma omp parallel for schedule(static)
    for (size_t i = 0; i < (size_t)h * w; i++) {
        uint64_t v = (i + 1) * 0x9E3779B97F4A7C15ULL;
        v = (v ^ (v >> 30)) * 0xBF58476D1CE4E5B9ULL;
        in[i] = (float)(v >> 40) * 0x1.0p-24f;
        out[i] = 0;
    }
    float k[25];
    const float line3[3] = {1, 2, 1}, line5[5] = {1, 4, 6, 4, 1};
    for (int i = 0; i < s; i++)
        for (int j = 0; j < s; j++) k[i * s + j] = (s == 3 ? line3[i] * line3[j] / 16 : line5[i] * line5[j] / 256);
    double *times = malloc(sizeof(double) * rounds);
    for (int r = -2; r < rounds; r++) {
        double t0 = omp_get_wtime();
        if (s == 3) blur3(in, out, h, w, k); else blur5(in, out, h, w, k);
        double t = omp_get_wtime() - t0;
        if (r >= 0) times[r] = t;
    }
    qsort(times, rounds, sizeof(double), cmp);
    double med = times[rounds / 2];
    printf("c stencil2d %dx%d %dx%d threads=%d median %.3f ms %.1f GB/s %.1f GFLOP/s check %.6f\n", h, w, s, s,
           omp_get_max_threads(), med * 1e3, 8.0 * h * w / med * 1e-9, 2.0 * s * s * h * w / med * 1e-9,
           (double)out[(size_t)(h / 2) * w + w / 2] + out[0] + out[(size_t)h * w - 1]);
    return 0;
}
