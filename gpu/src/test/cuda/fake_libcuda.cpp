// A stand-in for the NVIDIA driver's libcuda.so.1, for tests on machines without a GPU:
// the part of the driver API that lanes calls, with "device" memory in host memory and
// launches that run lanes' very kernels on the CPU emulation (cuda_emu.h). With it on
// LD_LIBRARY_PATH, JCuda, the GPU backend and the runner run end to end; the kernels'
// arithmetic is checked against the scalar reference as on a real device.
//
// It keeps the driver's asynchrony, since that is where host code goes wrong: work enqueued
// on a stream (copies to or from pinned memory, memsets, launches, event records) runs
// later, in order, on a thread of its own, each operation FAKE_CUDA_LAG_US microseconds
// (default 200) after the previous one; only a synchronisation waits for it. A host that
// reads pinned memory before its copy has finished, or reuses a staging buffer still being
// copied, reads or sends the wrong bytes, and the tests' results show it. As on a real
// device, copies from or to pageable memory wait for the stream and are done when the call
// returns (refused instead with FAKE_CUDA_PINNED_ONLY=1, as lanes' rule is to copy from pinned
// memory only); cuMemFree waits for the stream; an event's elapsed time is CUDA_ERROR_NOT_READY
// until both events have happened; and a kernel that fails (FAKE_CUDA_FAIL_KERNEL) is
// reported by later calls, not by its launch, and leaves the context unusable.
//
// Built by EmulatedDriverTest:
//   g++ -std=c++20 -shared -fPIC -pthread -Wl,-soname,libcuda.so.1 -include cuda_emu.h fake_libcuda.cpp
#include "../../main/cuda/array_kernels.cu"
#include "../../main/cuda/dense_kernels.cu"
#include "../../main/cuda/image_kernels.cu"
#include "../../main/cuda/training_kernels.cu"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <tuple>
#include <utility>

namespace {

typedef int CUresult;
const CUresult OK = 0;
const CUresult INVALID_VALUE = 1;
const CUresult OUT_OF_MEMORY = 2;
const CUresult INVALID_HANDLE = 400;
const CUresult NOT_FOUND = 500;
const CUresult NOT_READY = 600;
const CUresult LAUNCH_OUT_OF_RESOURCES = 701;
const CUresult LAUNCH_FAILED = 719;

// FAKE_CUDA_INIT_ERROR: what cuInit returns (e.g. 100, no device); FAKE_CUDA_DEVICES: how many
// devices there are; FAKE_CUDA_DRIVER_VERSION: the CUDA release the driver says it supports
// (e.g. 12040); FAKE_CUDA_PTX_ERROR: what loading a module returns (e.g. 222, a driver too old
// for the PTX). The absence paths, which a real machine cannot be told to take.
int envInt(const char* name, int otherwise) {
    const char* value = std::getenv(name);
    return value == nullptr ? otherwise : std::atoi(value);
}

// The device's memory: 8 GiB, or FAKE_CUDA_MEMORY_MIB to test running out of it.
long long deviceMemory() {
    static long long bytes = (long long)envInt("FAKE_CUDA_MEMORY_MIB", 8192) << 20;
    return bytes;
}

// FAKE_CUDA_FAIL_KERNEL: the kernel that fails while it runs (CUDA_ERROR_LAUNCH_FAILED, a sticky
// error); FAKE_CUDA_REFUSE_KERNEL: the kernel whose launches are refused at once
// (CUDA_ERROR_LAUNCH_OUT_OF_RESOURCES, after which the context goes on).
bool named(const char* variable, const std::string& kernel) {
    const char* name = std::getenv(variable);
    return name != nullptr && kernel == name;
}

// ---- the stream: one, in order, on its own thread ---------------------------------------------

// The first error of an operation that ran on the stream: every later call returns it, as the
// driver does after an illegal address or a failed launch.
std::atomic<CUresult> sticky{OK};

class Stream {
public:
    // Enqueues op; returns its sequence number (it has run once completed() reaches it).
    unsigned long long enqueue(std::function<void()> op) {
        std::lock_guard<std::mutex> guard(mutex);
        if (!started) {
            std::thread([this] { work(); }).detach();   // lives as long as the process: no join at exit
            started = true;
        }
        queue.emplace_back(++enqueued, std::move(op));
        changed.notify_all();
        return enqueued;
    }

    // Waits until operation seq has run (everything enqueued so far, for 0).
    void waitFor(unsigned long long seq = 0) {
        std::unique_lock<std::mutex> guard(mutex);
        unsigned long long until = seq == 0 ? enqueued : seq;
        changed.wait(guard, [&] { return completed >= until; });
    }

    bool done(unsigned long long seq) {
        std::lock_guard<std::mutex> guard(mutex);
        return completed >= seq;
    }

private:
    void work() {
        const auto lag = std::chrono::microseconds(envInt("FAKE_CUDA_LAG_US", 200));
        for (;;) {
            std::pair<unsigned long long, std::function<void()>> next;
            {
                std::unique_lock<std::mutex> guard(mutex);
                changed.wait(guard, [&] { return !queue.empty(); });
                next = std::move(queue.front());
                queue.pop_front();
            }
            std::this_thread::sleep_for(lag);
            if (sticky.load() == OK) {
                next.second();    // after a sticky error the device does nothing more
            }
            std::lock_guard<std::mutex> guard(mutex);
            completed = next.first;
            changed.notify_all();
        }
    }

    std::mutex mutex;
    std::condition_variable changed;
    std::deque<std::pair<unsigned long long, std::function<void()>>> queue;
    unsigned long long enqueued = 0;
    unsigned long long completed = 0;
    bool started = false;
};

Stream& stream() {
    static Stream* s = new Stream();   // never destroyed: its thread may outlive static destruction
    return *s;
}

// ---- memory -----------------------------------------------------------------------------------

std::mutex lock;
long long allocated = 0;
std::map<void*, size_t> allocations;
std::map<const char*, size_t> pinned;    // cuMemHostAlloc's blocks: copies to or from them are asynchronous

bool isPinned(const void* pointer, size_t bytes) {
    std::lock_guard<std::mutex> guard(lock);
    const char* p = static_cast<const char*>(pointer);
    auto after = pinned.upper_bound(p);
    if (after == pinned.begin()) {
        return false;
    }
    auto block = std::prev(after);
    return p + bytes <= block->first + block->second;
}

void* at(unsigned long long address) {
    return reinterpret_cast<void*>(address);
}

// A copy in stream order: enqueued where the host side is pinned, else done now after the stream drains.
CUresult copy(void* to, const void* from, size_t bytes, bool host, const void* hostSide) {
    if (sticky.load() != OK) {
        return sticky.load();
    }
    if (host && !isPinned(hostSide, bytes)) {
        if (envInt("FAKE_CUDA_PINNED_ONLY", 0) != 0) {
            return INVALID_VALUE;    // lanes' rule: async copies only from pinned memory (a pageable one is a hidden synchronous copy)
        }
        stream().waitFor();
        if (sticky.load() != OK) {
            return sticky.load();
        }
        std::memmove(to, from, bytes);
        return OK;
    }
    stream().enqueue([=] { std::memmove(to, from, bytes); });
    return OK;
}

// ---- kernels ----------------------------------------------------------------------------------

// A kernel of the table: it reads its arguments at launch, as the driver does (JCuda frees
// them when cuLaunchKernel returns), and gives back the launch to run on the stream.
struct Function {
    std::string name;
    std::function<std::function<void()>(void**, dim3, dim3, size_t)> bind;
};

// The parameter i of a launch, as cuLaunchKernel passes it: a pointer to its value.
template <typename T>
T param(void** params, size_t i) {
    T value;
    std::memcpy(&value, params[i], sizeof(T));
    return value;
}

// The arguments' types come from the kernel's own signature, so they cannot disagree with it.
template <typename... A, size_t... I>
std::function<void()> bindArguments(void (*kernel)(A...), void** p, dim3 g, dim3 b, size_t s, std::index_sequence<I...>) {
    std::tuple<std::decay_t<A>...> args{param<std::decay_t<A>>(p, I)...};
    return [=] { std::apply([&](auto... a) { emu::launch(kernel, g, b, s, a...); }, args); };
}

template <typename... A>
Function function(const char* name, void (*kernel)(A...)) {
    return Function{name, [kernel](void** p, dim3 g, dim3 b, size_t s) {
        return bindArguments(kernel, p, g, b, s, std::index_sequence_for<A...>{});
    }};
}

std::map<std::string, Function> kernels() {
    std::map<std::string, Function> k;
    auto add = [&](const char* name, auto kernel) { k.emplace(name, function(name, kernel)); };
    add("sum_of_squares_f32", sum_of_squares_f32);
    add("sum_of_squares_f64", sum_of_squares_f64);
    add("dot_f32", dot_f32);
    add("dot_f64", dot_f64);
    add("axpy_f32", axpy_f32);
    add("axpy_f64", axpy_f64);
    add("row_sum_of_squares_f32", row_sum_of_squares_f32);
    add("row_sum_of_squares_f64", row_sum_of_squares_f64);
    add("monte_carlo_pi", monte_carlo_pi);
    add("gemm_f32", gemm_f32);
    add("gemm_f64", gemm_f64);
    add("gemm_tn_f32", gemm_tn_f32);
    add("gemm_tn_f64", gemm_tn_f64);
    add("copy_f32", copy_f32);
    add("copy_f64", copy_f64);
    add("transpose_f32", transpose_f32);
    add("transpose_f64", transpose_f64);
    add("softmax_gradient_f32", softmax_gradient_f32);
    add("softmax_gradient_f64", softmax_gradient_f64);
    add("bias_gradient_f32", bias_gradient_f32);
    add("bias_gradient_f64", bias_gradient_f64);
    add("relu_gradient_f32", relu_gradient_f32);
    add("relu_gradient_f64", relu_gradient_f64);
    add("accumulate_f32", accumulate_f32);
    add("accumulate_f64", accumulate_f64);
    add("sgd_update_f32", sgd_update_f32);
    add("sgd_update_f64", sgd_update_f64);
    add("stencil3_f32", stencil3_f32);
    add("stencil5_f32", stencil5_f32);
    add("histogram_shared_f32", histogram_shared_f32);
    add("histogram_global_f32", histogram_global_f32);
    add("histogram_shared_f64", histogram_shared_f64);
    add("histogram_global_f64", histogram_global_f64);
    add("fma_peak_f32", fma_peak_f32);
    add("fma_peak_f64", fma_peak_f64);
    add("noop", noop);
    return k;
}

std::map<std::string, Function>& table() {
    static std::map<std::string, Function> t = kernels();
    return t;
}

// ---- events -----------------------------------------------------------------------------------

struct Event {
    unsigned long long recorded = 0;    // the stream operation that records it; 0 before any record
    std::atomic<long long> atNanos{0};
};

long long nowNanos() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace

#define STICKY() do { if (sticky.load() != OK) return sticky.load(); } while (0)

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

CUresult cuStreamCreate(void** stream, unsigned) { STICKY(); *stream = reinterpret_cast<void*>(0x2); return OK; }
CUresult cuStreamDestroy_v2(void*) { stream().waitFor(); return OK; }
CUresult cuStreamSynchronize(void*) { stream().waitFor(); return sticky.load(); }

CUresult cuModuleLoadDataEx(void** module, const void* image, unsigned, void*, void**) {
    STICKY();
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
    STICKY();
    auto found = table().find(name);
    if (found == table().end()) {
        return NOT_FOUND;
    }
    *function = &found->second;
    return OK;
}

CUresult cuLaunchKernel(void* function, unsigned gx, unsigned gy, unsigned gz, unsigned bx, unsigned by, unsigned bz,
                        unsigned shared, void*, void** params, void**) {
    STICKY();
    // a real device's limits: 1024 threads a block, grid y and z under 2^16, 48 KiB of dynamic
    // shared memory unless the kernel opted in to more (lanes' kernels do not)
    if (bx * by * bz > 1024 || gy > 65535 || gz > 65535 || gx == 0 || bx == 0 || gx > 2147483647u || shared > 48 * 1024) {
        return INVALID_VALUE;
    }
    Function* f = static_cast<Function*>(function);
    if (named("FAKE_CUDA_REFUSE_KERNEL", f->name)) {
        return LAUNCH_OUT_OF_RESOURCES;
    }
    if (named("FAKE_CUDA_FAIL_KERNEL", f->name)) {
        stream().enqueue([] { CUresult none = OK; sticky.compare_exchange_strong(none, LAUNCH_FAILED); });
        return OK;
    }
    stream().enqueue(f->bind(params, dim3{gx, gy, gz}, dim3{bx, by, bz}, shared));
    return OK;
}

CUresult cuMemAlloc_v2(unsigned long long* pointer, size_t bytes) {
    STICKY();
    std::lock_guard<std::mutex> guard(lock);
    if (allocated + (long long)bytes > deviceMemory()) {
        return OUT_OF_MEMORY;
    }
    void* p = std::aligned_alloc(256, (bytes + 255) / 256 * 256);
    if (p == nullptr) {
        return OUT_OF_MEMORY;
    }
    std::memset(p, 0xA5, bytes);     // fresh device memory holds whatever was there: never count on zeros
    allocations[p] = bytes;
    allocated += bytes;
    *pointer = reinterpret_cast<unsigned long long>(p);
    return OK;
}

CUresult cuMemFree_v2(unsigned long long pointer) {
    stream().waitFor();          // the driver frees memory only once the work using it is done
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
    STICKY();
    std::lock_guard<std::mutex> guard(lock);
    *free = deviceMemory() - allocated;
    *total = deviceMemory();
    return OK;
}

CUresult cuMemHostAlloc(void** pointer, size_t bytes, unsigned) {
    STICKY();
    *pointer = std::aligned_alloc(4096, (bytes + 4095) / 4096 * 4096);
    if (*pointer == nullptr) {
        return OUT_OF_MEMORY;
    }
    std::memset(*pointer, 0xA5, bytes);
    std::lock_guard<std::mutex> guard(lock);
    pinned[static_cast<const char*>(*pointer)] = bytes;
    return OK;
}

CUresult cuMemFreeHost(void* pointer) {
    stream().waitFor();
    std::lock_guard<std::mutex> guard(lock);
    pinned.erase(static_cast<const char*>(pointer));
    std::free(pointer);
    return OK;
}

CUresult cuMemcpyHtoDAsync_v2(unsigned long long to, const void* from, size_t bytes, void*) {
    return copy(at(to), from, bytes, true, from);
}

CUresult cuMemcpyDtoHAsync_v2(void* to, unsigned long long from, size_t bytes, void*) {
    return copy(to, at(from), bytes, true, to);
}

CUresult cuMemcpyDtoDAsync_v2(unsigned long long to, unsigned long long from, size_t bytes, void*) {
    return copy(at(to), at(from), bytes, false, nullptr);
}

CUresult cuMemsetD8Async(unsigned long long to, unsigned char value, size_t bytes, void*) {
    STICKY();
    stream().enqueue([=] { std::memset(at(to), value, bytes); });
    return OK;
}

CUresult cuEventCreate(void** event, unsigned) { STICKY(); *event = new Event(); return OK; }
CUresult cuEventDestroy_v2(void* event) { stream().waitFor(); delete static_cast<Event*>(event); return OK; }

CUresult cuEventRecord(void* event, void*) {
    STICKY();
    Event* e = static_cast<Event*>(event);
    e->recorded = stream().enqueue([e] { e->atNanos.store(nowNanos()); });
    return OK;
}

CUresult cuEventSynchronize(void* event) {
    Event* e = static_cast<Event*>(event);
    if (e->recorded != 0) {
        stream().waitFor(e->recorded);
    }
    return sticky.load();
}

CUresult cuEventElapsedTime(float* millis, void* start, void* stop) {
    STICKY();
    Event* a = static_cast<Event*>(start);
    Event* b = static_cast<Event*>(stop);
    if (a->recorded == 0 || b->recorded == 0) {
        return INVALID_HANDLE;
    }
    if (!stream().done(a->recorded) || !stream().done(b->recorded)) {
        return NOT_READY;
    }
    *millis = (float)((b->atNanos.load() - a->atNanos.load()) / 1e6);
    return OK;
}

}
