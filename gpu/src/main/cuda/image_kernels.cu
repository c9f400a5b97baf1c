// CUDA kernels of lanes' stencil2d and histogram kernels.

// ---- stencil2d ----------------------------------------------------------------------------
// A SIZE × SIZE convolution of an f32 image, edges clamped. A block of 32 × 8 threads stages
// its tile plus a halo of SIZE / 2 pixels in shared memory (coordinates clamped as it loads,
// so the inner loop has no edge cases), then each thread computes one pixel with the
// reference's FMAs in the reference's order — acc = fma(w[dy][dx], in[..], acc) over dy,
// then dx, from 0 — so the GPU gives the CPU's bits.

#define STENCIL_BX 32
#define STENCIL_BY 8

template <int SIZE>
__device__ __forceinline__ void stencil(const float* __restrict__ image, int height, int width,
                                        const float* __restrict__ weights, float* __restrict__ out, int tiles_across) {
    const int R = SIZE / 2;
    const int TW = STENCIL_BX + 2 * R;
    const int TH = STENCIL_BY + 2 * R;
    __shared__ float tile[TH][TW];
    __shared__ float w[SIZE * SIZE];
    // Tiles are numbered row by row in one grid dimension: a tall image can need more than
    // the 65535 tile rows a grid's y dimension allows.
    int x0 = (blockIdx.x % tiles_across) * STENCIL_BX;
    int y0 = (blockIdx.x / tiles_across) * STENCIL_BY;
    int t = threadIdx.y * STENCIL_BX + threadIdx.x;
    if (t < SIZE * SIZE) {
        w[t] = weights[t];
    }
    for (int i = t; i < TH * TW; i += STENCIL_BX * STENCIL_BY) {
        int ty = i / TW;
        int tx = i % TW;
        int y = min(max(y0 + ty - R, 0), height - 1);
        int x = min(max(x0 + tx - R, 0), width - 1);
        tile[ty][tx] = image[(long long)y * width + x];
    }
    __syncthreads();
    int x = x0 + threadIdx.x;
    int y = y0 + threadIdx.y;
    if (x < width && y < height) {
        float acc = 0.0f;
#pragma unroll
        for (int dy = 0; dy < SIZE; dy++) {
#pragma unroll
            for (int dx = 0; dx < SIZE; dx++) {
                acc = __fmaf_rn(w[dy * SIZE + dx], tile[threadIdx.y + dy][threadIdx.x + dx], acc);
            }
        }
        out[(long long)y * width + x] = acc;
    }
}

// Dynamic shared memory; the CPU emulation used by the tests (gpu/src/test/cuda) defines it its own way.
#ifndef LANES_DYNAMIC_SHARED
#define LANES_DYNAMIC_SHARED(type, name) extern __shared__ type name[]
#endif

// ---- histogram ----------------------------------------------------------------------------
// Bin of x: min((int) ((x - low) * scale), bins - 1) for low <= x <= high, in f64 with each
// operation rounded as Java rounds it; others (and NaN) are not counted. Counts are exact.

__device__ __forceinline__ int bin_of(double x, double low, double high, double scale, int bins) {
    if (!(x >= low && x <= high)) {
        return -1;
    }
    return min(__double2int_rz(__dmul_rn(__dsub_rn(x, low), scale)), bins - 1);
}

// Privatized: each block counts into its own shared-memory histogram, then adds it to the
// global 64-bit counts. 32-bit counters suffice: n is a Java array's length, below 2^31.
// Needs bins * 4 bytes of dynamic shared memory.
template <typename T>
__device__ __forceinline__ void histogram_shared(const T* __restrict__ x, long long n, double low, double high,
                                                 double scale, int bins, unsigned long long* __restrict__ counts) {
    LANES_DYNAMIC_SHARED(unsigned int, local);
    for (int b = threadIdx.x; b < bins; b += blockDim.x) {
        local[b] = 0;
    }
    __syncthreads();
    long long stride = (long long)gridDim.x * blockDim.x;
    for (long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x; i < n; i += stride) {
        int b = bin_of((double)x[i], low, high, scale, bins);
        if (b >= 0) {
            atomicAdd(&local[b], 1u);
        }
    }
    __syncthreads();
    for (int b = threadIdx.x; b < bins; b += blockDim.x) {
        if (local[b] != 0) {
            atomicAdd(&counts[b], (unsigned long long)local[b]);
        }
    }
}

// Too many bins for shared memory: straight to the global counts (spread out, so contention is low).
template <typename T>
__device__ __forceinline__ void histogram_global(const T* __restrict__ x, long long n, double low, double high,
                                                 double scale, int bins, unsigned long long* __restrict__ counts) {
    long long stride = (long long)gridDim.x * blockDim.x;
    for (long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x; i < n; i += stride) {
        int b = bin_of((double)x[i], low, high, scale, bins);
        if (b >= 0) {
            atomicAdd(&counts[b], 1ull);
        }
    }
}

extern "C" {

// Launch with 32 × 8 threads and ceil(width / 32) · ceil(height / 8) blocks, tiles_across = ceil(width / 32).
__global__ void stencil3_f32(const float* __restrict__ image, int height, int width, const float* __restrict__ weights,
                             float* __restrict__ out, int tiles_across) {
    stencil<3>(image, height, width, weights, out, tiles_across);
}

__global__ void stencil5_f32(const float* __restrict__ image, int height, int width, const float* __restrict__ weights,
                             float* __restrict__ out, int tiles_across) {
    stencil<5>(image, height, width, weights, out, tiles_across);
}

__global__ void histogram_shared_f32(const float* __restrict__ x, long long n, double low, double high, double scale,
                                     int bins, unsigned long long* __restrict__ counts) {
    histogram_shared(x, n, low, high, scale, bins, counts);
}

__global__ void histogram_shared_f64(const double* __restrict__ x, long long n, double low, double high, double scale,
                                     int bins, unsigned long long* __restrict__ counts) {
    histogram_shared(x, n, low, high, scale, bins, counts);
}

__global__ void histogram_global_f32(const float* __restrict__ x, long long n, double low, double high, double scale,
                                     int bins, unsigned long long* __restrict__ counts) {
    histogram_global(x, n, low, high, scale, bins, counts);
}

__global__ void histogram_global_f64(const double* __restrict__ x, long long n, double low, double high, double scale,
                                     int bins, unsigned long long* __restrict__ counts) {
    histogram_global(x, n, low, high, scale, bins, counts);
}

}
