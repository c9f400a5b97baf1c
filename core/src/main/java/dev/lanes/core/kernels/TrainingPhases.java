package dev.lanes.core.kernels;

import dev.lanes.core.data.Value;
import dev.lanes.core.exec.BlockTask;
import dev.lanes.core.exec.GemmLayout;
import dev.lanes.core.exec.TrainingOps;

/**
 * One SGD step of {@code mlp-train} as three tasks, each the prerequisite of the next, so a
 * barrier separates them on every backend:
 * <ol>
 * <li>{@value #PACK}: every layer's W and Wᵀ packed for the running implementation (the
 *     weights changed in the last update), panel by panel, and the biases copied out;</li>
 * <li>{@value #COMPUTE}: each shard of the batch forward through every layer, the softmax
 *     cross-entropy gradient of its rows, and back, leaving the shard's gradients of every W
 *     and b in its own buffer — no barrier between layers, a shard is one thread's;</li>
 * <li>{@value #REDUCE}: the shards' gradients summed in shard order and the parameters
 *     updated, one pass over the parameters cut into blocks: the reduction data parallelism
 *     pays for, timed apart from the compute.</li>
 * </ol>
 * Steps chain the same way, step s+1's packing after step s's update.
 */
final class TrainingPhases {
    static final String PACK = "pack";
    static final String COMPUTE = "forward+backward";
    static final String REDUCE = "reduce+update";
    /** Parameters per block of the reduction: 64 KiB of f32, a multiple of 64. */
    private static final int REDUCE_BLOCK = 16_384;

    private TrainingPhases() {
    }

    /** The task of the whole stage: every step's three phases, the last update returning the parameters. */
    static BlockTask<TrainingOps, Void> steps(TrainingNetwork net) {
        Reduce last = null;
        for (int step = 0; step < net.steps; step++) {
            last = new Reduce(net, step, new Compute(net, new Pack(net, last)));
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
     * One block per panel of {@value GemmLayout#KC} rows of each W and each Wᵀ but the input
     * layer's (its activations need no gradient), so the threads share the packing of a big
     * layer; the biases are copied with their W's first panel.
     */
    private static final class Pack extends Phase {
        /** A panel of one matrix: layer l's W, or its Wᵀ, from row p0. */
        private record Job(int layer, boolean transposed, int p0) {
        }

        private final TrainingNetwork net;
        private final Job[] jobs;

        Pack(TrainingNetwork net, Reduce before) {
            this(net, before, jobs(net));
        }

        private Pack(TrainingNetwork net, Reduce before, Job[] jobs) {
            super(PACK, before, jobs.length, 1);
            this.net = net;
            this.jobs = jobs;
        }

        private static Job[] jobs(TrainingNetwork net) {
            java.util.List<Job> jobs = new java.util.ArrayList<>();
            for (int l = 0; l < net.layers(); l++) {
                for (int p0 = 0; p0 < net.widths[l]; p0 += GemmLayout.KC) {
                    jobs.add(new Job(l, false, p0));
                }
                for (int p0 = 0; l > 0 && p0 < net.widths[l + 1]; p0 += GemmLayout.KC) {
                    jobs.add(new Job(l, true, p0));
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
                    int p1 = Math.min(in, job.p0() + GemmLayout.KC);
                    if (p.f32() != null) {
                        ops.pack(layout, p.f32(), offset, in, out, job.p0(), p1, net.packedWeights[l].f32());
                        if (job.p0() == 0) {
                            ops.copy(p.f32(), net.biasOffset[l], net.biases[l].f32(), 0, out);
                        }
                    } else {
                        ops.pack(layout, p.f64(), offset, in, out, job.p0(), p1, net.packedWeights[l].f64());
                        if (job.p0() == 0) {
                            ops.copy(p.f64(), net.biasOffset[l], net.biases[l].f64(), 0, out);
                        }
                    }
                } else {
                    GemmLayout layout = ops.layout(net.type, in);
                    int p1 = Math.min(out, job.p0() + GemmLayout.KC);
                    if (p.f32() != null) {
                        ops.packTransposed(layout, p.f32(), offset, out, in, job.p0(), p1, net.packedTransposed[l].f32());
                    } else {
                        ops.packTransposed(layout, p.f64(), offset, out, in, job.p0(), p1, net.packedTransposed[l].f64());
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
            Matrix g = net.shardGradients[s];
            Matrix packed = net.shardPacked[s];
            int rows = r1 - r0;
            for (int l = layers - 1; l >= 0; l--) {
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
                    Matrix dh = net.gradients[l - 1];
                    if (dz.f32() != null) {
                        ops.multiply(dz.f32(), w[l + 1], net.packedTransposed[l].f32(), w[l], null, false, dh.f32(), r0, r1);
                    } else {
                        ops.multiply(dz.f64(), w[l + 1], net.packedTransposed[l].f64(), w[l], null, false, dh.f64(), r0, r1);
                    }
                    int from = r0 * w[l];
                    int to = r1 * w[l];
                    if (dh.f32() != null) {
                        ops.reluGradient(dh.f32(), net.activations[l - 1].f32(), from, to);
                    } else {
                        ops.reluGradient(dh.f64(), net.activations[l - 1].f64(), from, to);
                    }
                }
            }
        }

    }

    /** The shards' gradients summed into the first shard's, in shard order, then p ← p − η·g. */
    private static final class Reduce extends Phase {
        private final TrainingNetwork net;
        private final int step;

        Reduce(TrainingNetwork net, int step, Compute before) {
            super(REDUCE, before, net.parameters.cols(), REDUCE_BLOCK);
            this.net = net;
            this.step = step;
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

        @Override
        public void reset() {
            net.reset();
        }

        @Override
        public boolean updatesInPlace() {
            return true;
        }

        /** The step's loss, each shard's rows summed in order, then the shards' in shard order; the parameters after the last step. */
        @Override
        public Value result(Void total) {
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
}
