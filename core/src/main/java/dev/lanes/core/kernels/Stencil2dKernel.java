package dev.lanes.core.kernels;

import dev.lanes.core.data.ElementType;
import dev.lanes.core.data.F32Array;
import dev.lanes.core.data.Value;
import dev.lanes.core.exec.Backend;
import dev.lanes.core.exec.StencilOps;
import dev.lanes.core.kernel.Check;
import dev.lanes.core.kernel.DataShape;
import dev.lanes.core.kernel.InvalidStageException;
import dev.lanes.core.kernel.Kernel;
import dev.lanes.core.kernel.Limits;
import dev.lanes.core.kernel.ParamSpec;
import dev.lanes.core.kernel.ParamType;
import dev.lanes.core.kernel.Params;
import dev.lanes.core.kernel.StageInstance;
import dev.lanes.core.kernel.StageShape;
import dev.lanes.core.kernel.StageSize;
import dev.lanes.core.kernel.Work;

import java.util.List;
import java.util.Set;

/**
 * A 3×3 or 5×5 convolution (Gaussian blur or box filter) of an H×W f32 image stored
 * row-major in its input, edges clamped. Threads take blocks of rows; SIMD runs across
 * columns. Per pixel: size² FMAs (2·size² FLOP); memory: the image read once and the
 * output written once (8 bytes per pixel), the neighbouring rows being re-read from cache.
 */
public final class Stencil2dKernel implements Kernel {
    /** Rows per block aim at this many pixels: enough work per block, several blocks per thread. */
    private static final int PIXELS_PER_BLOCK = 1 << 16;

    @Override
    public String name() {
        return "stencil2d";
    }

    @Override
    public String summary() {
        return "3x3 or 5x5 Gaussian blur / box filter of an H x W f32 image, edges clamped";
    }

    @Override
    public List<ParamSpec> params() {
        return List.of(
            ParamSpec.required("width", new ParamType.Size(1, Limits.MAX_ARRAY_LENGTH),
                "image width W; the input's length must be a multiple of it (H = length / W)"),
            ParamSpec.optional("stencil", new ParamType.SizeList(1, 1, 1 << 10), List.of(3L, 3L),
                "stencil rows x cols: [3, 3] or [5, 5]"),
            ParamSpec.optional("filter", new ParamType.Choice(List.of("gaussian", "box")), "gaussian",
                "gaussian: binomial weights (1 2 1 / 1 4 6 4 1, normalised); box: all equal"));
    }

    @Override
    public List<String> inputs() {
        return List.of("image");
    }

    @Override
    public Set<Backend> backends() {
        return Set.of(Backend.SCALAR, Backend.SIMD, Backend.THREADS, Backend.GPU);
    }

    @Override
    public StageShape shape(Params params, List<DataShape> inputs) {
        DataShape image = Inputs.array(inputs, 0, "image");
        if (image.type() != ElementType.F32) {
            throw new InvalidStageException(null, "input 'image' is " + image.type().label() + "; stencil2d takes an f32 image");
        }
        int size = size(params);
        long width = params.size("width");
        if (image.length() % width != 0) {
            throw new InvalidStageException("width", "the image has " + image.length() + " pixels, not a multiple of width = " + width);
        }
        long pixels = image.length();
        return new StageShape(image, new Work(pixels, 2.0 * size * size * pixels, 2 * image.bytes()).writing(image.bytes()), image.bytes());
    }

    /** The stencil's side, after refusing anything but a square 3×3 or 5×5. */
    private static int size(Params params) {
        List<Long> stencil = params.sizes("stencil");
        if (stencil.size() != 2) {
            throw new InvalidStageException("stencil", "expected [rows, cols] such as [3, 3], got " + stencil.size() + " sizes");
        }
        long rows = stencil.get(0);
        long cols = stencil.get(1);
        if (rows != cols) {
            throw new InvalidStageException("stencil", rows + "x" + cols + " is not square; stencil2d takes 3x3 or 5x5");
        }
        if (rows != 3 && rows != 5) {
            throw new InvalidStageException("stencil", rows + "x" + cols + " is not supported; stencil2d takes 3x3 or 5x5");
        }
        return (int) rows;
    }

    /** The row-major size×size weights, summing to 1. */
    public static float[] weights(String filter, int size) {
        long[] line = size == 3 ? new long[] {1, 2, 1} : new long[] {1, 4, 6, 4, 1};
        float[] w = new float[size * size];
        long total = 0;
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                long v = filter.equals("box") ? 1 : line[i] * line[j];
                w[i * size + j] = v;
                total += v;
            }
        }
        for (int i = 0; i < w.length; i++) {
            w[i] /= total;
        }
        return w;
    }

    @Override
    public StageSize size(Params params, StageShape shape) {
        long width = params.size("width");
        return new StageSize("height×width", List.of(shape.output().length() / width, width));
    }

    @Override
    public StageInstance bind(Params params, List<Value> inputs) {
        float[] image = ((F32Array) inputs.get(0)).data();
        int size = size(params);
        int width = (int) params.size("width");
        int height = image.length / width;
        float[] weights = weights(params.choice("filter"), size);
        StencilTask task = new StencilTask(image, height, width, weights, size);
        // the reference is recomputed per check rather than kept: it is as large as the image
        return StageInstance.of(task, actual -> check(image, height, width, weights, size, ((F32Array) actual).data()));
    }

    /**
     * Every pixel against the reference: |got − reference| / Σ|w·x| over its taps, at most
     * size²·u (a chain of size² FMAs). The CPU implementations match the reference exactly.
     */
    static Check check(float[] image, int height, int width, float[] weights, int size, float[] got) {
        int r = size / 2;
        double worst = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                float expected = StencilOps.pixel(image, height, width, weights, size, y, x);
                double magnitude = 0;
                for (int dy = 0; dy < size; dy++) {
                    int row = Math.clamp(y + dy - r, 0, height - 1) * width;
                    for (int dx = 0; dx < size; dx++) {
                        magnitude += Math.abs(weights[dy * size + dx] * image[row + Math.clamp(x + dx - r, 0, width - 1)]);
                    }
                }
                double error = Math.abs((double) got[y * width + x] - expected) / (magnitude == 0 ? 1 : magnitude);
                worst = Double.isNaN(error) ? Double.POSITIVE_INFINITY : Math.max(worst, error);
            }
        }
        return Check.of("every pixel vs the scalar reference, max |error| / Σ|w·x|", worst,
            size * size * ElementType.F32.unitRoundoff());
    }

    /** Blocks of whole rows; the output is allocated once, at bind time. */
    private static final class StencilTask extends WriteTask<StencilOps> {
        private final float[] image;
        private final int height;
        private final int width;
        private final float[] weights;
        private final int size;
        private final float[] out;

        StencilTask(float[] image, int height, int width, float[] weights, int size) {
            super(StencilOps.class, height, Math.max(1, PIXELS_PER_BLOCK / width));
            this.image = image;
            this.height = height;
            this.width = width;
            this.weights = weights;
            this.size = size;
            this.out = new float[image.length];
        }

        @Override
        public Void block(StencilOps ops, int fromRow, int toRow) {
            ops.convolve(image, height, width, weights, size, out, fromRow, toRow);
            return null;
        }

        @Override
        public Value result(Void total) {
            return new F32Array(out);
        }

        /** Its rows of the image and, at each edge, the rows the stencil reaches past them (edges clamped). */
        @Override
        public Written reads(int fromRow, int toRow) {
            int reach = size / 2;
            return new Written((long) Math.max(0, fromRow - reach) * width, (long) Math.min(height, toRow + reach) * width);
        }

        /** Rows {@code [fromRow, toRow)} of the output: a block reads its neighbours' rows of the image, writes only its own. */
        @Override
        public Written written(int fromRow, int toRow) {
            return new Written((long) fromRow * width, (long) toRow * width);
        }
    }
}
