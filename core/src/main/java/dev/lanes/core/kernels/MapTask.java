package dev.lanes.core.kernels;

import dev.lanes.core.exec.ArrayOps;
import dev.lanes.core.exec.BlockTask;

/** An element-wise task: blocks write their part of an array and yield no partial. */
abstract class MapTask implements BlockTask<ArrayOps, Void> {
    private final int length;
    private final int blockSize;

    MapTask(int length, int blockSize) {
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

    @Override
    public final Void identity() {
        return null;
    }

    @Override
    public final Void combine(Void left, Void right) {
        return null;
    }
}
