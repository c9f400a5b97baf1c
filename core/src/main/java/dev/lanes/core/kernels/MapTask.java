package dev.lanes.core.kernels;

import dev.lanes.core.exec.ArrayOps;

/** An element-wise task: blocks write their part of an array with {@link ArrayOps} and yield no partial. */
abstract class MapTask extends WriteTask<ArrayOps> {

    MapTask(int length, int blockSize) {
        super(ArrayOps.class, length, blockSize);
    }
}
