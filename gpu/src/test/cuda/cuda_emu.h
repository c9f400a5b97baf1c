// Just enough of CUDA, on CPU threads, to run lanes' kernels where there is no GPU: every
// CUDA thread of a block is a std::thread, blocks run one after another, __syncthreads is a
// barrier over the block, a warp shuffle is an exchange through memory between two
// barriers of the warp, __shared__ variables are function statics (one block runs at a
// time), and atomics are std::atomic_ref. It checks the kernels' logic — indexing, edges,
// tiling, synchronisation, the order of floating-point operations — not their speed.
// One launch runs at a time (the state below is global), as on one CUDA stream.
//
// Limits, all met by lanes' kernels: every thread of a block reaches each __syncthreads,
// and every lane of a warp each shuffle; blocks have at most 1024 threads.
#pragma once

#include <atomic>
#include <barrier>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <thread>
#include <vector>
#include <algorithm>

#define __global__
#define __device__
#define __host__
#define __forceinline__ inline
#define __restrict__ __restrict
#define __launch_bounds__(...)
#define __align__(n) __attribute__((aligned(n)))
#define __shared__ static

struct dim3 {
    unsigned x = 1, y = 1, z = 1;
};

inline thread_local dim3 threadIdx;
inline thread_local dim3 blockIdx;
inline dim3 blockDim;
inline dim3 gridDim;

struct alignas(16) float4 { float x, y, z, w; };
struct alignas(16) double2 { double x, y; };
struct alignas(32) double4 { double x, y, z, w; };

using std::fma;
using std::max;
using std::min;

inline float __fmaf_rn(float a, float b, float c) { return std::fma(a, b, c); }
inline double __dadd_rn(double a, double b) { return a + b; }
inline double __dsub_rn(double a, double b) { return a - b; }
inline double __dmul_rn(double a, double b) { return a * b; }
inline int __double2int_rz(double x) { return static_cast<int>(x); }

namespace emu {

struct Warp {
    std::barrier<> barrier{32};
    alignas(8) unsigned char slots[32][8];
};

struct Block {
    explicit Block(unsigned threads) : barrier(threads), warps((threads + 31) / 32) {}
    std::barrier<> barrier;
    std::vector<Warp> warps;
    std::vector<unsigned char> dynamicShared;
};

inline Block* block = nullptr;

inline unsigned linearThread() {
    return threadIdx.x + threadIdx.y * blockDim.x + threadIdx.z * blockDim.x * blockDim.y;
}

// Runs kernel(args...) over the grid. One OS thread per CUDA thread of a block, made once
// per launch: each runs its thread of every block in turn, and a barrier after each block
// keeps the blocks apart (the block's __shared__ statics are reused by the next one, as a
// GPU reuses shared memory: kernels must not expect it cleared).
template <typename Kernel, typename... Args>
void launch(Kernel kernel, dim3 grid, dim3 threads, size_t sharedBytes, Args... args) {
    gridDim = grid;
    blockDim = threads;
    unsigned count = threads.x * threads.y * threads.z;
    unsigned long long blocks = (unsigned long long)grid.x * grid.y * grid.z;
    Block b(count);
    b.dynamicShared.assign(sharedBytes + 16, 0xAB);   // garbage, as on a GPU: kernels must clear what they use
    block = &b;
    std::barrier<> betweenBlocks(count);
    std::vector<std::thread> pool;
    pool.reserve(count);
    for (unsigned t = 0; t < count; t++) {
        pool.emplace_back([&, t] {
            threadIdx = dim3{t % threads.x, (t / threads.x) % threads.y, t / (threads.x * threads.y)};
            for (unsigned long long i = 0; i < blocks; i++) {
                blockIdx = dim3{(unsigned)(i % grid.x), (unsigned)(i / grid.x % grid.y), (unsigned)(i / grid.x / grid.y)};
                kernel(args...);
                betweenBlocks.arrive_and_wait();
            }
        });
    }
    for (auto& th : pool) {
        th.join();
    }
    block = nullptr;
}

}  // namespace emu

#define LANES_DYNAMIC_SHARED(type, name) type* name = reinterpret_cast<type*>(emu::block->dynamicShared.data())

inline void __syncthreads() {
    emu::block->barrier.arrive_and_wait();
}

template <typename T>
T __shfl_down_sync(unsigned, T value, int delta) {
    static_assert(sizeof(T) <= 8, "a shuffle moves at most 8 bytes");
    unsigned t = emu::linearThread();
    emu::Warp& warp = emu::block->warps[t / 32];
    unsigned lane = t % 32;
    std::memcpy(warp.slots[lane], &value, sizeof(T));
    warp.barrier.arrive_and_wait();
    T result = value;
    if (lane + delta < 32) {
        std::memcpy(&result, warp.slots[lane + delta], sizeof(T));
    }
    warp.barrier.arrive_and_wait();
    return result;
}

inline unsigned atomicAdd(unsigned* address, unsigned value) {
    return std::atomic_ref<unsigned>(*address).fetch_add(value);
}

inline unsigned long long atomicAdd(unsigned long long* address, unsigned long long value) {
    return std::atomic_ref<unsigned long long>(*address).fetch_add(value);
}
