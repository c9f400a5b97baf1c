package dev.lanes.core.kernels;

import dev.lanes.core.data.ElementType;
import dev.lanes.core.data.Value;
import dev.lanes.core.exec.Backend;
import dev.lanes.core.exec.BlockTask;
import dev.lanes.core.exec.GemmLayout;
import dev.lanes.core.exec.GemmOps;
import dev.lanes.core.kernel.Check;
import dev.lanes.core.kernel.DataShape;
import dev.lanes.core.kernel.InvalidStageException;
import dev.lanes.core.kernel.Kernel;
import dev.lanes.core.kernel.ParamSpec;
import dev.lanes.core.kernel.ParamType;
import dev.lanes.core.kernel.Params;
import dev.lanes.core.kernel.StageInstance;
import dev.lanes.core.kernel.StageShape;
import dev.lanes.core.kernel.StageSize;
import dev.lanes.core.kernel.Work;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Batched inference of a dense network: for each layer, H = ReLU(H·W + b), with no ReLU
 * after the last (its outputs are the logits). Weights are Glorot-uniform, biases uniform
 * in ±0.1 and inputs uniform in [0, 1), all seeded. Threads take blocks of the batch, each
 * block through every layer with no barrier between layers; the weights are packed once per
 * implementation, the first time it runs, as an inference engine packs them at model load.
 */
public final class MlpForwardKernel implements Kernel {
    private static final long MAX_WIDTH = 1L << 20;
    private static final int VERIFIED_ROWS = 8;

    @Override
    public String name() {
        return "mlp-forward";
    }

    @Override
    public String summary() {
        return "batched inference of a dense ReLU network, e.g. layers [784, 512, 256, 10]; batch over threads";
    }

    @Override
    public List<ParamSpec> params() {
        return List.of(
            ParamSpec.optional("batch", new ParamType.Size(0, Integer.MAX_VALUE), 0L,
                "inputs per forward pass; 0 (the default) only with an input batch x"),
            ParamSpec.required("layers", new ParamType.SizeList(2, 1, MAX_WIDTH), "widths from input to output"),
            ParamSpec.optional("type", new ParamType.Choice(List.of("f32", "f64")), "f32", "element type"),
            ParamSpec.optional("seed", new ParamType.Integer(Long.MIN_VALUE, Long.MAX_VALUE), 42L, "seed of inputs, weights, biases"),
            ParamSpec.optionalWithoutDefault("weights", new ParamType.FilePath(),
                "an .npz of w0, b0, w1, b1, ... (numpy.savez) instead of seeded weights and biases"));
    }

    @Override
    public List<String> inputs() {
        return List.of();
    }

    /** The input batch from another stage (a loaded batch × layers[0] matrix) instead of a seeded one. */
    @Override
    public List<String> optionalInputs() {
        return List.of("x");
    }

    /** The batch size: the input's rows, checked against the first layer, or the parameter. */
    private static long batch(Params params, List<DataShape> inputs) {
        if (inputs.isEmpty()) {
            if (params.size("batch") == 0) {
                throw new InvalidStageException("batch", "mlp-forward generates its inputs unless it has an input x, and "
                    + "then needs batch (at least 1)");
            }
            return params.size("batch");
        }
        return inputRows(params, inputs.get(0));
    }

    /** The rows of an input batch x, refused unless it is a floating-point matrix of batch × layers[0]. */
    static long inputRows(Params params, DataShape x) {
        long width = params.sizes("layers").get(0);
        if (x.scalar() || x.dims().size() != 2 || x.dims().get(1) != width || !x.type().floating()) {
            throw new InvalidStageException("inputs", "input x must be an f32 or f64 matrix of batch × " + width
                + " (the first layer's width), got " + x.describe());
        }
        return x.dims().get(0);
    }

    @Override
    public Set<Backend> backends() {
        return Set.of(Backend.SCALAR, Backend.SIMD, Backend.THREADS, Backend.GPU);
    }

    @Override
    public StageShape shape(Params params, List<DataShape> inputs) {
        List<Long> widths = params.sizes("layers");
        if (widths.size() < 2) {
            throw new InvalidStageException("layers", "needs an input and an output width, got " + widths);
        }
        long batch = batch(params, inputs);
        ElementType type = inputs.isEmpty() ? type(params) : inputs.get(0).type();
        if (params.has("weights")) {
            MlpWeights.load(params.text("weights"), widths.stream().mapToInt(Long::intValue).toArray(), type);  // checked now
        }
        double flops = 0;
        long weights = 0;
        long activations = 0;
        for (int l = 1; l < widths.size(); l++) {
            MatrixSizes.checkFits("layers", "the weights of layer " + l, widths.get(l - 1), widths.get(l) + GemmLayout.MAX_STRIP);
            MatrixSizes.checkFits("batch", "the activations of layer " + l, batch, widths.get(l));
            flops += 2.0 * batch * widths.get(l - 1) * widths.get(l);
            weights += widths.get(l - 1) * widths.get(l) + widths.get(l);
            activations += batch * widths.get(l);
        }
        MatrixSizes.checkFits("batch", "the input", batch, widths.get(0));
        long input = batch * widths.get(0);
        long output = batch * widths.getLast();
        long packed = 0;
        for (int l = 1; l < widths.size(); l++) {
            packed += GemmLayout.maxPackedLength(widths.get(l - 1).intValue(), widths.get(l).intValue());
        }
        DataShape out = DataShape.of(type, List.of(batch, widths.getLast()));
        Work work = new Work(batch, flops, (double) (input + weights + output) * type.bytes());
        return new StageShape(out, work, (input + 2 * weights + activations + packed) * type.bytes());
    }

    @Override
    public StageSize size(Params params, StageShape shape) {
        return new StageSize("batch", List.of(shape.work().elements()));
    }

    @Override
    public StageInstance bind(Params params, List<Value> inputs) {
        if (!inputs.isEmpty()) {
            throw new IllegalStateException("an mlp-forward with an input is bound with its shape");
        }
        return bind(params, inputs, List.of());
    }

    @Override
    public StageInstance bind(Params params, List<Value> inputs, List<DataShape> shapes) {
        int batch = (int) batch(params, shapes);
        Network net = Network.seeded(params, shapes.isEmpty() ? type(params) : shapes.get(0).type(), batch,
            inputs.isEmpty() ? null : Matrix.of(inputs.get(0), batch, params.sizes("layers").get(0).intValue()));
        ForwardTask task = new ForwardTask(net);
        return new StageInstance() {
            private RowSample reference;

            @Override
            public BlockTask<?, ?> task() {
                return task;
            }

            @Override
            public Check verify(Value actual) {
                if (reference == null) {
                    reference = net.reference(VERIFIED_ROWS, params.integer("seed"));
                }
                return reference.check(Matrix.of(actual, net.batch(), net.widths()[net.widths().length - 1]), "the outputs");
            }
        };
    }

    static ElementType type(Params params) {
        return ElementType.valueOf(params.choice("type").toUpperCase(Locale.ROOT));
    }

    /** Inputs, weights and biases of one stage, and the activation buffers. */
    record Network(int batch, int[] widths, Matrix input, Matrix[] weights, Matrix[] biases, Matrix[] packed,
                   Matrix[] activations) {

        /** @param given the input batch, or {@code null} for a seeded one */
        static Network seeded(Params params, ElementType type, int batch, Matrix given) {
            int[] widths = params.sizes("layers").stream().mapToInt(Long::intValue).toArray();
            long seed = params.integer("seed");
            int layers = widths.length - 1;
            Matrix[] weights = new Matrix[layers];
            Matrix[] biases = new Matrix[layers];
            Matrix[] packed = new Matrix[layers];
            Matrix[] activations = new Matrix[layers];
            MlpWeights loaded = params.has("weights") ? MlpWeights.load(params.text("weights"), widths, type) : null;
            for (int l = 0; l < layers; l++) {
                double limit = Math.sqrt(6.0 / (widths[l] + widths[l + 1]));
                weights[l] = loaded != null ? loaded.weights()[l]
                    : Matrix.seeded(widths[l], widths[l + 1], type, seed * 31 + 2L * l + 1, -limit, limit);
                biases[l] = loaded != null ? loaded.biases()[l]
                    : Matrix.seeded(1, widths[l + 1], type, seed * 31 + 2L * l + 2, -0.1, 0.1);
                packed[l] = Matrix.buffer(type, GemmLayout.maxPackedLength(widths[l], widths[l + 1]));
                activations[l] = Matrix.zeros(batch, widths[l + 1], type);
            }
            Matrix input = given != null ? given : Matrix.seeded(batch, widths[0], type, seed * 31, 0, 1);
            return new Network(batch, widths, input, weights, biases, packed, activations);
        }

        /** The compensated f64 forward pass of sampled rows, with the error bound carried through every layer. */
        RowSample reference(int rows, long seed) {
            double[][] w = new double[weights.length][];
            double[][] b = new double[weights.length][];
            for (int l = 0; l < weights.length; l++) {
                w[l] = weights[l].toF64();
                b[l] = biases[l].toF64();
            }
            return RowSample.of(batch, rows, seed, i -> {
                DenseReference.Row h = DenseReference.Row.exact(input.row(i));
                for (int l = 0; l < weights.length; l++) {
                    h = DenseReference.layer(h, w[l], widths[l + 1], b[l], l < weights.length - 1, input.type());
                }
                return h;
            });
        }
    }

    /** Blocks of the batch through every layer, after the weights are packed for the running implementation. */
    private static final class ForwardTask extends RowBlockTask {
        private final Network net;
        private final PackWeights pack;

        ForwardTask(Network net) {
            super(net.batch(), rowsPerBlock(net.batch()));
            this.net = net;
            this.pack = new PackWeights(net);
        }

        /** Up to 128 rows, and at least 16 blocks where the batch allows: blocks must not depend on the thread count. */
        private static int rowsPerBlock(int batch) {
            return Math.clamp(Math.ceilDiv(batch, 16 * 8) * 8, 8, 128);
        }

        @Override
        public BlockTask<GemmOps, ?> prerequisite() {
            return pack;
        }

        @Override
        public Void block(GemmOps ops, int from, int to) {
            int layers = net.weights().length;
            for (int l = 0; l < layers; l++) {
                Matrix in = l == 0 ? net.input() : net.activations()[l - 1];
                Matrix out = net.activations()[l];
                boolean relu = l < layers - 1;
                if (in.f32() != null) {
                    ops.multiply(in.f32(), in.cols(), net.packed()[l].f32(), out.cols(), net.biases()[l].f32(), relu, out.f32(), from, to);
                } else {
                    ops.multiply(in.f64(), in.cols(), net.packed()[l].f64(), out.cols(), net.biases()[l].f64(), relu, out.f64(), from, to);
                }
            }
            return null;
        }

        @Override
        public Value result(Void total) {
            return net.activations()[net.activations().length - 1].value();
        }

        /** Rows {@code [from, to)} of the logits: each block runs its rows through every layer. */
        @Override
        public Written written(int from, int to) {
            Matrix logits = net.activations()[net.activations().length - 1];
            return new Written((long) from * logits.cols(), (long) to * logits.cols());
        }
    }

    /**
     * Packs each layer's weights (one layer per block) unless they are already packed in the
     * running implementation's layout: weights are constant across runs.
     */
    private static final class PackWeights implements BlockTask<GemmOps, Void> {
        private final Network net;
        private final GemmLayout[] packedAs;

        PackWeights(Network net) {
            this.net = net;
            this.packedAs = new GemmLayout[net.weights().length];
        }

        @Override
        public Class<GemmOps> opsType() {
            return GemmOps.class;
        }

        @Override
        public int length() {
            return net.weights().length;
        }

        @Override
        public int blockSize() {
            return 1;
        }

        @Override
        public Void identity() {
            return null;
        }

        @Override
        public Void block(GemmOps ops, int from, int to) {
            for (int l = from; l < to; l++) {
                Matrix w = net.weights()[l];
                GemmLayout layout = ops.layout(w.type(), w.cols());
                if (!layout.equals(packedAs[l])) {
                    if (w.f32() != null) {
                        layout.pack(w.f32(), w.rows(), w.cols(), 0, w.rows(), net.packed()[l].f32());
                    } else {
                        layout.pack(w.f64(), w.rows(), w.cols(), 0, w.rows(), net.packed()[l].f64());
                    }
                    packedAs[l] = layout;
                }
            }
            return null;
        }

        @Override
        public Void combine(Void left, Void right) {
            return null;
        }

        @Override
        public Value result(Void total) {
            return null;
        }
    }
}
