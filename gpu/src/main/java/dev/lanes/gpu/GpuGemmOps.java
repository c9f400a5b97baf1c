package dev.lanes.gpu;

import dev.lanes.core.data.ElementType;
import dev.lanes.core.exec.GemmLayout;
import dev.lanes.core.exec.GemmOps;
import jcuda.driver.CUdeviceptr;

/**
 * Matrix products on the GPU's CUDA cores: the tiled kernels of dense_kernels.cu read B
 * row-major as it is (a layout one strip of n columns wide, so nothing is packed), and
 * add the bias and apply ReLU as they store C.
 */
final class GpuGemmOps implements GemmOps {
    /** Tile edges of gemm_f32 and gemm_f64. */
    static final int TILE_F32 = 128;
    static final int TILE_F64 = 64;

    private final GpuDevice device;

    GpuGemmOps(GpuDevice device) {
        this.device = device;
    }

    @Override
    public GemmLayout layout(ElementType type, int n) {
        return new GemmLayout(Math.max(1, n));
    }

    @Override
    public void multiply(float[] a, int k, float[] b, int n, float[] bias, boolean relu, float[] c, int r0, int r1) {
        multiply("gemm_f32", TILE_F32, Float.BYTES, a, k, b, n, bias, relu, c, r0, r1);
    }

    @Override
    public void multiply(double[] a, int k, double[] b, int n, double[] bias, boolean relu, double[] c, int r0, int r1) {
        multiply("gemm_f64", TILE_F64, Double.BYTES, a, k, b, n, bias, relu, c, r0, r1);
    }

    private void multiply(String kernel, int tile, int bytes, Object a, int k, Object b, int n, Object bias, boolean relu,
                          Object c, int r0, int r1) {
        if (r0 >= r1 || n == 0) {
            return;
        }
        device.call(() -> {
            CUdeviceptr ad = device.memory().input(a, r0 * k, r1 * k);
            CUdeviceptr bd = device.memory().input(b, 0, k * n);
            CUdeviceptr biasd = bias == null ? null : device.memory().input(bias, 0, n);
            CUdeviceptr cd = device.memory().output(c, r0 * n, r1 * n);
            launch(kernel, tile, bytes, ad, bd, biasd, relu, cd, r1 - r0, n, k);
            return null;
        });
    }

    /**
     * Launches C = A·B (+ bias) (then ReLU) on device data, A's and C's first rows at {@code a}
     * and {@code c}: one launch per slab of rows. On the CUDA thread.
     */
    void launch(String kernel, int tile, int bytes, CUdeviceptr a, CUdeviceptr b, CUdeviceptr bias, boolean relu, CUdeviceptr c,
                int m, int n, int k) {
        for (LaunchGeometry.GemmSlab slab : LaunchGeometry.gemm(m, n, tile)) {
            device.launch(PtxModule.DENSE_KERNELS, kernel, slab.geometry(), args(a.withByteOffset((long) slab.firstRow() * k * bytes),
                b, bias, relu, c.withByteOffset((long) slab.firstRow() * n * bytes), slab.rows(), n, k));
        }
    }

    /** (a, b, bias, relu, c, m, n, k) of gemm_*; a null bias passes a null pointer. */
    static KernelArgs args(CUdeviceptr a, CUdeviceptr b, CUdeviceptr bias, boolean relu, CUdeviceptr c, int m, int n, int k) {
        KernelArgs args = new KernelArgs().pointer(a).pointer(b);
        args = bias == null ? args.nullPointer() : args.pointer(bias);
        return args.i32(relu ? 1 : 0).pointer(c).i32(m).i32(n).i32(k);
    }
}
