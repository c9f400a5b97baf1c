// CUDA kernels of lanes' dense kernels (matmul, mlp-forward): C = A·B (+ bias) (then ReLU),
// A m × k, B k × n, C m × n, all row-major, f32 and f64, on CUDA cores (no tensor cores).
//
// Shared-memory tiled and register-blocked: a block of 256 threads computes a BM × BN tile
// of C, stepping through k in slices of BK. Each step stages A's BM × BK slice (transposed,
// so a thread reads its rows as one vector) and B's BK × BN slice in shared memory, double
// buffered so the loads of the next slice overlap the FMAs of this one. Each thread holds
// a TM × TN sub-tile of C in registers, split in two halves half a tile apart, so that the
// 16-byte shared-memory reads of neighbouring threads are contiguous (no bank conflicts).
// Edges of any size are handled by loading zeros outside A and B and not storing outside C.
// Each element of C sums over k in ascending order, one FMA per term.
//
// The same kernel reads A transposed (TA): C = Aᵀ·B with A stored k × m (lda ≥ m apart), the
// weight gradients Hᵀ·dZ of a training step; its threads then load A's slice along m, the
// direction A is contiguous in, so the loads stay coalesced.

// W contiguous elements read from shared memory as one (or, past 16 bytes, two) vector loads.
template <typename T, int W>
struct alignas(sizeof(T) * W) Pack {
    T v[W];
};

template <typename T, int BM, int BN, int BK, int TM, int TN, int PAD, bool TA>
__device__ __forceinline__ void gemm(const T* __restrict__ a, int lda, const T* __restrict__ b, const T* __restrict__ bias,
                                     int relu, T* __restrict__ c, int m, int n, int k) {
    const int THREADS_X = BN / TN;                   // 16
    const int THREADS = (BM / TM) * THREADS_X;       // 256
    const int A_LOADS = BM * BK / THREADS;
    const int B_LOADS = BK * BN / THREADS;
    // A's slice is stored transposed; PAD elements of padding per row (4 in f32) put the 8
    // rows a warp writes at once in different banks (without it, 8 threads share a bank).
    __shared__ __align__(16) T as[2][BK][BM + PAD];
    __shared__ __align__(16) T bs[2][BK][BN];

    int tx = threadIdx.x % THREADS_X;
    int ty = threadIdx.x / THREADS_X;
    int row0 = blockIdx.y * BM;
    int col0 = blockIdx.x * BN;

    T acc[TM][TN];
#pragma unroll
    for (int i = 0; i < TM; i++) {
#pragma unroll
        for (int j = 0; j < TN; j++) {
            acc[i][j] = 0;
        }
    }

    T a_next[A_LOADS];
    T b_next[B_LOADS];
    // A: thread t loads rows t / BK + r * (THREADS / BK) of column t % BK (TA: row t % BM of
    // column t / BM + r * (THREADS / BM)); B: row t / BN + r * (THREADS / BN), column t % BN.
    auto a_row = [&](int r) { return TA ? threadIdx.x % BM : threadIdx.x / BK + r * (THREADS / BK); };
    auto a_col = [&](int r) { return TA ? threadIdx.x / BM + r * (THREADS / BM) : threadIdx.x % BK; };
    auto load = [&](int p0) {
#pragma unroll
        for (int r = 0; r < A_LOADS; r++) {
            int gi = row0 + a_row(r);
            int gp = p0 + a_col(r);
            bool inside = gi < m && gp < k;
            a_next[r] = !inside ? T(0) : TA ? a[(long long)gp * lda + gi] : a[(long long)gi * lda + gp];
        }
#pragma unroll
        for (int r = 0; r < B_LOADS; r++) {
            int p = threadIdx.x / BN + r * (THREADS / BN);
            int j = threadIdx.x % BN;
            int gp = p0 + p;
            int gj = col0 + j;
            b_next[r] = gp < k && gj < n ? b[(long long)gp * n + gj] : T(0);
        }
    };
    auto store = [&](int buffer) {
#pragma unroll
        for (int r = 0; r < A_LOADS; r++) {
            as[buffer][a_col(r)][a_row(r)] = a_next[r];
        }
#pragma unroll
        for (int r = 0; r < B_LOADS; r++) {
            bs[buffer][threadIdx.x / BN + r * (THREADS / BN)][threadIdx.x % BN] = b_next[r];
        }
    };

    const int HALF_M = BM / 2;
    const int HALF_N = BN / 2;
    int steps = (k + BK - 1) / BK;
    load(0);
    store(0);
    __syncthreads();
    for (int s = 0; s < steps; s++) {
        int current = s & 1;
        if (s + 1 < steps) {
            load((s + 1) * BK);
        }
#pragma unroll
        for (int p = 0; p < BK; p++) {
            T av[TM];
            T bv[TN];
#pragma unroll
            for (int h = 0; h < 2; h++) {
                Pack<T, TM / 2> ap = *reinterpret_cast<const Pack<T, TM / 2>*>(&as[current][p][h * HALF_M + ty * (TM / 2)]);
                Pack<T, TN / 2> bp = *reinterpret_cast<const Pack<T, TN / 2>*>(&bs[current][p][h * HALF_N + tx * (TN / 2)]);
#pragma unroll
                for (int q = 0; q < TM / 2; q++) {
                    av[h * (TM / 2) + q] = ap.v[q];
                }
#pragma unroll
                for (int q = 0; q < TN / 2; q++) {
                    bv[h * (TN / 2) + q] = bp.v[q];
                }
            }
#pragma unroll
            for (int i = 0; i < TM; i++) {
#pragma unroll
                for (int j = 0; j < TN; j++) {
                    acc[i][j] = fma(av[i], bv[j], acc[i][j]);
                }
            }
        }
        if (s + 1 < steps) {
            store(current ^ 1);
        }
        __syncthreads();
    }

#pragma unroll
    for (int i = 0; i < TM; i++) {
        int gi = row0 + (i / (TM / 2)) * HALF_M + ty * (TM / 2) + i % (TM / 2);
        if (gi >= m) {
            continue;
        }
#pragma unroll
        for (int j = 0; j < TN; j++) {
            int gj = col0 + (j / (TN / 2)) * HALF_N + tx * (TN / 2) + j % (TN / 2);
            if (gj < n) {
                T v = acc[i][j];
                if (bias != nullptr) {
                    v += bias[gj];
                }
                if (relu && v < T(0)) {
                    v = T(0);
                }
                c[(long long)gi * n + gj] = v;
            }
        }
    }
}

extern "C" {

// Launch with 256 threads and a grid of (ceil(n / 128), ceil(m / 128)); bias may be null.
// At most 128 registers, so two blocks (512 threads) share an SM.
__global__ void __launch_bounds__(256, 2) gemm_f32(const float* __restrict__ a, const float* __restrict__ b,
                                                const float* __restrict__ bias, int relu, float* __restrict__ c,
                                                int m, int n, int k) {
    gemm<float, 128, 128, 8, 8, 8, 4, false>(a, k, b, bias, relu, c, m, n, k);
}

// Launch with 256 threads and a grid of (ceil(n / 64), ceil(m / 64)); bias may be null.
__global__ void __launch_bounds__(256) gemm_f64(const double* __restrict__ a, const double* __restrict__ b,
                                                const double* __restrict__ bias, int relu, double* __restrict__ c,
                                                int m, int n, int k) {
    gemm<double, 64, 64, 8, 4, 4, 0, false>(a, k, b, bias, relu, c, m, n, k);
}

// C = Aᵀ·B, A k × m with rows lda elements apart; geometry as gemm_f32's.
__global__ void __launch_bounds__(256, 2) gemm_tn_f32(const float* __restrict__ a, int lda, const float* __restrict__ b,
                                                   float* __restrict__ c, int m, int n, int k) {
    gemm<float, 128, 128, 8, 8, 8, 4, true>(a, lda, b, nullptr, 0, c, m, n, k);
}

// C = Aᵀ·B, A k × m with rows lda elements apart; geometry as gemm_f64's.
__global__ void __launch_bounds__(256) gemm_tn_f64(const double* __restrict__ a, int lda, const double* __restrict__ b,
                                                   double* __restrict__ c, int m, int n, int k) {
    gemm<double, 64, 64, 8, 4, 4, 0, true>(a, lda, b, nullptr, 0, c, m, n, k);
}

}
