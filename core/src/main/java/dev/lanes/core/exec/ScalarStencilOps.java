package dev.lanes.core.exec;

/** One pixel at a time through {@link StencilOps#pixel}: the reference. */
final class ScalarStencilOps implements StencilOps {

    @Override
    public void convolve(float[] image, int height, int width, float[] weights, int size, float[] out, int fromRow, int toRow) {
        for (int y = fromRow; y < toRow; y++) {
            for (int x = 0; x < width; x++) {
                out[y * width + x] = StencilOps.pixel(image, height, width, weights, size, y, x);
            }
        }
    }
}
