// A stand-in for the NVIDIA driver's libcuda.so.1, for tests on machines without a GPU:
// the part of the driver API that lanes calls, with "device" memory in host memory, every
// operation done at once (a valid schedule for one stream), events that read the host's
// clock, and launches that run lanes' very kernels on the CPU emulation (cuda_emu.h).
// With it on LD_LIBRARY_PATH, JCuda, the GPU backend and the runner run end to end; the
// kernels' arithmetic is checked against the scalar reference as on a real device.
//
// Built by EmulatedDriverTest:
//   g++ -std=c++20 -shared -fPIC -Wl,-soname,libcuda.so.1 -include cuda_emu.h fake_libcuda.cpp
#include "../../main/cuda/array_kernels.cu"
#include "../../main/cuda/dense_kernels.cu"
#include "../../main/cuda/image_kernels.cu"

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <map>
#include <mutex>
#include <string>

namespace {

typedef int CUresult;
const CUresult OK = 0;
const CUresult INVALID_VALUE = 1;
const CUresult OUT_OF_MEMORY = 2;
const CUresult NOT_FOUND = 500;

// The device's memory: 8 GiB, or FAKE_CUDA_MEMORY_MIB to test running out of it.
long long deviceMemory() {
    static long long bytes = std::getenv("FAKE_CUDA_MEMORY_MIB") ? std::atoll(std::getenv("FAKE_CUDA_MEMORY_MIB")) << 20 : 8LL << 30;
    return bytes;
}

// FAKE_CUDA_FAIL_KERNEL: the kernel whose launches fail (CUDA_ERROR_LAUNCH_FAILED), to test that path.
bool failing(const std::string& kernel) {
    const char* name = std::getenv("FAKE_CUDA_FAIL_KERNEL");
    return name != nullptr && kernel == name;
}

const CUresult LAUNCH_FAILED = 719;

// FAKE_CUDA_INIT_ERROR: what cuInit returns (e.g. 100, no device); FAKE_CUDA_DEVICES: how many
// devices there are; FAKE_CUDA_DRIVER_VERSION: the CUDA release the driver says it supports
// (e.g. 12040); FAKE_CUDA_PTX_ERROR: what loading a module returns (e.g. 222, a driver too old
// for the PTX). The absence paths, which a real machine cannot be told to take.
int envInt(const char* name, int otherwise) {
    const char* value = std::getenv(name);
    return value == nullptr ? otherwise : std::atoi(value);
}

struct Function {
    std::string name;
    std::function<void(void**, dim3, dim3, size_t)> run;
};

struct Event {
    std::chrono::steady_clock::time_point at;
};

std::mutex lock;
long long allocated = 0;
std::map<void*, size_t> allocations;

// The parameter i of a launch, as cuLaunchKernel passes it: a pointer to its value.
template <typename T>
T param(void** params, int i) {
    T value;
    std::memcpy(&value, params[i], sizeof(T));
    return value;
}

#define ARG(i, T) param<T>(p, i)

std::map<std::string, Function> kernels() {
    std::map<std::string, Function> k;
    auto add = [&](const char* name, std::function<void(void**, dim3, dim3, size_t)> run) { k[name] = Function{name, run}; };
    add("sum_of_squares_f32", [](void** p, dim3 g, dim3 b, size_t s) {
        emu::launch(sum_of_squares_f32, g, b, s, ARG(0, const float*), ARG(1, long long), ARG(2, double*)); });
    add("sum_of_squares_f64", [](void** p, dim3 g, dim3 b, size_t s) {
        emu::launch(sum_of_squares_f64, g, b, s, ARG(0, const double*), ARG(1, long long), ARG(2, double*)); });
    add("dot_f32", [](void** p, dim3 g, dim3 b, size_t s) {
        emu::launch(dot_f32, g, b, s, ARG(0, const float*), ARG(1, const float*), ARG(2, long long), ARG(3, double*)); });
    add("dot_f64", [](void** p, dim3 g, dim3 b, size_t s) {
        emu::launch(dot_f64, g, b, s, ARG(0, const double*), ARG(1, const double*), ARG(2, long long), ARG(3, double*)); });
    add("axpy_f32", [](void** p, dim3 g, dim3 b, size_t s) {
        emu::launch(axpy_f32, g, b, s, ARG(0, float), ARG(1, const float*), ARG(2, float*), ARG(3, long long)); });
    add("axpy_f64", [](void** p, dim3 g, dim3 b, size_t s) {
        emu::launch(axpy_f64, g, b, s, ARG(0, double), ARG(1, const double*), ARG(2, double*), ARG(3, long long)); });
    add("row_sum_of_squares_f32", [](void** p, dim3 g, dim3 b, size_t s) {
        emu::launch(row_sum_of_squares_f32, g, b, s, ARG(0, const float*), ARG(1, long long), ARG(2, long long), ARG(3, double*)); });
    add("row_sum_of_squares_f64", [](void** p, dim3 g, dim3 b, size_t s) {
        emu::launch(row_sum_of_squares_f64, g, b, s, ARG(0, const double*), ARG(1, long long), ARG(2, long long), ARG(3, double*)); });
    add("monte_carlo_pi", [](void** p, dim3 g, dim3 b, size_t s) {
        emu::launch(monte_carlo_pi, g, b, s, ARG(0, long long), ARG(1, long long), ARG(2, long long), ARG(3, unsigned long long*)); });
    add("gemm_f32", [](void** p, dim3 g, dim3 b, size_t s) {
        emu::launch(gemm_f32, g, b, s, ARG(0, const float*), ARG(1, const float*), ARG(2, const float*), ARG(3, int),
                    ARG(4, float*), ARG(5, int), ARG(6, int), ARG(7, int)); });
    add("gemm_f64", [](void** p, dim3 g, dim3 b, size_t s) {
        emu::launch(gemm_f64, g, b, s, ARG(0, const double*), ARG(1, const double*), ARG(2, const double*), ARG(3, int),
                    ARG(4, double*), ARG(5, int), ARG(6, int), ARG(7, int)); });
    add("stencil3_f32", [](void** p, dim3 g, dim3 b, size_t s) {
        emu::launch(stencil3_f32, g, b, s, ARG(0, const float*), ARG(1, int), ARG(2, int), ARG(3, const float*), ARG(4, float*),
                    ARG(5, int)); });
    add("stencil5_f32", [](void** p, dim3 g, dim3 b, size_t s) {
        emu::launch(stencil5_f32, g, b, s, ARG(0, const float*), ARG(1, int), ARG(2, int), ARG(3, const float*), ARG(4, float*),
                    ARG(5, int)); });
    for (const char* type : {"f32", "f64"}) {
        bool f32 = std::string(type) == "f32";
        for (const char* variant : {"shared", "global"}) {
            bool shared = std::string(variant) == "shared";
            std::string name = std::string("histogram_") + variant + "_" + type;
            add(name.c_str(), [f32, shared](void** p, dim3 g, dim3 b, size_t s) {
                if (f32) {
                    emu::launch(shared ? histogram_shared_f32 : histogram_global_f32, g, b, s, ARG(0, const float*), ARG(1, long long),
                                ARG(2, double), ARG(3, double), ARG(4, double), ARG(5, int), ARG(6, unsigned long long*));
                } else {
                    emu::launch(shared ? histogram_shared_f64 : histogram_global_f64, g, b, s, ARG(0, const double*), ARG(1, long long),
                                ARG(2, double), ARG(3, double), ARG(4, double), ARG(5, int), ARG(6, unsigned long long*));
                }
            });
        }
    }
    add("fma_peak_f32", [](void** p, dim3 g, dim3 b, size_t s) {
        emu::launch(fma_peak_f32, g, b, s, ARG(0, float*), ARG(1, int), ARG(2, float)); });
    add("fma_peak_f64", [](void** p, dim3 g, dim3 b, size_t s) {
        emu::launch(fma_peak_f64, g, b, s, ARG(0, double*), ARG(1, int), ARG(2, double)); });
    add("noop", [](void**, dim3 g, dim3 b, size_t s) { emu::launch(noop, g, b, s); });
    return k;
}

std::map<std::string, Function>& table() {
    static std::map<std::string, Function> t = kernels();
    return t;
}

void* at(unsigned long long address) {
    return reinterpret_cast<void*>(address);
}

}  // namespace

extern "C" {

CUresult cuInit(unsigned) { return envInt("FAKE_CUDA_INIT_ERROR", OK); }
CUresult cuDriverGetVersion(int* version) { *version = envInt("FAKE_CUDA_DRIVER_VERSION", 13000); return OK; }
CUresult cuDeviceGetCount(int* count) { *count = envInt("FAKE_CUDA_DEVICES", 1); return OK; }
CUresult cuDeviceGet(int* device, int ordinal) { *device = ordinal; return ordinal == 0 ? OK : INVALID_VALUE; }

CUresult cuDeviceGetName(char* name, int length, int) {
    std::strncpy(name, "lanes CPU emulation of CUDA", length);
    return OK;
}

CUresult cuDeviceGetAttribute(int* value, int attribute, int) {
    switch (attribute) {
        case 16: *value = 2; return OK;          // multiprocessors: few, so grid-stride loops wrap
        case 8: *value = 48 * 1024; return OK;   // shared memory per block
        case 75: *value = 9; return OK;          // compute capability 9.0
        case 76: *value = 0; return OK;
        default: *value = 0; return OK;
    }
}

CUresult cuDeviceTotalMem_v2(size_t* bytes, int) { *bytes = deviceMemory(); return OK; }

CUresult cuDevicePrimaryCtxRetain(void** context, int) { *context = reinterpret_cast<void*>(0x1); return OK; }
CUresult cuDevicePrimaryCtxRelease_v2(int) { return OK; }
CUresult cuCtxSetCurrent(void*) { return OK; }

CUresult cuStreamCreate(void** stream, unsigned) { *stream = reinterpret_cast<void*>(0x2); return OK; }
CUresult cuStreamDestroy_v2(void*) { return OK; }
CUresult cuStreamSynchronize(void*) { return OK; }

CUresult cuModuleLoadDataEx(void** module, const void* image, unsigned, void*, void**) {
    if (envInt("FAKE_CUDA_PTX_ERROR", OK) != OK) {
        return envInt("FAKE_CUDA_PTX_ERROR", OK);
    }
    // the PTX is not compiled: its kernels are the emulated ones; that it came NUL-terminated is checked
    if (image == nullptr || std::strstr(static_cast<const char*>(image), ".visible .entry") == nullptr) {
        return 218;   // CUDA_ERROR_INVALID_PTX
    }
    *module = reinterpret_cast<void*>(0x3);
    return OK;
}

CUresult cuModuleUnload(void*) { return OK; }

CUresult cuModuleGetFunction(void** function, void*, const char* name) {
    auto found = table().find(name);
    if (found == table().end()) {
        return NOT_FOUND;
    }
    *function = &found->second;
    return OK;
}

CUresult cuLaunchKernel(void* function, unsigned gx, unsigned gy, unsigned gz, unsigned bx, unsigned by, unsigned bz,
                        unsigned shared, void*, void** params, void**) {
    if (bx * by * bz > 1024 || gy > 65535 || gz > 65535 || gx == 0 || bx == 0) {
        return INVALID_VALUE;
    }
    Function* f = static_cast<Function*>(function);
    if (failing(f->name)) {
        return LAUNCH_FAILED;
    }
    f->run(params, dim3{gx, gy, gz}, dim3{bx, by, bz}, shared);
    return OK;
}

CUresult cuMemAlloc_v2(unsigned long long* pointer, size_t bytes) {
    std::lock_guard<std::mutex> guard(lock);
    if (allocated + (long long)bytes > deviceMemory()) {
        return OUT_OF_MEMORY;
    }
    void* p = std::aligned_alloc(256, (bytes + 255) / 256 * 256);
    if (p == nullptr) {
        return OUT_OF_MEMORY;
    }
    allocations[p] = bytes;
    allocated += bytes;
    *pointer = reinterpret_cast<unsigned long long>(p);
    return OK;
}

CUresult cuMemFree_v2(unsigned long long pointer) {
    std::lock_guard<std::mutex> guard(lock);
    auto found = allocations.find(at(pointer));
    if (found == allocations.end()) {
        return INVALID_VALUE;
    }
    allocated -= found->second;
    allocations.erase(found);
    std::free(at(pointer));
    return OK;
}

CUresult cuMemGetInfo_v2(size_t* free, size_t* total) {
    std::lock_guard<std::mutex> guard(lock);
    *free = deviceMemory() - allocated;
    *total = deviceMemory();
    return OK;
}

CUresult cuMemHostAlloc(void** pointer, size_t bytes, unsigned) {
    *pointer = std::aligned_alloc(4096, (bytes + 4095) / 4096 * 4096);
    return *pointer == nullptr ? OUT_OF_MEMORY : OK;
}

CUresult cuMemFreeHost(void* pointer) { std::free(pointer); return OK; }

CUresult cuMemcpyHtoDAsync_v2(unsigned long long to, const void* from, size_t bytes, void*) {
    std::memcpy(at(to), from, bytes);
    return OK;
}

CUresult cuMemcpyDtoHAsync_v2(void* to, unsigned long long from, size_t bytes, void*) {
    std::memcpy(to, at(from), bytes);
    return OK;
}

CUresult cuMemcpyDtoDAsync_v2(unsigned long long to, unsigned long long from, size_t bytes, void*) {
    std::memmove(at(to), at(from), bytes);
    return OK;
}

CUresult cuMemsetD8Async(unsigned long long to, unsigned char value, size_t bytes, void*) {
    std::memset(at(to), value, bytes);
    return OK;
}

CUresult cuEventCreate(void** event, unsigned) { *event = new Event(); return OK; }
CUresult cuEventDestroy_v2(void* event) { delete static_cast<Event*>(event); return OK; }
CUresult cuEventRecord(void* event, void*) { static_cast<Event*>(event)->at = std::chrono::steady_clock::now(); return OK; }
CUresult cuEventSynchronize(void*) { return OK; }

CUresult cuEventElapsedTime(float* millis, void* start, void* stop) {
    *millis = std::chrono::duration<float, std::milli>(static_cast<Event*>(stop)->at - static_cast<Event*>(start)->at).count();
    return OK;
}

}
