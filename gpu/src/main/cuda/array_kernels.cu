// CUDA kernels of lanes' array kernels (sum-of-squares, dot, axpy, row-sum-of-squares,
// monte-carlo-pi), f64 and f32.
//
// Reductions make one pass over the data: each block folds a grid-stride share with FMAs,
// reduces it with warp shuffles, and writes one partial; the host adds the partials (a few
// hundred) in block order, so a given launch geometry gives the same result on every run
// (atomics would not). f32 data is accumulated in f64: the squares and products of two
// f32 values are exact in f64, and the bandwidth-bound kernels have FP64 to spare. Compiled to PTX by gpu/build-ptx.sh; the PTX is committed under
// src/main/resources and loaded with cuModuleLoadDataEx.

template <typename T>
__device__ __forceinline__ T warp_sum(T v) {
    for (int offset = 16; offset > 0; offset >>= 1) {
        v += __shfl_down_sync(0xffffffffu, v, offset);
    }
    return v;
}

// The sum of v over the block, valid in thread 0. blockDim.x must be a multiple of 32, at most 1024.
template <typename T>
__device__ __forceinline__ T block_sum(T v) {
    __shared__ T warps[32];
    int lane = threadIdx.x & 31;
    int warp = threadIdx.x >> 5;
    v = warp_sum(v);
    if (lane == 0) {
        warps[warp] = v;
    }
    __syncthreads();
    v = threadIdx.x < (blockDim.x >> 5) ? warps[lane] : T(0);
    if (warp == 0) {
        v = warp_sum(v);
    }
    return v;
}

// 16-byte vectors of each element type, for loads that keep the memory system busy with
// fewer instructions: an H100 needs them to come near its copy bandwidth.
template <typename T> struct vec16;
template <> struct vec16<float> {
    typedef float4 type;
    static const int lanes = 4;
    __device__ static double squares(float4 v) {
        double a = v.x, b = v.y, c = v.z, d = v.w;
        return fma(a, a, b * b) + fma(c, c, d * d);
    }
    __device__ static double products(float4 v, float4 w) {
        return fma((double)v.x, (double)w.x, (double)v.y * w.y) + fma((double)v.z, (double)w.z, (double)v.w * w.w);
    }
};
template <> struct vec16<double> {
    typedef double2 type;
    static const int lanes = 2;
    __device__ static double squares(double2 v) {
        return fma(v.x, v.x, v.y * v.y);
    }
    __device__ static double products(double2 v, double2 w) {
        return fma(v.x, w.x, v.y * w.y);
    }
};

__device__ __forceinline__ bool aligned16(const void* p) {
    return ((unsigned long long)p & 15) == 0;
}

// The grid-stride share of this thread: whole 16-byte vectors where x is aligned, then the tail.
template <typename T>
__device__ __forceinline__ void sum_of_squares(const T* __restrict__ x, long long n, double* __restrict__ partials) {
    typedef typename vec16<T>::type V;
    const int lanes = vec16<T>::lanes;
    double acc = 0;
    long long tid = (long long)blockIdx.x * blockDim.x + threadIdx.x;
    long long stride = (long long)gridDim.x * blockDim.x;
    long long head = 0;
    if (aligned16(x)) {
        long long vectors = n / lanes;
        const V* xv = reinterpret_cast<const V*>(x);
        for (long long i = tid; i < vectors; i += stride) {
            acc += vec16<T>::squares(xv[i]);
        }
        head = vectors * lanes;
    }
    for (long long i = head + tid; i < n; i += stride) {
        double v = x[i];
        acc = fma(v, v, acc);
    }
    acc = block_sum(acc);
    if (threadIdx.x == 0) {
        partials[blockIdx.x] = acc;
    }
}

template <typename T>
__device__ __forceinline__ void dot(const T* __restrict__ x, const T* __restrict__ y, long long n, double* __restrict__ partials) {
    typedef typename vec16<T>::type V;
    const int lanes = vec16<T>::lanes;
    double acc = 0;
    long long tid = (long long)blockIdx.x * blockDim.x + threadIdx.x;
    long long stride = (long long)gridDim.x * blockDim.x;
    long long head = 0;
    if (aligned16(x) && aligned16(y)) {
        long long vectors = n / lanes;
        const V* xv = reinterpret_cast<const V*>(x);
        const V* yv = reinterpret_cast<const V*>(y);
        for (long long i = tid; i < vectors; i += stride) {
            acc += vec16<T>::products(xv[i], yv[i]);
        }
        head = vectors * lanes;
    }
    for (long long i = head + tid; i < n; i += stride) {
        acc = fma((double)x[i], (double)y[i], acc);
    }
    acc = block_sum(acc);
    if (threadIdx.x == 0) {
        partials[blockIdx.x] = acc;
    }
}

// y <- a*x + y, one fused multiply-add per element, as the CPU backends compute it.
template <typename T>
__device__ __forceinline__ void axpy(T a, const T* __restrict__ x, T* __restrict__ y, long long n) {
    long long stride = (long long)gridDim.x * blockDim.x;
    for (long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x; i < n; i += stride) {
        y[i] = fma(a, x[i], y[i]);
    }
}


// One warp per row, rows taken grid-stride: out[r] = sum over the row of x^2, in f64.
template <typename T>
__device__ __forceinline__ void row_sum_of_squares(const T* __restrict__ x, long long rows, long long cols,
                                                   double* __restrict__ out) {
    int lane = threadIdx.x & 31;
    long long warp = ((long long)blockIdx.x * blockDim.x + threadIdx.x) >> 5;
    long long warps = ((long long)gridDim.x * blockDim.x) >> 5;
    for (long long r = warp; r < rows; r += warps) {
        const T* row = x + r * cols;
        double acc = 0;
        for (long long c = lane; c < cols; c += 32) {
            double v = row[c];
            acc = fma(v, v, acc);
        }
        acc = warp_sum(acc);
        if (lane == 0) {
            out[r] = acc;
        }
    }
}

// CounterRandom.bits of lanes' core: SplitMix64's finalizer over a Weyl sequence, in the
// same wrapping 64-bit arithmetic as Java's long.
__device__ __forceinline__ unsigned long long counter_bits(unsigned long long seed, unsigned long long counter) {
    const unsigned long long golden = 0x9E3779B97F4A7C15ull;
    unsigned long long z = seed * golden + (counter + 1) * golden;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

// CounterRandom.uniform: 53 random bits scaled into [0, 1), exact.
__device__ __forceinline__ double counter_uniform(unsigned long long seed, unsigned long long counter) {
    return (double)(counter_bits(seed, counter) >> 11) * 0x1.0p-53;
}

// ---- calibration ----------------------------------------------------------------------------

// The FMA throughput of the CUDA cores: every thread runs 8 independent chains of
// `iterations` FMAs (2 FLOP each), enough in flight to hide the FMA latency. The sum is
// stored only when it equals `never`, which the host never passes, so nothing is dropped.
template <typename T>
__device__ __forceinline__ void fma_peak(T* out, int iterations, T never) {
    T seed = (T)threadIdx.x * (T)1e-3;
    T a0 = seed, a1 = seed + 1, a2 = seed + 2, a3 = seed + 3, a4 = seed + 4, a5 = seed + 5, a6 = seed + 6, a7 = seed + 7;
    const T m = (T)0.999999;
    const T c = (T)1e-6;
#pragma unroll 4
    for (int i = 0; i < iterations; i++) {
        a0 = fma(a0, m, c);
        a1 = fma(a1, m, c);
        a2 = fma(a2, m, c);
        a3 = fma(a3, m, c);
        a4 = fma(a4, m, c);
        a5 = fma(a5, m, c);
        a6 = fma(a6, m, c);
        a7 = fma(a7, m, c);
    }
    T sum = ((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7));
    if (sum == never) {
        out[blockIdx.x * blockDim.x + threadIdx.x] = sum;
    }
}

extern "C" {

__global__ void sum_of_squares_f64(const double* __restrict__ x, long long n, double* __restrict__ partials) {
    sum_of_squares(x, n, partials);
}

__global__ void sum_of_squares_f32(const float* __restrict__ x, long long n, double* __restrict__ partials) {
    sum_of_squares(x, n, partials);
}

__global__ void dot_f64(const double* __restrict__ x, const double* __restrict__ y, long long n, double* __restrict__ partials) {
    dot(x, y, n, partials);
}

__global__ void dot_f32(const float* __restrict__ x, const float* __restrict__ y, long long n, double* __restrict__ partials) {
    dot(x, y, n, partials);
}

__global__ void axpy_f64(double a, const double* __restrict__ x, double* __restrict__ y, long long n) {
    axpy(a, x, y, n);
}

__global__ void axpy_f32(float a, const float* __restrict__ x, float* __restrict__ y, long long n) {
    axpy(a, x, y, n);
}

__global__ void row_sum_of_squares_f64(const double* __restrict__ x, long long rows, long long cols, double* __restrict__ out) {
    row_sum_of_squares(x, rows, cols, out);
}

__global__ void row_sum_of_squares_f32(const float* __restrict__ x, long long rows, long long cols, double* __restrict__ out) {
    row_sum_of_squares(x, rows, cols, out);
}

// Samples [from, to): sample i is the point (u(2i), u(2i+1)); inside when x*x + y*y < 1 with
// each product and the sum rounded separately, as Java computes it (no contraction to an
// FMA, which could move a point across the circle). One partial count per block.
__global__ void monte_carlo_pi(long long seed, long long from, long long to, unsigned long long* __restrict__ partials) {
    unsigned long long inside = 0;
    long long stride = (long long)gridDim.x * blockDim.x;
    for (long long i = from + (long long)blockIdx.x * blockDim.x + threadIdx.x; i < to; i += stride) {
        double x = counter_uniform(seed, 2ull * i);
        double y = counter_uniform(seed, 2ull * i + 1);
        inside += __dadd_rn(__dmul_rn(x, x), __dmul_rn(y, y)) < 1.0 ? 1 : 0;
    }
    inside = block_sum(inside);
    if (threadIdx.x == 0) {
        partials[blockIdx.x] = inside;
    }
}

// ---- calibration kernels ------------------------------------------------------------------

__global__ void fma_peak_f32(float* out, int iterations, float never) {
    fma_peak(out, iterations, never);
}

__global__ void fma_peak_f64(double* out, int iterations, double never) {
    fma_peak(out, iterations, never);
}

// Launch and completion cost alone.
__global__ void noop() {
}

}
