package dev.lanes.core.kernels;

import dev.lanes.core.exec.ArrayOps;
import dev.lanes.core.exec.BlockTask;

/** A task over one index range whose blocks call {@link ArrayOps} and yield partials: the reductions. */
abstract class ArrayTask<P> implements BlockTask<ArrayOps, P> {
    private final int length;
    private final int blockSize;

    ArrayTask(int length, int blockSize) {
        this.length = length;
        this.blockSize = blockSize;
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
}
