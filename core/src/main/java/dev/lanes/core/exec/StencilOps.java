package dev.lanes.core.exec;

/**
 * Chunk functions of the 2-D stencil kernels. Every output pixel is
 * {@code acc = fma(w[dy][dx], in[clamp(y+dy-r)][clamp(x+dx-r)], acc)} over dy, then dx, in
 * that order from {@code acc = 0}: with the same fused operations in the same order, the
 * scalar and SIMD versions produce the same bits.
 */
public interface StencilOps {

    /**
     * Writes rows {@code [fromRow, toRow)} of the {@code size}×{@code size} convolution of a
     * {@code height}×{@code width} row-major image with {@code weights} (row-major, size²),
     * reading pixels outside the image from the nearest edge.
     */
    void convolve(float[] image, int height, int width, float[] weights, int size, float[] out, int fromRow, int toRow);

    /** The reference for one pixel: what every implementation must compute for (y, x). */
    static float pixel(float[] image, int height, int width, float[] weights, int size, int y, int x) {
        int r = size / 2;
        float acc = 0;
        for (int dy = 0; dy < size; dy++) {
            int row = Math.clamp(y + dy - r, 0, height - 1) * width;
            for (int dx = 0; dx < size; dx++) {
                acc = Math.fma(weights[dy * size + dx], image[row + Math.clamp(x + dx - r, 0, width - 1)], acc);
            }
        }
        return acc;
    }
}
