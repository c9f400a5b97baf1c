package dev.lanes.core.kernels;

import dev.lanes.core.data.Value;
import dev.lanes.core.exec.BlockTask;
import dev.lanes.core.exec.GemmLayout;
import dev.lanes.core.exec.TrainingOps;

/**
 * One SGD step of {@code mlp-train} as phases, each the prerequisite of the next, so a
 * barrier separates them on every backend:
 * <ol>
 * <li>{@value #PACK}: every layer's W and Wᵀ packed for the running implementation (the
 *     weights changed in the last update), about {@value #JOB_ELEMENTS} elements a block, and the biases copied out;</li>
 * <li>with several shards, {@value #COMPUTE}: each shard of the batch forward through every
 *     layer, the softmax cross-entropy gradient of its rows, and back, leaving the shard's
 *     gradients of every W and b in its own buffer — no barrier between layers, a shard is one
 *     thread's;</li>
 * <li>with one shard (a small batch), {@value #COMPUTE} is every row forward, the loss gradient
 *     and back through the activation gradients (a row needs no other row for these), blocks of
 *     {@value #ROW_BLOCK} rows, each packing its rows of every layer's dZ; then
 *     {@value #WEIGHT_GRADIENTS}: every W's gradient Hᵀ·dZ over the whole batch and the update
 *     it makes, the threads taking about {@value #JOB_ELEMENTS} elements of W at a time, and the biases';</li>
 * <li>with several shards, {@value #REDUCE}: the shards' gradients summed in shard order and
 *     the parameters updated, one pass over the parameters cut into blocks: the reduction data
 *     parallelism pays for, timed apart from the compute.</li>
 * </ol>
 * Steps chain the same way, step s+1's packing after step s's update.
 */
final class TrainingPhases {
    static final String PACK = "pack";
    static final String COMPUTE = "forward+backward";
    static final String WEIGHT_GRADIENTS = "weight gradients+update";
    static final String REDUCE = "reduce+update";
    /** Parameters per block of the reduction: 64 KiB of f32, a multiple of 64. */
    private static final int REDUCE_BLOCK = 16_384;
    /** Rows of a one-shard batch per block of its forward and backward pass: a block's products keep 32 rows of A. */
    static final int ROW_BLOCK = 32;
    /**
     * Elements of a matrix per block where the threads share out the layers' matrices (the
     * packing, the weight gradients): blocks of equal work whatever the layer's width, so the
     * executor's contiguous groups of blocks are equal too; 64 rows of a 512-wide layer.
     */
    static final int JOB_ELEMENTS = 32_768;

    private TrainingPhases() {
    }

    /** The task of the whole stage: every step's three phases, the last update returning the parameters. */
    static BlockTask<TrainingOps, Void> steps(TrainingNetwork net) {
        StepEnd last = null;
        for (int step = 0; step < net.steps; step++) {
            Pack pack = new Pack(net, last);
            last = net.splitsProducts() ? new WeightGradients(net, step, new Rows(net, pack)) : new Reduce(net, step, new Compute(net, pack));
        }
        return last;
    }

    /** A phase of a step: named, after the phase before it (none for the first step's packing). */
    private abstract static class Phase extends WriteTask<TrainingOps> {
        private final String name;
        private final Phase before;

        Phase(String name, Phase before, int length, int blockSize) {
            super(TrainingOps.class, length, blockSize);
            this.name = name;
            this.before = before;
        }

        @Override
        public final String phase() {
            return name;
        }

        @Override
        public final BlockTask<TrainingOps, ?> prerequisite() {
            return before;
        }

        /** Only the last update's result is the stage's output. */
        @Override
        public Value result(Void total) {
            return null;
        }
    }

    /**
     * The phase that updates the parameters, ending a step: it restores them before a sample,
     * and gives the step's loss and (after the last step) the parameters.
     */
    private abstract static class StepEnd extends Phase {
        final TrainingNetwork net;
        private final int step;

        StepEnd(String name, TrainingNetwork net, int step, Phase before, int length, int blockSize) {
            super(name, before, length, blockSize);
            this.net = net;
            this.step = step;
        }

        @Override
        public final void reset() {
            net.reset();
        }

        @Override
        public final boolean updatesInPlace() {
            return true;
        }

        /** The step's loss, each shard's rows summed in order, then the shards' in shard order; the parameters after the last step. */
        @Override
        public final Value result(Void total) {
            double loss = 0;
            for (int s = 0; s < net.shards(); s++) {
                double shard = 0;
                for (int r = net.shardStart[s]; r < net.shardStart[s + 1]; r++) {
                    shard += net.rowLoss[r];
                }
                loss += shard;
            }
            net.losses[step] = loss / net.batch;
            return net.parameters.value();
        }
    }

    /**
     * One block per {@value #JOB_ELEMENTS} elements of each W and each Wᵀ but the input layer's (its
     * activations need no gradient), so the threads share the packing of every layer, Wᵀ's
     * transposing reads too; the biases are copied with their W's first rows.
     */
    private static final class Pack extends Phase {
        /** Rows [p0, p1) of one matrix: layer l's W, or its Wᵀ. */
        private record Job(int layer, boolean transposed, int p0, int p1) {
        }

        private final TrainingNetwork net;
        private final Job[] jobs;

        Pack(TrainingNetwork net, StepEnd before) {
            this(net, before, jobs(net));
        }

        private Pack(TrainingNetwork net, StepEnd before, Job[] jobs) {
            super(PACK, before, jobs.length, 1);
            this.net = net;
            this.jobs = jobs;
        }

        private static Job[] jobs(TrainingNetwork net) {
            java.util.List<Job> jobs = new java.util.ArrayList<>();
            for (int l = 0; l < net.layers(); l++) {
                int in = net.widths[l];
                int out = net.widths[l + 1];
                for (int p0 = 0, rows = jobRows(out); p0 < in; p0 += rows) {
                    jobs.add(new Job(l, false, p0, Math.min(in, p0 + rows)));
                }
                for (int p0 = 0, rows = jobRows(in); l > 0 && p0 < out; p0 += rows) {
                    jobs.add(new Job(l, true, p0, Math.min(out, p0 + rows)));
                }
            }
            return jobs.toArray(Job[]::new);
        }

        @Override
        public Void block(TrainingOps ops, int from, int to) {
            Matrix p = net.parameters;
            for (int b = from; b < to; b++) {
                Job job = jobs[b];
                int l = job.layer();
                int in = net.widths[l];
                int out = net.widths[l + 1];
                int offset = net.weightOffset[l];
                if (!job.transposed()) {
                    GemmLayout layout = ops.layout(net.type, out);
                    if (p.f32() != null) {
                        ops.pack(layout, p.f32(), offset, in, out, job.p0(), job.p1(), net.packedWeights[l].f32());
                        if (job.p0() == 0) {
                            ops.copy(p.f32(), net.biasOffset[l], net.biases[l].f32(), 0, out);
                        }
                    } else {
                        ops.pack(layout, p.f64(), offset, in, out, job.p0(), job.p1(), net.packedWeights[l].f64());
                        if (job.p0() == 0) {
                            ops.copy(p.f64(), net.biasOffset[l], net.biases[l].f64(), 0, out);
                        }
                    }
                } else {
                    GemmLayout layout = ops.layout(net.type, in);
                    if (p.f32() != null) {
                        ops.packTransposed(layout, p.f32(), offset, out, in, job.p0(), job.p1(), net.packedTransposed[l].f32());
                    } else {
                        ops.packTransposed(layout, p.f64(), offset, out, in, job.p0(), job.p1(), net.packedTransposed[l].f64());
                    }
                }
            }
            return null;
        }

    }

    /** Forward, loss gradient and backward of one shard per block. */
    private static final class Compute extends Phase {
        private final TrainingNetwork net;

        Compute(TrainingNetwork net, Pack before) {
            super(COMPUTE, before, net.shards(), 1);
            this.net = net;
        }

        @Override
        public Void block(TrainingOps ops, int from, int to) {
            for (int s = from; s < to; s++) {
                shard(ops, s);
            }
            return null;
        }

        private void shard(TrainingOps ops, int s) {
            int r0 = net.shardStart[s];
            int r1 = net.shardStart[s + 1];
            int[] w = net.widths;
            forward(net, ops, r0, r1);
            Matrix g = net.shardGradients[s];
            Matrix packed = net.shardPacked[s];
            int rows = r1 - r0;
            for (int l = net.layers() - 1; l >= 0; l--) {
                Matrix dz = net.gradients[l];
                Matrix in = l == 0 ? net.input : net.activations[l - 1];
                GemmLayout layout = ops.layout(net.type, w[l + 1]);
                if (dz.f32() != null) {
                    ops.pack(layout, dz.f32(), r0 * w[l + 1], rows, w[l + 1], 0, rows, packed.f32());
                    ops.multiplyTransposed(in.f32(), r0 * w[l], w[l], rows, packed.f32(), w[l + 1], g.f32(), net.weightOffset[l], 0, w[l]);
                    ops.biasGradient(dz.f32(), w[l + 1], r0, r1, g.f32(), net.biasOffset[l]);
                } else {
                    ops.pack(layout, dz.f64(), r0 * w[l + 1], rows, w[l + 1], 0, rows, packed.f64());
                    ops.multiplyTransposed(in.f64(), r0 * w[l], w[l], rows, packed.f64(), w[l + 1], g.f64(), net.weightOffset[l], 0, w[l]);
                    ops.biasGradient(dz.f64(), w[l + 1], r0, r1, g.f64(), net.biasOffset[l]);
                }
                if (l > 0) {
                    activationGradient(net, ops, l, r0, r1);
                }
            }
        }
    }

    /** Rows of a matrix {@code columns} wide per block: about {@value #JOB_ELEMENTS} elements, whole micro-kernel rows (8). */
    private static int jobRows(int columns) {
        return Math.max(8, JOB_ELEMENTS / Math.max(1, columns) / 8 * 8);
    }

    /** Rows [r0, r1) forward through every layer, then the softmax cross-entropy gradient of their logits and their losses. */
    private static void forward(TrainingNetwork net, TrainingOps ops, int r0, int r1) {
        int layers = net.layers();
        int[] w = net.widths;
        for (int l = 0; l < layers; l++) {
            Matrix in = l == 0 ? net.input : net.activations[l - 1];
            Matrix out = net.activations[l];
            boolean relu = l < layers - 1;
            if (in.f32() != null) {
                ops.multiply(in.f32(), w[l], net.packedWeights[l].f32(), w[l + 1], net.biases[l].f32(), relu, out.f32(), r0, r1);
            } else {
                ops.multiply(in.f64(), w[l], net.packedWeights[l].f64(), w[l + 1], net.biases[l].f64(), relu, out.f64(), r0, r1);
            }
        }
        Matrix logits = net.activations[layers - 1];
        if (logits.f32() != null) {
            ops.softmaxGradient(logits.f32(), net.classes(), net.labels, net.batch, net.gradients[layers - 1].f32(),
                net.rowLoss, r0, r1);
        } else {
            ops.softmaxGradient(logits.f64(), net.classes(), net.labels, net.batch, net.gradients[layers - 1].f64(),
                net.rowLoss, r0, r1);
        }
    }

    /** Rows [r0, r1) of layer l's input gradient, dZ·Wᵀ, through ReLU's derivative: the dZ of layer l − 1. */
    private static void activationGradient(TrainingNetwork net, TrainingOps ops, int l, int r0, int r1) {
        int[] w = net.widths;
        Matrix dz = net.gradients[l];
        Matrix dh = net.gradients[l - 1];
        if (dz.f32() != null) {
            ops.multiply(dz.f32(), w[l + 1], net.packedTransposed[l].f32(), w[l], null, false, dh.f32(), r0, r1);
            ops.reluGradient(dh.f32(), net.activations[l - 1].f32(), r0 * w[l], r1 * w[l]);
        } else {
            ops.multiply(dz.f64(), w[l + 1], net.packedTransposed[l].f64(), w[l], null, false, dh.f64(), r0, r1);
            ops.reluGradient(dh.f64(), net.activations[l - 1].f64(), r0 * w[l], r1 * w[l]);
        }
    }

    /**
     * A one-shard batch's rows, {@value #ROW_BLOCK} per block: forward, the loss gradient, and
     * back through every layer's activation gradient, each layer's dZ rows packed into the
     * whole batch's packing as they are made.
     */
    private static final class Rows extends Phase {
        private final TrainingNetwork net;

        Rows(TrainingNetwork net, Pack before) {
            super(COMPUTE, before, net.batch, ROW_BLOCK);
            this.net = net;
        }

        @Override
        public Void block(TrainingOps ops, int r0, int r1) {
            int[] w = net.widths;
            forward(net, ops, r0, r1);
            for (int l = net.layers() - 1; l >= 0; l--) {
                Matrix dz = net.gradients[l];
                Matrix packed = net.packedGradients[l];
                GemmLayout layout = ops.layout(net.type, w[l + 1]);
                if (dz.f32() != null) {
                    ops.pack(layout, dz.f32(), 0, net.batch, w[l + 1], r0, r1, packed.f32());
                } else {
                    ops.pack(layout, dz.f64(), 0, net.batch, w[l + 1], r0, r1, packed.f64());
                }
                if (l > 0) {
                    activationGradient(net, ops, l, r0, r1);
                }
            }
            return null;
        }
    }

    /**
     * A one-shard batch's weight gradients Hᵀ·dZ and the update they make, p ← p − η·g, every
     * layer's, about {@value #JOB_ELEMENTS} elements of W per block (the input layer's first, the
     * largest), and each layer's bias gradient and update with its first rows: no reduction,
     * and an implementation may update each tile of W as its gradient is made. Consecutive
     * blocks of a layer are one call, so a device given the whole range makes one per layer.
     */
    private static final class WeightGradients extends StepEnd {
        /** Rows [i0, i1) of layer l's W. */
        private record Job(int layer, int i0, int i1) {
        }

        private final Job[] jobs;

        WeightGradients(TrainingNetwork net, int step, Rows before) {
            this(net, step, before, jobs(net));
        }

        private WeightGradients(TrainingNetwork net, int step, Rows before, Job[] jobs) {
            super(WEIGHT_GRADIENTS, net, step, before, jobs.length, 1);
            this.jobs = jobs;
        }

        private static Job[] jobs(TrainingNetwork net) {
            java.util.List<Job> jobs = new java.util.ArrayList<>();
            for (int l = 0; l < net.layers(); l++) {
                for (int i0 = 0, rows = jobRows(net.widths[l + 1]); i0 < net.widths[l]; i0 += rows) {
                    jobs.add(new Job(l, i0, Math.min(net.widths[l], i0 + rows)));
                }
            }
            return jobs.toArray(Job[]::new);
        }

        @Override
        public Void block(TrainingOps ops, int from, int to) {
            for (int b = from; b < to; ) {
                int l = jobs[b].layer();
                int i0 = jobs[b].i0();
                while (b + 1 < to && jobs[b + 1].layer() == l) {
                    b++;
                }
                update(ops, l, i0, jobs[b].i1());
                b++;
            }
            ops.toHost(net.rowLoss);        // the losses the result sums; on the CPU a no-op in every block
            return null;
        }

        private void update(TrainingOps ops, int l, int i0, int i1) {
            int[] w = net.widths;
            int out = w[l + 1];
            Matrix dz = net.gradients[l];
            Matrix in = l == 0 ? net.input : net.activations[l - 1];
            Matrix packed = net.packedGradients[l];
            Matrix g = net.shardGradients[0];
            Matrix p = net.parameters;
            int bias = net.biasOffset[l];
            double rate = net.learningRate;
            if (dz.f32() != null) {
                ops.multiplyTransposedUpdate(in.f32(), 0, w[l], net.batch, packed.f32(), out, g.f32(), p.f32(), net.weightOffset[l],
                    rate, i0, i1);
                if (i0 == 0) {
                    ops.biasGradient(dz.f32(), out, 0, net.batch, g.f32(), bias);
                    ops.sumAndUpdate(net.shardGradientsF32, p.f32(), rate, bias, bias + out);
                }
            } else {
                ops.multiplyTransposedUpdate(in.f64(), 0, w[l], net.batch, packed.f64(), out, g.f64(), p.f64(), net.weightOffset[l],
                    rate, i0, i1);
                if (i0 == 0) {
                    ops.biasGradient(dz.f64(), out, 0, net.batch, g.f64(), bias);
                    ops.sumAndUpdate(net.shardGradientsF64, p.f64(), rate, bias, bias + out);
                }
            }
        }
    }

    /** The shards' gradients summed into the first shard's, in shard order, then p ← p − η·g. */
    private static final class Reduce extends StepEnd {
        Reduce(TrainingNetwork net, int step, Compute before) {
            super(REDUCE, net, step, before, net.parameters.cols(), REDUCE_BLOCK);
        }

        @Override
        public Void block(TrainingOps ops, int from, int to) {
            if (net.parameters.f32() != null) {
                ops.sumAndUpdate(net.shardGradientsF32, net.parameters.f32(), net.learningRate, from, to);
            } else {
                ops.sumAndUpdate(net.shardGradientsF64, net.parameters.f64(), net.learningRate, from, to);
            }
            ops.toHost(net.rowLoss);        // the losses the result sums; on the CPU a no-op in every block
            return null;
        }
    }
}
