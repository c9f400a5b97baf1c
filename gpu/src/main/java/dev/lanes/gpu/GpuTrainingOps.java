package dev.lanes.gpu;

import dev.lanes.core.data.ElementType;
import dev.lanes.core.exec.GemmLayout;
import dev.lanes.core.exec.TrainingOps;
import jcuda.driver.CUdeviceptr;

/**
 * A whole training step on the GPU: the products through dense_kernels.cu's tiled gemm (Aᵀ·B
 * through the same kernel reading A transposed), the rest through training_kernels.cu. Every
 * array the step reads is the device's whole copy, made once per execution and read in place
 * by every shard and every step ({@link DeviceMemory#whole}); what the step writes for itself
 * (packed weights, activations, gradients) is device workspace, never copied in, and in a run
 * never copied back ({@link DeviceMemory#workspace}): only the parameters (the output) and the
 * losses cross the bus.
 */
final class GpuTrainingOps implements TrainingOps {
    private final GpuDevice device;
    private final GpuGemmOps gemm;

    GpuTrainingOps(GpuDevice device) {
        this.device = device;
        this.gemm = new GpuGemmOps(device);
    }

    @Override
    public GemmLayout layout(ElementType type, int n) {
        return gemm.layout(type, n);
    }

    @Override
    public void multiply(float[] a, int k, float[] b, int n, float[] bias, boolean relu, float[] c, int r0, int r1) {
        product("gemm_f32", GpuGemmOps.TILE_F32, a, k, b, n, bias, relu, c, r0, r1);
    }

    @Override
    public void multiply(double[] a, int k, double[] b, int n, double[] bias, boolean relu, double[] c, int r0, int r1) {
        product("gemm_f64", GpuGemmOps.TILE_F64, a, k, b, n, bias, relu, c, r0, r1);
    }

    private void product(String kernel, int tile, Object a, int k, Object b, int n, Object bias, boolean relu, Object c,
                         int r0, int r1) {
        if (r0 >= r1 || n == 0) {
            return;
        }
        device.call(() -> {
            DeviceMemory memory = device.memory();
            gemm.launch(kernel, tile, elementBytes(a), at(memory.whole(a), a, (long) r0 * k), memory.whole(b),
                bias == null ? null : memory.whole(bias), relu, at(memory.workspace(c, r0 * n, r1 * n), c, (long) r0 * n), r1 - r0, n, k);
            return null;
        });
    }

    @Override
    public void multiplyTransposed(float[] a, int aOffset, int m, int k, float[] packedB, int n, float[] c, int cOffset,
                                   int r0, int r1) {
        transposedProduct("gemm_tn_f32", GpuGemmOps.TILE_F32, a, aOffset, m, k, packedB, n, c, cOffset, r0, r1);
    }

    @Override
    public void multiplyTransposed(double[] a, int aOffset, int m, int k, double[] packedB, int n, double[] c, int cOffset,
                                   int r0, int r1) {
        transposedProduct("gemm_tn_f64", GpuGemmOps.TILE_F64, a, aOffset, m, k, packedB, n, c, cOffset, r0, r1);
    }

    /** Rows [r0, r1) of C = Aᵀ·B are A's columns [r0, r1): each slab starts that many columns into A's rows. */
    private void transposedProduct(String kernel, int tile, Object a, int aOffset, int m, int k, Object b, int n, Object c,
                                   int cOffset, int r0, int r1) {
        if (r0 >= r1 || n == 0) {
            return;
        }
        device.call(() -> {
            DeviceMemory memory = device.memory();
            CUdeviceptr ad = at(memory.whole(a), a, aOffset + r0);
            CUdeviceptr bd = memory.whole(b);
            CUdeviceptr cd = at(memory.workspace(c, cOffset + r0 * n, cOffset + r1 * n), c, cOffset + (long) r0 * n);
            for (LaunchGeometry.GemmSlab slab : LaunchGeometry.gemm(r1 - r0, n, tile)) {
                device.launch(PtxModule.DENSE_KERNELS, kernel, slab.geometry(), transposedProductArgs(at(ad, a, slab.firstRow()), m,
                    bd, at(cd, c, (long) slab.firstRow() * n), slab.rows(), n, k));
            }
            return null;
        });
    }

    @Override
    public void reluGradient(float[] g, float[] h, int from, int to) {
        reluGradient("relu_gradient_f32", g, h, from, to);
    }

    @Override
    public void reluGradient(double[] g, double[] h, int from, int to) {
        reluGradient("relu_gradient_f64", g, h, from, to);
    }

    private void reluGradient(String kernel, Object g, Object h, int from, int to) {
        launchOver(to - from, kernel, memory -> elementwiseArgs(memory.inout(g, from, to), at(memory.whole(h), h, from), to - from));
    }

    /** The device reads B row-major as it is ({@link #layout}), so packing rows of it is a copy. */
    @Override
    public void pack(GemmLayout layout, float[] b, int offset, int k, int n, int p0, int p1, float[] packed) {
        pack("copy_f32", layout, b, offset, n, p0, p1, packed);
    }

    @Override
    public void pack(GemmLayout layout, double[] b, int offset, int k, int n, int p0, int p1, double[] packed) {
        pack("copy_f64", layout, b, offset, n, p0, p1, packed);
    }

    private void pack(String kernel, GemmLayout layout, Object b, int offset, int n, int p0, int p1, Object packed) {
        requireRowMajor(layout, n);
        copy(kernel, b, offset + p0 * n, packed, p0 * n, (p1 - p0) * n);
    }

    @Override
    public void packTransposed(GemmLayout layout, float[] t, int offset, int k, int n, int p0, int p1, float[] packed) {
        packTransposed("transpose_f32", layout, t, offset, k, n, p0, p1, packed);
    }

    @Override
    public void packTransposed(GemmLayout layout, double[] t, int offset, int k, int n, int p0, int p1, double[] packed) {
        packTransposed("transpose_f64", layout, t, offset, k, n, p0, p1, packed);
    }

    private void packTransposed(String kernel, GemmLayout layout, Object t, int offset, int k, int n, int p0, int p1, Object packed) {
        requireRowMajor(layout, n);
        if (p0 >= p1 || n == 0) {
            return;
        }
        device.call(() -> {
            DeviceMemory memory = device.memory();
            device.launch(PtxModule.TRAINING_KERNELS, kernel, LaunchGeometry.transpose(p1 - p0, n),
                transposeArgs(at(memory.whole(t), t, offset), memory.workspace(packed, p0 * n, p1 * n), k, n, p0, p1));
            return null;
        });
    }

    @Override
    public void copy(float[] from, int fromOffset, float[] to, int toOffset, int n) {
        copy("copy_f32", from, fromOffset, to, toOffset, n);
    }

    @Override
    public void copy(double[] from, int fromOffset, double[] to, int toOffset, int n) {
        copy("copy_f64", from, fromOffset, to, toOffset, n);
    }

    private void copy(String kernel, Object from, int fromOffset, Object to, int toOffset, int n) {
        launchOver(n, kernel, memory -> elementwiseArgs(at(memory.whole(from), from, fromOffset),
            at(memory.workspace(to, toOffset, toOffset + n), to, toOffset), n));
    }

    @Override
    public void softmaxGradient(float[] logits, int classes, int[] labels, int batch, float[] gradient, double[] rowLoss,
                                int r0, int r1) {
        softmaxGradient("softmax_gradient_f32", logits, classes, labels, batch, gradient, rowLoss, r0, r1);
    }

    @Override
    public void softmaxGradient(double[] logits, int classes, int[] labels, int batch, double[] gradient, double[] rowLoss,
                                int r0, int r1) {
        softmaxGradient("softmax_gradient_f64", logits, classes, labels, batch, gradient, rowLoss, r0, r1);
    }

    /** The kernel indexes whole arrays by row. */
    private void softmaxGradient(String kernel, Object logits, int classes, int[] labels, int batch, Object gradient,
                                 double[] rowLoss, int r0, int r1) {
        launchOver(r1 - r0, kernel, memory -> softmaxArgs(memory.whole(logits), memory.whole(labels), classes, batch,
            memory.workspace(gradient, r0 * classes, r1 * classes), memory.workspace(rowLoss, r0, r1), r0, r1));
    }

    @Override
    public void biasGradient(float[] dz, int n, int r0, int r1, float[] g, int offset) {
        biasGradient("bias_gradient_f32", dz, n, r0, r1, g, offset);
    }

    @Override
    public void biasGradient(double[] dz, int n, int r0, int r1, double[] g, int offset) {
        biasGradient("bias_gradient_f64", dz, n, r0, r1, g, offset);
    }

    private void biasGradient(String kernel, Object dz, int n, int r0, int r1, Object g, int offset) {
        launchOver(n, kernel, memory -> biasGradientArgs(memory.whole(dz), n, r0, r1,
            at(memory.workspace(g, offset, offset + n), g, offset)));
    }

    @Override
    public void sumAndUpdate(float[][] shards, float[] p, double learningRate, int from, int to) {
        shardSumAndUpdate(shards, p, -learningRate, from, to);
    }

    @Override
    public void sumAndUpdate(double[][] shards, double[] p, double learningRate, int from, int to) {
        shardSumAndUpdate(shards, p, -learningRate, from, to);
    }

    /**
     * One launch per shard after the first, adding it to the first's in shard order as the CPU
     * does, then the update with {@code rate} = −η (rounded to f32 for f32, as on the CPU).
     */
    private void shardSumAndUpdate(Object[] shards, Object p, double rate, int from, int to) {
        boolean f32 = p instanceof float[];
        String type = f32 ? "f32" : "f64";
        long n = to - from;
        for (int s = 1; s < shards.length; s++) {
            Object shard = shards[s];
            launchOver(n, "accumulate_" + type, memory -> elementwiseArgs(memory.inout(shards[0], from, to),
                at(memory.whole(shard), shard, from), n));
        }
        launchOver(n, "sgd_update_" + type, memory -> {
            CUdeviceptr sum = at(memory.whole(shards[0]), shards[0], from);
            return updateArgs(memory.inout(p, from, to), sum, f32, rate, n);
        });
    }

    @Override
    public void toHost(double[] array) {
        device.call(() -> {
            device.memory().toHost(array);
            return null;
        });
    }

    /** A grid-stride kernel of training_kernels.cu over n elements, its arguments made on the CUDA thread. */
    private void launchOver(long n, String kernel, java.util.function.Function<DeviceMemory, KernelArgs> args) {
        if (n <= 0) {
            return;
        }
        device.call(() -> {
            device.launch(PtxModule.TRAINING_KERNELS, kernel, LaunchGeometry.gridStride(n, device.multiprocessors()),
                args.apply(device.memory()));
            return null;
        });
    }

    /** (a, lda, b, c, m, n, k) of gemm_tn_*. */
    static KernelArgs transposedProductArgs(CUdeviceptr a, int lda, CUdeviceptr b, CUdeviceptr c, int m, int n, int k) {
        return new KernelArgs().pointer(a).i32(lda).pointer(b).pointer(c).i32(m).i32(n).i32(k);
    }

    /** (x, y, n) of copy_*, relu_gradient_* and accumulate_*: the first array the one written. */
    static KernelArgs elementwiseArgs(CUdeviceptr x, CUdeviceptr y, long n) {
        return new KernelArgs().pointer(x).pointer(y).i64(n);
    }

    /** (t, b, k, n, p0, p1) of transpose_*. */
    static KernelArgs transposeArgs(CUdeviceptr t, CUdeviceptr b, int k, int n, int p0, int p1) {
        return new KernelArgs().pointer(t).pointer(b).i32(k).i32(n).i32(p0).i32(p1);
    }

    /** (logits, labels, classes, batch, gradient, row_loss, r0, r1) of softmax_gradient_*. */
    static KernelArgs softmaxArgs(CUdeviceptr logits, CUdeviceptr labels, int classes, int batch, CUdeviceptr gradient,
                                  CUdeviceptr rowLoss, int r0, int r1) {
        return new KernelArgs().pointer(logits).pointer(labels).i32(classes).i32(batch).pointer(gradient).pointer(rowLoss)
            .i32(r0).i32(r1);
    }

    /** (dz, n, r0, r1, g) of bias_gradient_*. */
    static KernelArgs biasGradientArgs(CUdeviceptr dz, int n, int r0, int r1, CUdeviceptr g) {
        return new KernelArgs().pointer(dz).i32(n).i32(r0).i32(r1).pointer(g);
    }

    /** (p, g, rate, n) of sgd_update_*, the rate in the parameters' type. */
    static KernelArgs updateArgs(CUdeviceptr p, CUdeviceptr g, boolean f32, double rate, long n) {
        KernelArgs args = new KernelArgs().pointer(p).pointer(g);
        return (f32 ? args.f32((float) rate) : args.f64(rate)).i64(n);
    }

    private static void requireRowMajor(GemmLayout layout, int n) {
        if (layout.nr() != Math.max(1, n)) {
            throw new IllegalArgumentException("the GPU reads B row-major (strips of all " + n + " columns), not in strips of "
                + layout.nr());
        }
    }

    private static int elementBytes(Object array) {
        return new HostArray(array).elementBytes();
    }

    /** Element {@code index} of a device copy of {@code array}. */
    private static CUdeviceptr at(CUdeviceptr base, Object array, long index) {
        return base.withByteOffset(index * elementBytes(array));
    }
}
