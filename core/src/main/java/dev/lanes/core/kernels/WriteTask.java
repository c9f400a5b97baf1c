package dev.lanes.core.kernels;

import dev.lanes.core.exec.BlockTask;

/** A task whose blocks write their part of an output array and yield no partial. */
abstract class WriteTask<O> implements BlockTask<O, Void> {
    private final Class<O> opsType;
    private final int length;
    private final int blockSize;

    WriteTask(Class<O> opsType, int length, int blockSize) {
        this.opsType = opsType;
        this.length = length;
        this.blockSize = blockSize;
    }

    @Override
    public final Class<O> opsType() {
        return opsType;
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
