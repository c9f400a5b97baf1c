package dev.lanes.core.kernels;

import dev.lanes.core.data.ElementType;
import dev.lanes.core.data.I64Array;
import dev.lanes.core.data.Value;
import dev.lanes.core.exec.Backend;
import dev.lanes.core.exec.BlockTask;
import dev.lanes.core.exec.GemmLayout;
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
 * Data-parallel training of a dense ReLU classifier with softmax cross-entropy and SGD:
 * per step, forward (H ← ReLU(H·W + b), logits last), the loss, backward (every W's and b's
 * gradient) and the update, the batch cut into shards whose gradients are summed in a fixed
 * order, or (up to {@value TrainingNetwork#ONE_SHARD_MAX_BATCH} rows) one shard whose products
 * the threads split ({@link TrainingNetwork}, {@link TrainingPhases}). The output is the parameters after
 * the last step; the loss before each step is reported with it.
 *
 * <p>Work per step, for batch B, widths w₀..w_L, F = Σ w_l·w_{l+1} multiply-adds per row of
 * the forward pass, P parameters and S shards: 2·B·F FLOPs forward, 2·B·F for the weight
 * gradients, 2·B·(F − w₀·w₁) for the activation gradients (the input needs none), (S − 1)·P
 * adds to sum the shards and 2·P for the update; bytes: the input once, the parameters read
 * and written, every shard's gradients written and read.
 */
public final class MlpTrainKernel implements Kernel {
    private static final long MAX_WIDTH = 1L << 20;
    static final int MAX_STEPS = 1000;

    @Override
    public String name() {
        return "mlp-train";
    }

    @Override
    public String summary() {
        return "SGD steps of a dense ReLU classifier (forward, softmax loss, backward, update); data-parallel over threads";
    }

    @Override
    public List<ParamSpec> params() {
        return List.of(
            ParamSpec.optional("batch", new ParamType.Size(0, Integer.MAX_VALUE), 0L,
                "inputs per step; 0 (the default) only with inputs x and labels"),
            ParamSpec.required("layers", new ParamType.SizeList(2, 1, MAX_WIDTH), "widths from input to output (classes)"),
            ParamSpec.optional("type", new ParamType.Choice(List.of("f32", "f64")), "f32", "element type"),
            ParamSpec.optional("steps", new ParamType.Size(1, MAX_STEPS), 1L, "SGD steps per sample"),
            ParamSpec.optional("learning-rate", new ParamType.Real(), 0.05, "SGD step size (positive)"),
            ParamSpec.optional("seed", new ParamType.Integer(Long.MIN_VALUE, Long.MAX_VALUE), 42L,
                "seed of inputs, labels, weights, biases"),
            ParamSpec.optionalWithoutDefault("weights", new ParamType.FilePath(),
                "an .npz of w0, b0, w1, b1, ... (numpy.savez) to start from instead of seeded weights and biases"));
    }

    @Override
    public List<String> inputs() {
        return List.of();
    }

    /** A loaded batch (batch × layers[0]) and its classes (i64, one per row) instead of seeded ones. */
    @Override
    public List<String> optionalInputs() {
        return List.of("x", "labels");
    }

    @Override
    public Set<Backend> backends() {
        return Set.of(Backend.SCALAR, Backend.SIMD, Backend.THREADS, Backend.GPU);
    }

    private static long batch(Params params, List<DataShape> inputs) {
        if (inputs.isEmpty()) {
            if (params.size("batch") == 0) {
                throw new InvalidStageException("batch", "mlp-train generates its inputs unless it has inputs x and labels, "
                    + "and then needs batch (at least 1)");
            }
            return params.size("batch");
        }
        long rows = MlpForwardKernel.inputRows(params, inputs.get(0));
        DataShape labels = inputs.get(1);
        if (labels.scalar() || labels.type() != ElementType.I64 || labels.length() != rows || labels.dims().size() > 2) {
            throw new InvalidStageException("inputs", "input labels must be " + rows + " integer classes, one per row of x, "
                + "got " + labels.describe());
        }
        return rows;
    }

    @Override
    public StageShape shape(Params params, List<DataShape> inputs) {
        List<Long> widths = params.sizes("layers");
        double rate = params.real("learning-rate");
        if (!(rate > 0)) {
            throw new InvalidStageException("learning-rate", "must be positive, got " + rate);
        }
        long batch = batch(params, inputs);
        ElementType type = inputs.isEmpty() ? type(params) : inputs.get(0).type();
        long steps = params.size("steps");
        if (params.has("weights")) {
            MlpWeights.load(params.text("weights"), widths.stream().mapToInt(Long::intValue).toArray(), type);  // checked now
        }
        long forward = 0;
        long parameters = 0;
        long activations = 0;
        long packed = 0;
        for (int l = 1; l < widths.size(); l++) {
            MatrixSizes.checkFits("layers", "the weights of layer " + l, widths.get(l - 1), widths.get(l) + GemmLayout.MAX_STRIP);
            MatrixSizes.checkFits("batch", "the activations of layer " + l, batch, widths.get(l));
            forward += widths.get(l - 1) * widths.get(l);
            parameters += widths.get(l - 1) * widths.get(l) + widths.get(l);
            activations += batch * widths.get(l);
            packed += 2 * GemmLayout.maxPackedLength(widths.get(l - 1).intValue(), widths.get(l).intValue());
        }
        MatrixSizes.checkFits("batch", "the input", batch, widths.get(0));
        MatrixSizes.checkFits("layers", "the parameters", 1, parameters);
        long shards = TrainingNetwork.shards(batch);
        double flops = steps * (2.0 * batch * (3.0 * forward - widths.get(0) * widths.get(1)) + (shards + 1.0) * parameters);
        double bytes = steps * (double) (batch * widths.get(0) + 2 * parameters + 2 * shards * parameters) * type.bytes();
        long allocated = (batch * widths.get(0) + 2 * parameters + 2 * activations + packed + shards * parameters
            + TrainingNetwork.packedGradientElements(batch, widths.stream().mapToLong(Long::longValue).toArray())) * type.bytes()
            + 12 * batch;
        return new StageShape(DataShape.array(type, parameters), new Work(batch * steps, flops, bytes), allocated);
    }

    @Override
    public StageSize size(Params params, StageShape shape) {
        return new StageSize("batch", List.of(shape.work().elements() / params.size("steps")));
    }

    @Override
    public StageInstance bind(Params params, List<Value> inputs) {
        if (!inputs.isEmpty()) {
            throw new IllegalStateException("an mlp-train with inputs is bound with their shapes");
        }
        return bind(params, inputs, List.of());
    }

    @Override
    public StageInstance bind(Params params, List<Value> inputs, List<DataShape> shapes) {
        int batch = (int) batch(params, shapes);
        int[] widths = params.sizes("layers").stream().mapToInt(Long::intValue).toArray();
        ElementType type = shapes.isEmpty() ? type(params) : shapes.get(0).type();
        Matrix x = inputs.isEmpty() ? null : Matrix.of(inputs.get(0), batch, widths[0]);
        int[] labels = inputs.isEmpty() ? null : labels((I64Array) inputs.get(1), widths[widths.length - 1]);
        MlpWeights start = params.has("weights") ? MlpWeights.load(params.text("weights"), widths, type) : null;
        TrainingNetwork net = new TrainingNetwork(batch, widths, type, (int) params.size("steps"), params.real("learning-rate"),
            params.integer("seed"), x, labels, start);
        BlockTask<?, ?> task = TrainingPhases.steps(net);
        return new StageInstance() {
            private TrainingReference.Outcome reference;

            @Override
            public BlockTask<?, ?> task() {
                return task;
            }

            @Override
            public Check verify(Value actual) {
                if (reference == null) {
                    reference = TrainingReference.run(net);
                }
                return reference.check(Matrix.of(actual, 1, (int) actual.length()).toF64(), net.steps, net.type);
            }

            @Override
            public String describe(Value actual) {
                return describeLosses(net.losses) + ", " + actual.describe() + " parameters";
            }
        };
    }

    /** The classes as ints, each checked against the output width. */
    private static int[] labels(I64Array given, int classes) {
        long[] data = given.data();
        int[] labels = new int[data.length];
        for (int i = 0; i < data.length; i++) {
            if (data[i] < 0 || data[i] >= classes) {
                throw new InvalidStageException("inputs", "label " + data[i] + " at row " + i + " is not one of the "
                    + classes + " classes (0 to " + (classes - 1) + ") of the last layer");
            }
            labels[i] = (int) data[i];
        }
        return labels;
    }

    static ElementType type(Params params) {
        return ElementType.valueOf(params.choice("type").toUpperCase(Locale.ROOT));
    }

    /** How the loss went, in brief: before the first step and before the last. */
    private static String describeLosses(double[] losses) {
        if (losses.length == 1) {
            return String.format(Locale.ROOT, "loss %.4f", losses[0]);
        }
        return String.format(Locale.ROOT, "loss %.4f → %.4f over %d steps", losses[0], losses[losses.length - 1], losses.length);
    }
}
