package dev.lanes.gpu;

import java.util.ArrayList;
import java.util.List;

/**
 * The grid and block of one kernel launch, computed from the problem and the device alone,
 * so it can be tested without a GPU. Every factory matches the launch comment of its kernel
 * in {@code gpu/src/main/cuda}.
 *
 * @param sharedBytes dynamic shared memory per block
 */
record LaunchGeometry(int gridX, int gridY, int blockX, int blockY, int sharedBytes) {
    /** Threads per block of the one-dimensional kernels: a multiple of 32, and what block_sum assumes at most. */
    static final int THREADS = 256;
    /**
     * Blocks per multiprocessor for grid-stride kernels: 8 × 256 threads is the 2048 an
     * H100 SM holds, enough loads in flight to reach its memory bandwidth, and few enough
     * blocks that a reduction's partials stay a few thousand.
     */
    static final int BLOCKS_PER_SM = 8;
    /** The most blocks a grid's y dimension takes on every CUDA device. */
    static final int MAX_GRID_Y = 65_535;
    /** Pixels per stencil block: 32 × 8, as STENCIL_BX and STENCIL_BY in image_kernels.cu. */
    static final int STENCIL_X = 32;
    static final int STENCIL_Y = 8;

    LaunchGeometry {
        if (gridX < 1 || gridY < 1 || gridY > MAX_GRID_Y || blockX < 1 || blockY < 1 || blockX * blockY > 1024) {
            throw new IllegalArgumentException("not a valid launch: grid " + gridX + "x" + gridY + ", block " + blockX + "x" + blockY);
        }
    }

    int blocks() {
        return gridX * gridY;
    }

    /** A grid-stride loop over n elements: one block per 256 elements, at most 8 per multiprocessor. */
    static LaunchGeometry gridStride(long n, int multiprocessors) {
        long blocks = Math.clamp(Math.ceilDiv(n, THREADS), 1, (long) multiprocessors * BLOCKS_PER_SM);
        return new LaunchGeometry((int) blocks, 1, THREADS, 1, 0);
    }

    /** One warp per row, rows grid-stride. */
    static LaunchGeometry warpPerRow(long rows, int multiprocessors) {
        long warpsPerBlock = THREADS / 32;
        long blocks = Math.clamp(Math.ceilDiv(rows, warpsPerBlock), 1, (long) multiprocessors * BLOCKS_PER_SM);
        return new LaunchGeometry((int) blocks, 1, THREADS, 1, 0);
    }

    /** One 32 × 8 block per tile of the image, tiles numbered row by row in x. */
    static LaunchGeometry stencil(int height, int width) {
        long tiles = (long) tilesAcross(width) * Math.ceilDiv(height, STENCIL_Y);
        if (tiles > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("image too large for one launch: " + height + " x " + width);
        }
        return new LaunchGeometry((int) Math.max(1, tiles), 1, STENCIL_X, STENCIL_Y, 0);
    }

    static int tilesAcross(int width) {
        return Math.ceilDiv(width, STENCIL_X);
    }

    /**
     * A histogram: privatized in shared memory when {@code bins} 32-bit counters fit in a
     * block's {@code sharedLimit} bytes (then 4 blocks per multiprocessor, each with its own
     * copy), else straight to global memory.
     */
    static LaunchGeometry histogram(long n, int bins, int multiprocessors, int sharedLimit) {
        long blocks = Math.clamp(Math.ceilDiv(n, THREADS), 1, (long) multiprocessors * BLOCKS_PER_SM);
        if (privatized(bins, sharedLimit)) {
            return new LaunchGeometry((int) Math.min(blocks, (long) multiprocessors * 4), 1, THREADS, 1, bins * Integer.BYTES);
        }
        return new LaunchGeometry((int) blocks, 1, THREADS, 1, 0);
    }

    static boolean privatized(int bins, int sharedLimit) {
        return (long) bins * Integer.BYTES <= sharedLimit;
    }

    /** Elements of a transpose tile's edge, and its block's rows: TRANSPOSE_TILE and TRANSPOSE_ROWS in training_kernels.cu. */
    static final int TRANSPOSE_TILE = 32;
    static final int TRANSPOSE_ROWS = 8;

    /** Rows [p0, p1) of B = Tᵀ, n columns: one 32 × 8 block per 32 × 32 tile, B's columns in x. */
    static LaunchGeometry transpose(int rows, int n) {
        return new LaunchGeometry(Math.max(1, Math.ceilDiv(n, TRANSPOSE_TILE)), Math.max(1, Math.ceilDiv(rows, TRANSPOSE_TILE)),
            TRANSPOSE_TILE, TRANSPOSE_ROWS, 0);
    }

    /** One launch of a matrix product over rows {@code [firstRow, firstRow + rows)} of C. */
    record GemmSlab(int firstRow, int rows, LaunchGeometry geometry) {
    }

    /**
     * The launches of an m × n product with square tiles of {@code tile}: a grid of n / tile
     * by m / tile blocks of 256 threads, cut into slabs of rows where m / tile exceeds the
     * grid's y limit.
     */
    static List<GemmSlab> gemm(int m, int n, int tile) {
        List<GemmSlab> slabs = new ArrayList<>();
        int gridX = Math.max(1, Math.ceilDiv(n, tile));
        long maxRows = (long) MAX_GRID_Y * tile;
        for (long first = 0; first < m; first += maxRows) {
            int rows = (int) Math.min(maxRows, m - first);
            slabs.add(new GemmSlab((int) first, rows, new LaunchGeometry(gridX, Math.ceilDiv(rows, tile), THREADS, 1, 0)));
        }
        return slabs;
    }
}
