package dev.lanes.core.kernels;

import dev.lanes.core.exec.GemmOps;

/** A task over the rows of a matrix whose blocks call {@link GemmOps} and yield no partial. */
abstract class RowBlockTask extends WriteTask<GemmOps> {

    RowBlockTask(int rows, int rowsPerBlock) {
        super(GemmOps.class, rows, rowsPerBlock);
    }

    /**
     * A call over more rows of A streams each panel of B once for all of them (the SIMD
     * product takes up to 256 rows of A per pass): f64 n = 2048 on two threads ran in 188–195
     * ms instead of 211–227 (docs/performance.md, "matmul: a group of blocks in one call").
     */
    @Override
    public final boolean joinsBlocks() {
        return true;
    }
}
