package dev.lanes.core.kernels;

import dev.lanes.core.data.ElementType;
import dev.lanes.core.data.Scalar;
import dev.lanes.core.data.Value;
import dev.lanes.core.exec.ArrayOps;
import dev.lanes.core.exec.BlockTask;

/** A reduction to one f64 whose block partials are added: subclasses give the block function. */
abstract class SumTask implements BlockTask<ArrayOps, Double> {
    private final int length;
    private final int blockSize;

    SumTask(int length, ElementType type) {
        this.length = length;
        this.blockSize = SumBounds.blockSize(type);
    }

    @Override
    public final Class<ArrayOps> opsType() {
        return ArrayOps.class;
    }

    @Override
    public final int length() {
        return length;
    }

    @Override
    public final int blockSize() {
        return blockSize;
    }

    @Override
    public final Double identity() {
        return 0.0;
    }

    @Override
    public final Double combine(Double left, Double right) {
        return left + right;
    }

    @Override
    public final Value result(Double total) {
        return new Scalar(total);
    }
}
