// CUDA kernels of lanes' array kernels (sum-of-squares, dot, axpy), f64 and f32.
//
// Reductions make one pass over the data: each block folds a grid-stride share with FMAs,
// reduces it with warp shuffles, and writes one partial; the host adds the partials (a few
// hundred) in block order, so a given launch geometry gives the same result on every run
// (atomics would not). Compiled to PTX by gpu/build-ptx.sh; the PTX is committed under
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

template <typename T>
__device__ __forceinline__ void sum_of_squares(const T* __restrict__ x, long long n, T* __restrict__ partials) {
    T acc = 0;
    long long stride = (long long)gridDim.x * blockDim.x;
    for (long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x; i < n; i += stride) {
        T v = x[i];
        acc = fma(v, v, acc);
    }
    acc = block_sum(acc);
    if (threadIdx.x == 0) {
        partials[blockIdx.x] = acc;
    }
}

template <typename T>
__device__ __forceinline__ void dot(const T* __restrict__ x, const T* __restrict__ y, long long n, T* __restrict__ partials) {
    T acc = 0;
    long long stride = (long long)gridDim.x * blockDim.x;
    for (long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x; i < n; i += stride) {
        acc = fma(x[i], y[i], acc);
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

extern "C" {

__global__ void sum_of_squares_f64(const double* __restrict__ x, long long n, double* __restrict__ partials) {
    sum_of_squares(x, n, partials);
}

__global__ void sum_of_squares_f32(const float* __restrict__ x, long long n, float* __restrict__ partials) {
    sum_of_squares(x, n, partials);
}

__global__ void dot_f64(const double* __restrict__ x, const double* __restrict__ y, long long n, double* __restrict__ partials) {
    dot(x, y, n, partials);
}

__global__ void dot_f32(const float* __restrict__ x, const float* __restrict__ y, long long n, float* __restrict__ partials) {
    dot(x, y, n, partials);
}

__global__ void axpy_f64(double a, const double* __restrict__ x, double* __restrict__ y, long long n) {
    axpy(a, x, y, n);
}

__global__ void axpy_f32(float a, const float* __restrict__ x, float* __restrict__ y, long long n) {
    axpy(a, x, y, n);
}

}
