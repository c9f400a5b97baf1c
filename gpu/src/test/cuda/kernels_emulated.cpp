// Runs one of lanes' CUDA kernels on the CPU emulation (cuda_emu.h), on data the Java test
// wrote, and writes what the kernel produced; the Java test compares it with the scalar
// reference. The launch geometry comes from the Java test, which takes it from the GPU
// backend's own LaunchGeometry (for a small device, so grid-stride loops wrap around).
// Usage: kernels_emulated KERNEL GRID_X GRID_Y BLOCK_X BLOCK_Y SHARED_BYTES ARGS...
//
// Compiled by EmulatedKernelsTest: g++ -std=c++20 -include cuda_emu.h kernels_emulated.cpp
#include "../../main/cuda/array_kernels.cu"
#include "../../main/cuda/dense_kernels.cu"
#include "../../main/cuda/image_kernels.cu"
#include "../../main/cuda/training_kernels.cu"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>

namespace {

dim3 grid;
dim3 block;
size_t shared = 0;

template <typename T>
std::vector<T> readFile(const char* path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw std::runtime_error(std::string("cannot read ") + path);
    }
    std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::vector<T> values(bytes.size() / sizeof(T));
    if (!values.empty()) {     // an empty vector's data() may be null, which memcpy may not be given
        std::memcpy(values.data(), bytes.data(), values.size() * sizeof(T));
    }
    return values;
}

template <typename T>
void writeFile(const char* path, const T* values, size_t count) {
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(values), count * sizeof(T));
}

long long arg(char** argv, int i) {
    return std::atoll(argv[i]);
}

// sum_of_squares_* / dot_*: x [y] n offset → the partials added in block order, as the host does.
template <typename T>
int reduction(const std::string& kernel, int argc, char** argv) {
    bool dot = kernel.rfind("dot", 0) == 0;
    std::vector<T> x = readFile<T>(argv[2]);
    std::vector<T> y = dot ? readFile<T>(argv[3]) : std::vector<T>();
    int next = dot ? 4 : 3;
    long long n = arg(argv, next);
    long long offset = arg(argv, next + 1);       // an element offset makes the vector path see unaligned data
    std::vector<double> partials(grid.x);
    if (dot) {
        auto k = std::is_same_v<T, float> ? (void (*)(const T*, const T*, long long, double*))dot_f32
                                          : (void (*)(const T*, const T*, long long, double*))dot_f64;
        emu::launch(k, grid, block, shared, (const T*)x.data() + offset, (const T*)y.data() + offset, n, partials.data());
    } else {
        auto k = std::is_same_v<T, float> ? (void (*)(const T*, long long, double*))sum_of_squares_f32
                                          : (void (*)(const T*, long long, double*))sum_of_squares_f64;
        emu::launch(k, grid, block, shared, (const T*)x.data() + offset, n, partials.data());
    }
    double sum = 0;
    for (double p : partials) {
        sum += p;
    }
    std::printf("%a\n", sum);
    return 0;
}

}  // namespace

int main(int argc, char** argv) try {
    if (argc < 2) {
        std::fprintf(stderr, "usage: kernels_emulated KERNEL ARGS...\n");
        return 2;
    }
    std::string kernel = argv[1];
    grid = dim3{(unsigned)arg(argv, 2), (unsigned)arg(argv, 3), 1};
    block = dim3{(unsigned)arg(argv, 4), (unsigned)arg(argv, 5), 1};
    shared = (size_t)arg(argv, 6);
    argv += 5;          // kernel arguments from argv[2] on, as before the geometry
    if (kernel == "sum_of_squares_f32" || kernel == "dot_f32") {
        return reduction<float>(kernel, argc, argv);
    }
    if (kernel == "sum_of_squares_f64" || kernel == "dot_f64") {
        return reduction<double>(kernel, argc, argv);
    }
    if (kernel == "axpy_f32") {                    // a x y n out
        float a = std::strtof(argv[2], nullptr);
        std::vector<float> x = readFile<float>(argv[3]);
        std::vector<float> y = readFile<float>(argv[4]);
        long long n = arg(argv, 5);
        emu::launch(axpy_f32, grid, block, shared, a, (const float*)x.data(), y.data(), n);
        writeFile(argv[6], y.data(), y.size());
        return 0;
    }
    if (kernel == "row_sum_of_squares_f64") {      // x rows cols out
        std::vector<double> x = readFile<double>(argv[2]);
        long long rows = arg(argv, 3);
        long long cols = arg(argv, 4);
        std::vector<double> out(rows, -1.0);
        emu::launch(row_sum_of_squares_f64, grid, block, shared, (const double*)x.data(), rows, cols, out.data());
        writeFile(argv[5], out.data(), out.size());
        return 0;
    }
    if (kernel == "monte_carlo_pi") {              // seed from to
        long long seed = std::strtoll(argv[2], nullptr, 10);
        long long from = arg(argv, 3);
        long long to = arg(argv, 4);
        std::vector<unsigned long long> partials(grid.x);
        emu::launch(monte_carlo_pi, grid, block, shared, seed, from, to, partials.data());
        unsigned long long inside = 0;
        for (auto p : partials) {
            inside += p;
        }
        std::printf("%llu\n", inside);
        return 0;
    }
    if (kernel == "gemm_f32" || kernel == "gemm_f64") {   // a b bias|- relu m n k out
        bool f32 = kernel == "gemm_f32";
        int m = (int)arg(argv, 6);
        int n = (int)arg(argv, 7);
        int k = (int)arg(argv, 8);
        int relu = (int)arg(argv, 5);
        bool bias = std::string(argv[4]) != "-";
        if (f32) {
            std::vector<float> a = readFile<float>(argv[2]);
            std::vector<float> b = readFile<float>(argv[3]);
            std::vector<float> bi = bias ? readFile<float>(argv[4]) : std::vector<float>();
            std::vector<float> c((size_t)m * n, NAN);
            emu::launch(gemm_f32, grid, block, shared, (const float*)a.data(), (const float*)b.data(),
                        (const float*)(bias ? bi.data() : nullptr), relu, c.data(), m, n, k);
            writeFile(argv[9], c.data(), c.size());
        } else {
            std::vector<double> a = readFile<double>(argv[2]);
            std::vector<double> b = readFile<double>(argv[3]);
            std::vector<double> bi = bias ? readFile<double>(argv[4]) : std::vector<double>();
            std::vector<double> c((size_t)m * n, NAN);
            emu::launch(gemm_f64, grid, block, shared, (const double*)a.data(), (const double*)b.data(),
                        (const double*)(bias ? bi.data() : nullptr), relu, c.data(), m, n, k);
            writeFile(argv[9], c.data(), c.size());
        }
        return 0;
    }
    if (kernel == "gemm_tn_f32") {                 // a (k × lda) lda b (k × n) m n k out: C = Aᵀ·B, m ≤ lda
        std::vector<float> a = readFile<float>(argv[2]);
        int lda = (int)arg(argv, 3);
        std::vector<float> b = readFile<float>(argv[4]);
        int m = (int)arg(argv, 5);
        int n = (int)arg(argv, 6);
        int k = (int)arg(argv, 7);
        std::vector<float> c((size_t)m * n, NAN);
        emu::launch(gemm_tn_f32, grid, block, shared, (const float*)a.data(), lda, (const float*)b.data(), c.data(), m, n, k);
        writeFile(argv[8], c.data(), c.size());
        return 0;
    }
    if (kernel == "transpose_f64") {               // t (n × k) k n p0 p1 out: rows [p0, p1) of B = Tᵀ, the rest NaN
        std::vector<double> t = readFile<double>(argv[2]);
        int k = (int)arg(argv, 3);
        int n = (int)arg(argv, 4);
        int p0 = (int)arg(argv, 5);
        int p1 = (int)arg(argv, 6);
        std::vector<double> b((size_t)k * n, NAN);
        emu::launch(transpose_f64, grid, block, shared, (const double*)t.data(), b.data(), k, n, p0, p1);
        writeFile(argv[7], b.data(), b.size());
        return 0;
    }
    if (kernel == "softmax_gradient_f64") {        // logits labels (int32) classes r0 r1 gradient-out loss-out: batch = rows
        std::vector<double> z = readFile<double>(argv[2]);
        std::vector<int> labels = readFile<int>(argv[3]);
        int classes = (int)arg(argv, 4);
        int r0 = (int)arg(argv, 5);
        int r1 = (int)arg(argv, 6);
        int batch = (int)labels.size();
        std::vector<double> g(z.size(), NAN);
        std::vector<double> loss(batch, NAN);
        emu::launch(softmax_gradient_f64, grid, block, shared, (const double*)z.data(), (const int*)labels.data(), classes, batch,
                    g.data(), loss.data(), r0, r1);
        writeFile(argv[7], g.data(), g.size());
        writeFile(argv[8], loss.data(), loss.size());
        return 0;
    }
    if (kernel == "stencil3_f32" || kernel == "stencil5_f32") {   // image h w weights out tiles_across
        std::vector<float> image = readFile<float>(argv[2]);
        int h = (int)arg(argv, 3);
        int w = (int)arg(argv, 4);
        std::vector<float> weights = readFile<float>(argv[5]);
        int across = (int)arg(argv, 7);
        std::vector<float> out((size_t)h * w, NAN);
        auto k = kernel == "stencil3_f32" ? stencil3_f32 : stencil5_f32;
        emu::launch(k, grid, block, shared, (const float*)image.data(), h, w, (const float*)weights.data(), out.data(), across);
        writeFile(argv[6], out.data(), out.size());
        return 0;
    }
    if (kernel.rfind("histogram_", 0) == 0) {      // x low high scale bins out   (f32 or f64 by the name)
        bool f32 = kernel.size() > 4 && kernel.compare(kernel.size() - 3, 3, "f32") == 0;
        double low = std::strtod(argv[3], nullptr);
        double high = std::strtod(argv[4], nullptr);
        double scale = std::strtod(argv[5], nullptr);
        int bins = (int)arg(argv, 6);
        std::vector<unsigned long long> counts(bins, 0);
        if (f32) {
            std::vector<float> x = readFile<float>(argv[2]);
            auto k = kernel.find("shared") != std::string::npos ? histogram_shared_f32 : histogram_global_f32;
            emu::launch(k, grid, block, shared, (const float*)x.data(), (long long)x.size(), low, high,
                        scale, bins, counts.data());
        } else {
            std::vector<double> x = readFile<double>(argv[2]);
            auto k = kernel.find("shared") != std::string::npos ? histogram_shared_f64 : histogram_global_f64;
            emu::launch(k, grid, block, shared, (const double*)x.data(), (long long)x.size(), low, high,
                        scale, bins, counts.data());
        }
        writeFile(argv[7], counts.data(), counts.size());
        return 0;
    }
    std::fprintf(stderr, "unknown kernel %s\n", kernel.c_str());
    return 2;
} catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
}
