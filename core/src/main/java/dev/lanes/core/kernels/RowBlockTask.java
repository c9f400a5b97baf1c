package dev.lanes.core.kernels;

import dev.lanes.core.exec.GemmOps;

/** A task over the rows of a matrix whose blocks call {@link GemmOps} and yield no partial. */
abstract class RowBlockTask extends WriteTask<GemmOps> {

    RowBlockTask(int rows, int rowsPerBlock) {
        super(GemmOps.class, rows, rowsPerBlock);
    }
}
