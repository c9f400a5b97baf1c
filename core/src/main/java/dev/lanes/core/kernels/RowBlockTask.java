package dev.lanes.core.kernels;

import dev.lanes.core.exec.BlockTask;
import dev.lanes.core.exec.GemmOps;

/** A task over the rows of a matrix whose blocks call {@link GemmOps} and yield no partial. */
abstract class RowBlockTask implements BlockTask<GemmOps, Void> {
    private final int rows;
    private final int rowsPerBlock;

    RowBlockTask(int rows, int rowsPerBlock) {
        this.rows = rows;
        this.rowsPerBlock = rowsPerBlock;
    }

    @Override
    public final Class<GemmOps> opsType() {
        return GemmOps.class;
    }

    @Override
    public final int length() {
        return rows;
    }

    @Override
    public final int blockSize() {
        return rowsPerBlock;
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
