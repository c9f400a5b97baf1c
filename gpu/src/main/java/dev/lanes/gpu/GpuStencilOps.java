package dev.lanes.gpu;

import dev.lanes.core.exec.StencilOps;

/** 3x3 and 5x5 stencils on the GPU, bit for bit the CPU's (same FMAs, same order). */
final class GpuStencilOps implements StencilOps {
    private final GpuDevice device;

    GpuStencilOps(GpuDevice device) {
        this.device = device;
    }

    @Override
    public void convolve(float[] image, int height, int width, float[] weights, int size, float[] out, int fromRow, int toRow) {
        if (fromRow >= toRow) {
            return;
        }
        if (size != 3 && size != 5) {
            throw new IllegalArgumentException("the GPU stencils are 3x3 and 5x5, not " + size + "x" + size);
        }
        device.call(() -> {
            // The kernel computes every row (halo rows need the whole image anyway); only
            // [fromRow, toRow) is marked written, so only that comes back.
            var in = device.memory().input(image, 0, height * width);
            var w = device.memory().input(weights, 0, size * size);
            var o = device.memory().outputBase(out, fromRow * width, toRow * width);
            device.launch(PtxModule.IMAGE_KERNELS, "stencil" + size + "_f32", LaunchGeometry.stencil(height, width),
                args(in, height, width, w, o));
            return null;
        });
    }

    /** (image, height, width, weights, out, tiles_across) of stencil3_f32 and stencil5_f32. */
    static KernelArgs args(jcuda.driver.CUdeviceptr image, int height, int width, jcuda.driver.CUdeviceptr weights,
                           jcuda.driver.CUdeviceptr out) {
        return new KernelArgs().pointer(image).i32(height).i32(width).pointer(weights).pointer(out)
            .i32(LaunchGeometry.tilesAcross(width));
    }
}
