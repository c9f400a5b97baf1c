package dev.lanes.core.run;

import dev.lanes.core.data.Scalar;
import dev.lanes.core.data.Value;
import dev.lanes.core.exec.ArrayOps;
import dev.lanes.core.exec.Backend;
import dev.lanes.core.exec.BlockTask;
import dev.lanes.core.kernel.Check;
import dev.lanes.core.kernel.DataShape;
import dev.lanes.core.kernel.Kernel;
import dev.lanes.core.kernel.ParamSpec;
import dev.lanes.core.kernel.Params;
import dev.lanes.core.kernel.StageInstance;
import dev.lanes.core.kernel.StageShape;
import dev.lanes.core.kernel.Work;

import java.util.List;
import java.util.Set;

/**
 * A test-only kernel of very unequal blocks: the first of its 16 blocks takes 200 times as
 * long as each other one, which no claiming of whole groups can even out.
 */
final class SkewedKernel implements Kernel {
    static final int BLOCKS = 16;
    static final int BLOCK = 1024;
    private static final long LIGHT_NANOS = 300_000;
    private static final long HEAVY_NANOS = 200 * LIGHT_NANOS;

    @Override
    public String name() {
        return "skewed";
    }

    @Override
    public String summary() {
        return "test only: one block far costlier than the rest";
    }

    @Override
    public List<ParamSpec> params() {
        return List.of();
    }

    @Override
    public List<String> inputs() {
        return List.of();
    }

    @Override
    public Set<Backend> backends() {
        return Set.of(Backend.SCALAR, Backend.THREADS);
    }

    @Override
    public StageShape shape(Params params, List<DataShape> inputs) {
        return new StageShape(DataShape.scalarF64(), new Work(BLOCKS * BLOCK, 0, 0), 0);
    }

    @Override
    public StageInstance bind(Params params, List<Value> inputs) {
        return StageInstance.of(new Task(), out -> Check.of("blocks counted", Math.abs(((Scalar) out).value() - BLOCKS), 0));
    }

    private static final class Task implements BlockTask<ArrayOps, Double> {
        @Override
        public Class<ArrayOps> opsType() {
            return ArrayOps.class;
        }

        @Override
        public int length() {
            return BLOCKS * BLOCK;
        }

        @Override
        public int blockSize() {
            return BLOCK;
        }

        @Override
        public Double identity() {
            return 0.0;
        }

        @Override
        public Double block(ArrayOps ops, int from, int to) {
            long until = System.nanoTime() + (from == 0 ? HEAVY_NANOS : LIGHT_NANOS);
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            return 1.0;
        }

        @Override
        public Double combine(Double left, Double right) {
            return left + right;
        }

        @Override
        public Value result(Double total) {
            return new Scalar(total);
        }
    }
}
