package dev.lanes.core.kernels;

import dev.lanes.core.exec.ArrayOps;

/** An element-wise task: blocks write their part of an array with {@link ArrayOps} and yield no partial. */
abstract class MapTask extends WriteTask<ArrayOps> {

    MapTask(int length, int blockSize) {
        super(ArrayOps.class, length, blockSize);
    }

    /** Element i of the output comes from element i of the range. */
    @Override
    public Written written(int from, int to) {
        return new Written(from, to);
    }
}
