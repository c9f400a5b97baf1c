// CUDA kernels of the parts of an mlp-train step around its matrix products (which are
// dense_kernels.cu's gemm and gemm_tn), f32 and f64: packing (a copy, as the device reads B
// row-major, and a transpose), the softmax cross-entropy gradient, bias gradients, ReLU's
// derivative, and the sum of the shards' gradients with the SGD update. Each sums in the
// order the CPU's loops sum (TrainingLoops), so they agree to the bits wherever the CPU
// makes no other choice (the softmax's exp and log are the device's own). Compiled to PTX by
// gpu/build-ptx.sh, like the other modules.

// to[i] = from[i], i < n, grid-stride.
template <typename T>
__device__ __forceinline__ void copy_elements(const T* __restrict__ from, T* __restrict__ to, long long n) {
    long long stride = (long long)gridDim.x * blockDim.x;
    for (long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x; i < n; i += stride) {
        to[i] = from[i];
    }
}

// Rows [p0, p1) of B = Tᵀ, T n × k row-major, B k × n row-major: b[p * n + j] = t[j * k + p].
// A block of 32 × 8 threads moves a 32 × 32 tile through shared memory (one column of padding,
// so the tile's columns are in different banks), reading along T's rows and writing along B's.
// Launch with a grid of (ceil(n / 32), ceil((p1 - p0) / 32)).
const int TRANSPOSE_TILE = 32;
const int TRANSPOSE_ROWS = 8;

template <typename T>
__device__ __forceinline__ void transpose(const T* __restrict__ t, T* __restrict__ b, int k, int n, int p0, int p1) {
    __shared__ T tile[TRANSPOSE_TILE][TRANSPOSE_TILE + 1];
    int j0 = blockIdx.x * TRANSPOSE_TILE;
    int q0 = p0 + blockIdx.y * TRANSPOSE_TILE;
    for (int r = threadIdx.y; r < TRANSPOSE_TILE; r += TRANSPOSE_ROWS) {
        int j = j0 + r;
        int p = q0 + threadIdx.x;
        if (j < n && p < p1) {
            tile[r][threadIdx.x] = t[(long long)j * k + p];
        }
    }
    __syncthreads();
    for (int r = threadIdx.y; r < TRANSPOSE_TILE; r += TRANSPOSE_ROWS) {
        int p = q0 + r;
        int j = j0 + threadIdx.x;
        if (j < n && p < p1) {
            b[(long long)p * n + j] = tile[threadIdx.x][r];
        }
    }
}

// Rows [r0, r1) of the gradient of the mean softmax cross-entropy at the logits, one thread
// per row, grid-stride, in f64 whatever T: (softmax(z) − onehot(y)) / batch, and the row's
// loss log Σ exp(z − max) − (z_y − max) in row_loss[r].
template <typename T>
__device__ __forceinline__ void softmax_gradient(const T* __restrict__ logits, const int* __restrict__ labels, int classes,
                                                 int batch, T* __restrict__ gradient, double* __restrict__ row_loss,
                                                 int r0, int r1) {
    int stride = gridDim.x * blockDim.x;
    for (int r = r0 + blockIdx.x * blockDim.x + threadIdx.x; r < r1; r += stride) {
        const T* z = logits + (long long)r * classes;
        T* g = gradient + (long long)r * classes;
        double max = -INFINITY;
        for (int c = 0; c < classes; c++) {
            max = fmax(max, (double)z[c]);
        }
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            sum += exp((double)z[c] - max);
        }
        int label = labels[r];
        row_loss[r] = log(sum) - ((double)z[label] - max);
        for (int c = 0; c < classes; c++) {
            g[c] = (T)((exp((double)z[c] - max) / sum - (c == label ? 1.0 : 0.0)) / batch);
        }
    }
}

// g[j] = Σ over rows [r0, r1) of dz[r * n + j], in row order, one thread per column, grid-stride.
template <typename T>
__device__ __forceinline__ void bias_gradient(const T* __restrict__ dz, int n, int r0, int r1, T* __restrict__ g) {
    int stride = gridDim.x * blockDim.x;
    for (int j = blockIdx.x * blockDim.x + threadIdx.x; j < n; j += stride) {
        T sum = 0;
        for (int r = r0; r < r1; r++) {
            sum += dz[(long long)r * n + j];
        }
        g[j] = sum;
    }
}

// ReLU's derivative on a gradient: g[i] = 0 where the layer's output h[i] is not positive, i < n.
template <typename T>
__device__ __forceinline__ void relu_gradient(T* __restrict__ g, const T* __restrict__ h, long long n) {
    long long stride = (long long)gridDim.x * blockDim.x;
    for (long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x; i < n; i += stride) {
        if (!(h[i] > T(0))) {
            g[i] = T(0);
        }
    }
}

// sum[i] += g[i], i < n: one shard's gradients added to the running sum, shard after shard.
template <typename T>
__device__ __forceinline__ void accumulate(T* __restrict__ sum, const T* __restrict__ g, long long n) {
    long long stride = (long long)gridDim.x * blockDim.x;
    for (long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x; i < n; i += stride) {
        sum[i] += g[i];
    }
}

// p[i] = rate · g[i] + p[i] with one rounding (rate = −η), i < n.
template <typename T>
__device__ __forceinline__ void sgd_update(T* __restrict__ p, const T* __restrict__ g, T rate, long long n) {
    long long stride = (long long)gridDim.x * blockDim.x;
    for (long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x; i < n; i += stride) {
        p[i] = fma(rate, g[i], p[i]);
    }
}

extern "C" {

// The one-dimensional kernels launch with 256 threads and LaunchGeometry.gridStride's grid.
__global__ void copy_f32(const float* __restrict__ from, float* __restrict__ to, long long n) {
    copy_elements(from, to, n);
}

__global__ void copy_f64(const double* __restrict__ from, double* __restrict__ to, long long n) {
    copy_elements(from, to, n);
}

// 32 × 8 threads per block, LaunchGeometry.transpose's grid.
__global__ void transpose_f32(const float* __restrict__ t, float* __restrict__ b, int k, int n, int p0, int p1) {
    transpose(t, b, k, n, p0, p1);
}

__global__ void transpose_f64(const double* __restrict__ t, double* __restrict__ b, int k, int n, int p0, int p1) {
    transpose(t, b, k, n, p0, p1);
}

__global__ void softmax_gradient_f32(const float* __restrict__ logits, const int* __restrict__ labels, int classes, int batch,
                                     float* __restrict__ gradient, double* __restrict__ row_loss, int r0, int r1) {
    softmax_gradient(logits, labels, classes, batch, gradient, row_loss, r0, r1);
}

__global__ void softmax_gradient_f64(const double* __restrict__ logits, const int* __restrict__ labels, int classes, int batch,
                                     double* __restrict__ gradient, double* __restrict__ row_loss, int r0, int r1) {
    softmax_gradient(logits, labels, classes, batch, gradient, row_loss, r0, r1);
}

__global__ void bias_gradient_f32(const float* __restrict__ dz, int n, int r0, int r1, float* __restrict__ g) {
    bias_gradient(dz, n, r0, r1, g);
}

__global__ void bias_gradient_f64(const double* __restrict__ dz, int n, int r0, int r1, double* __restrict__ g) {
    bias_gradient(dz, n, r0, r1, g);
}

__global__ void relu_gradient_f32(float* __restrict__ g, const float* __restrict__ h, long long n) {
    relu_gradient(g, h, n);
}

__global__ void relu_gradient_f64(double* __restrict__ g, const double* __restrict__ h, long long n) {
    relu_gradient(g, h, n);
}

__global__ void accumulate_f32(float* __restrict__ sum, const float* __restrict__ g, long long n) {
    accumulate(sum, g, n);
}

__global__ void accumulate_f64(double* __restrict__ sum, const double* __restrict__ g, long long n) {
    accumulate(sum, g, n);
}

__global__ void sgd_update_f32(float* __restrict__ p, const float* __restrict__ g, float rate, long long n) {
    sgd_update(p, g, rate, n);
}

__global__ void sgd_update_f64(double* __restrict__ p, const double* __restrict__ g, double rate, long long n) {
    sgd_update(p, g, rate, n);
}

}
