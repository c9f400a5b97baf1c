package dev.lanes.core.kernels;

import dev.lanes.core.data.CounterRandom;
import dev.lanes.core.data.ElementType;
import dev.lanes.core.exec.GemmLayout;

/**
 * Everything one {@code mlp-train} stage holds: the batch and its labels, the parameters
 * (every layer's W then b, in one flat array, so the reduction and the update are one loop
 * each), the activations and their gradients for the whole batch, the packed weights, and
 * each shard's gradients.
 *
 * <p>The batch is cut into shards by its size alone — at least {@value #MIN_SHARD_ROWS} rows
 * and at most {@value #MAX_SHARDS} shards — never by the thread count: each shard's gradients
 * are summed over its rows in order and the shards' in shard order, so every thread count
 * computes the same bits. A thread takes whole shards; the threads that can work at once are
 * at most the shards.
 *
 * <p>A batch of at most {@value #ONE_SHARD_MAX_BATCH} rows is one shard: its shards would be
 * too shallow for the weight gradients' products (k = the shard's rows) and their sum would
 * cost as much as computing them. The threads then split its products instead — the forward
 * and activation gradients by batch row, the weight gradients by C row — and each layer's dZ
 * is kept packed for the whole batch ({@link #packedGradients}). Every element is still summed
 * over the batch in row order, so every thread count computes the same bits here too.
 *
 * <p>Seeded as {@code mlp-forward} seeds (weights Glorot-uniform, biases in ±0.1, inputs in
 * [0, 1)) unless given; the labels are a seeded linear teacher's, argmax over classes of (x − ½)·T, so
 * the problem is learnable and its classes balanced.
 */
final class TrainingNetwork {
    static final int MIN_SHARD_ROWS = 32;
    static final int MAX_SHARDS = 16;
    /** The largest batch that is one shard (docs/performance.md, "Small batches: one shard, the products split"). */
    static final int ONE_SHARD_MAX_BATCH = 1024;

    final int batch;
    final int[] widths;
    final ElementType type;
    final int steps;
    final double learningRate;
    final Matrix input;
    final int[] labels;
    final Matrix initial;
    final Matrix parameters;
    final int[] weightOffset;
    final int[] biasOffset;
    final Matrix[] activations;
    final Matrix[] gradients;
    /** Each layer's biases, copied out of the parameters for the forward products. */
    final Matrix[] biases;
    final Matrix[] packedWeights;
    final Matrix[] packedTransposed;
    final int[] shardStart;
    final Matrix[] shardGradients;
    /** The shards' gradient arrays themselves, in shard order, as the reduction takes them (one of the two is null). */
    final float[][] shardGradientsF32;
    final double[][] shardGradientsF64;
    /** Each shard's dZ of the layer it is at, packed for its weight gradient (several shards only). */
    final Matrix[] shardPacked;
    /** Each layer's dZ for the whole batch, packed for the weight gradient (one shard only). */
    final Matrix[] packedGradients;
    /** Each row's loss at the current step, summed per shard and then over shards in shard order. */
    final double[] rowLoss;
    /** The mean cross-entropy of the batch at each step, before that step's update. */
    final double[] losses;

    /**
     * @param given  the input batch, or {@code null} for a seeded one
     * @param labels the class of each row, or {@code null} for the teacher's
     * @param start  the weights and biases to start from, or {@code null} for seeded ones
     */
    TrainingNetwork(int batch, int[] widths, ElementType type, int steps, double learningRate, long seed, Matrix given,
                    int[] labels, MlpWeights start) {
        this.batch = batch;
        this.widths = widths.clone();
        this.type = type;
        this.steps = steps;
        this.learningRate = type == ElementType.F32 ? (float) learningRate : learningRate;
        int layers = widths.length - 1;
        this.input = given != null ? given : Matrix.seeded(batch, widths[0], type, seed * 31, 0, 1);
        this.labels = labels != null ? labels : teacherLabels(input, widths[layers], seed);
        this.weightOffset = new int[layers];
        this.biasOffset = new int[layers];
        int length = 0;
        for (int l = 0; l < layers; l++) {
            weightOffset[l] = length;
            length += widths[l] * widths[l + 1];
            biasOffset[l] = length;
            length += widths[l + 1];
        }
        this.initial = Matrix.buffer(type, length);
        for (int l = 0; l < layers; l++) {
            if (start != null) {
                copy(start.weights()[l], initial, weightOffset[l]);
                copy(start.biases()[l], initial, biasOffset[l]);
                continue;
            }
            double limit = Math.sqrt(6.0 / (widths[l] + widths[l + 1]));
            fill(initial, weightOffset[l], widths[l] * widths[l + 1], seed * 31 + 2L * l + 1, -limit, limit);
            fill(initial, biasOffset[l], widths[l + 1], seed * 31 + 2L * l + 2, -0.1, 0.1);
        }
        this.parameters = Matrix.buffer(type, length);
        this.activations = new Matrix[layers];
        this.gradients = new Matrix[layers];
        this.biases = new Matrix[layers];
        this.packedWeights = new Matrix[layers];
        this.packedTransposed = new Matrix[layers];
        int widest = 0;
        for (int l = 0; l < layers; l++) {
            activations[l] = Matrix.zeros(batch, widths[l + 1], type);
            gradients[l] = Matrix.zeros(batch, widths[l + 1], type);
            biases[l] = Matrix.buffer(type, widths[l + 1]);
            packedWeights[l] = Matrix.buffer(type, GemmLayout.maxPackedLength(widths[l], widths[l + 1]));
            packedTransposed[l] = Matrix.buffer(type, GemmLayout.maxPackedLength(widths[l + 1], widths[l]));
            widest = Math.max(widest, widths[l + 1]);
        }
        int rows = shardRows(batch);
        int shards = shards(batch);
        this.shardStart = new int[shards + 1];
        for (int s = 0; s <= shards; s++) {
            shardStart[s] = Math.min(batch, s * rows);
        }
        this.shardGradients = new Matrix[shards];
        this.shardPacked = new Matrix[shards == 1 ? 0 : shards];
        for (int s = 0; s < shards; s++) {
            shardGradients[s] = Matrix.buffer(type, length);
        }
        for (int s = 0; s < shardPacked.length; s++) {
            shardPacked[s] = Matrix.buffer(type, (long) rows * (widest + GemmLayout.MAX_STRIP));
        }
        this.packedGradients = new Matrix[shards == 1 ? layers : 0];
        for (int l = 0; l < packedGradients.length; l++) {
            packedGradients[l] = Matrix.buffer(type, GemmLayout.maxPackedLength(batch, widths[l + 1]));
        }
        this.shardGradientsF32 = type == ElementType.F32
            ? java.util.Arrays.stream(shardGradients).map(Matrix::f32).toArray(float[][]::new) : null;
        this.shardGradientsF64 = type == ElementType.F64
            ? java.util.Arrays.stream(shardGradients).map(Matrix::f64).toArray(double[][]::new) : null;
        this.rowLoss = new double[batch];
        this.losses = new double[steps];
        reset();
    }

    /**
     * Rows per shard: the whole batch up to {@value #ONE_SHARD_MAX_BATCH}, else a sixteenth of it
     * in whole multiples of 8, and at least {@value #MIN_SHARD_ROWS}.
     */
    static int shardRows(long batch) {
        if (batch <= ONE_SHARD_MAX_BATCH) {
            return (int) Math.max(1, batch);
        }
        return (int) Math.max(MIN_SHARD_ROWS, Math.ceilDiv(Math.ceilDiv(batch, MAX_SHARDS), 8) * 8);
    }

    /** Elements of the packed dZ buffers: every layer's for the whole batch with one shard, else one per shard. */
    static long packedGradientElements(long batch, long[] widths) {
        long widest = 0;
        long all = 0;
        for (int l = 1; l < widths.length; l++) {
            widest = Math.max(widest, widths[l]);
            all += batch * (widths[l] + GemmLayout.MAX_STRIP);
        }
        return shards(batch) == 1 ? all : shards(batch) * shardRows(batch) * (widest + GemmLayout.MAX_STRIP);
    }

    static int shards(long batch) {
        return (int) Math.max(1, Math.ceilDiv(batch, shardRows(batch)));
    }

    int layers() {
        return widths.length - 1;
    }

    int shards() {
        return shardGradients.length;
    }

    /** One shard: the threads split its products rather than taking shards. */
    boolean splitsProducts() {
        return shards() == 1;
    }

    int classes() {
        return widths[widths.length - 1];
    }

    /** Back to the initial parameters, so every sample trains from the same start. */
    void reset() {
        if (type == ElementType.F32) {
            System.arraycopy(initial.f32(), 0, parameters.f32(), 0, initial.f32().length);
        } else {
            System.arraycopy(initial.f64(), 0, parameters.f64(), 0, initial.f64().length);
        }
        java.util.Arrays.fill(losses, Double.NaN);
    }

    private static void copy(Matrix from, Matrix to, int offset) {
        if (to.f32() != null) {
            System.arraycopy(from.f32(), 0, to.f32(), offset, from.f32().length);
        } else {
            System.arraycopy(from.f64(), 0, to.f64(), offset, from.f64().length);
        }
    }

    private static void fill(Matrix m, int offset, int count, long seed, double lo, double hi) {
        double span = hi - lo;
        for (int i = 0; i < count; i++) {
            if (m.f32() != null) {
                m.f32()[offset + i] = (float) (lo + span * CounterRandom.uniformFloat(seed, i));
            } else {
                m.f64()[offset + i] = lo + span * CounterRandom.uniform(seed, i);
            }
        }
    }

    /** argmax over classes of (x − ½)·T, with T uniform in ±1 from the seed. */
    private static int[] teacherLabels(Matrix x, int classes, long seed) {
        int width = x.cols();
        double[] teacher = new double[width * classes];
        for (int i = 0; i < teacher.length; i++) {
            teacher[i] = 2 * CounterRandom.uniform(seed * 31 - 1, i) - 1;
        }
        int[] labels = new int[x.rows()];
        double[] score = new double[classes];
        for (int r = 0; r < x.rows(); r++) {
            java.util.Arrays.fill(score, 0);
            for (int j = 0; j < width; j++) {
                double centred = x.get(r * width + j) - 0.5;
                for (int c = 0; c < classes; c++) {
                    score[c] += centred * teacher[j * classes + c];
                }
            }
            int best = 0;
            for (int c = 1; c < classes; c++) {
                best = score[c] > score[best] ? c : best;
            }
            labels[r] = best;
        }
        return labels;
    }
}
